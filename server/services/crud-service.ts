import { randomUUID } from 'node:crypto';
import type { User } from '../contract';
import { writeAudited } from './audit';
import { AppError, notFound } from './errors';
import type { Store } from './ports';
import { assertCanWriteDistrict } from './scope';

export interface CrudRepo<T> {
  get(id: string): Promise<T | null>;
  upsert(record: T): Promise<void>;
  delete(id: string): Promise<boolean>;
}

export interface CrudSpec<T extends { id: string }, I extends { id?: string }> {
  entity: string;
  repo: (store: Store) => CrudRepo<T>;
  canRead: (actor: User, record: T) => boolean;
  districtOf: (record: T) => string | null;
  /** Checks references and rules an edge schema cannot, then builds the record. */
  build: (actor: User, input: I, id: string, tx: Store, before: T | null) => Promise<T>;
  /** A message when the record is still in use and may not be deleted. */
  inUse?: (tx: Store, record: T) => Promise<string | null>;
  /** Runs in the write's transaction after an update (`after` set) or a delete (`after` null). */
  afterChange?: (tx: Store, actor: User, before: T, after: T | null) => Promise<void>;
}

/** Create/read/update/delete with scope checks and an audit entry per write, in one transaction. */
export function createCrudService<T extends { id: string }, I extends { id?: string }>(
  store: Store,
  now: () => Date,
  spec: CrudSpec<T, I>,
) {
  async function readable(actor: User, id: string, tx: Store = store): Promise<T> {
    const record = await spec.repo(tx).get(id);
    if (!record || !spec.canRead(actor, record)) throw notFound(spec.entity, id);
    return record;
  }

  return {
    get: (actor: User, id: string) => readable(actor, id),
    readable,

    create: (actor: User, input: I) =>
      writeAudited(store, actor, now, async (tx) => {
        const id = input.id ?? randomUUID();
        if (await spec.repo(tx).get(id)) throw new AppError('CONFLICT', `body.id: ${spec.entity} "${id}" already exists`, 'body.id');
        const record = await spec.build(actor, input, id, tx, null);
        assertCanWriteDistrict(actor, spec.districtOf(record), 'body.districtId');
        await spec.repo(tx).upsert(record);
        return { result: record, audit: { action: `${spec.entity}.create`, entity: spec.entity, entityId: id, detail: input } };
      }),

    update: (actor: User, id: string, input: I) =>
      writeAudited(store, actor, now, async (tx) => {
        const before = await readable(actor, id, tx);
        assertCanWriteDistrict(actor, spec.districtOf(before), 'districtId');
        if (input.id !== undefined && input.id !== id) {
          throw new AppError('VALIDATION', `body.id: "${input.id}" does not match the ${spec.entity} in the path "${id}"`, 'body.id');
        }
        const record = await spec.build(actor, input, id, tx, before);
        assertCanWriteDistrict(actor, spec.districtOf(record), 'body.districtId');
        await spec.repo(tx).upsert(record);
        await spec.afterChange?.(tx, actor, before, record);
        return { result: record, audit: { action: `${spec.entity}.update`, entity: spec.entity, entityId: id, detail: input } };
      }),

    remove: (actor: User, id: string) =>
      writeAudited(store, actor, now, async (tx) => {
        const before = await readable(actor, id, tx);
        assertCanWriteDistrict(actor, spec.districtOf(before), 'districtId');
        const busy = spec.inUse ? await spec.inUse(tx, before) : null;
        if (busy) throw new AppError('CONFLICT', busy);
        await spec.repo(tx).delete(id);
        await spec.afterChange?.(tx, actor, before, null);
        return { result: { deleted: true as const }, audit: { action: `${spec.entity}.delete`, entity: spec.entity, entityId: id, detail: null } };
      }),
  };
}
