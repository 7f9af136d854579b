import type { User } from '../../contract';
import type { RequestBulkInput, RequestListQuery, RequestPatch, RequestStatus, ResidentRequest } from '../../contract/requests';
import { AppError, notFound } from '../errors';
import type { Store } from '../ports';
import type { RequestRecord } from './ports';
import { assertCanWriteDistrict, canReadDistrict, listDistrict } from '../scope';

/** Where a request may go from each status; resolved and referred are final. */
const NEXT: Record<RequestStatus, readonly RequestStatus[]> = {
  new: ['assigned', 'referred'],
  assigned: ['assigned', 'resolved', 'referred'],
  resolved: [],
  referred: [],
};

const BULK_STATUS = { assign: 'assigned', resolve: 'resolved', refer: 'referred' } as const;

export const requestDto = ({ textHash: _h, ...r }: RequestRecord, at: Date): ResidentRequest => ({
  ...r, ageS: Math.max(0, Math.floor((at.getTime() - Date.parse(r.createdAt)) / 1000)),
});

/** Staff side: list, read, move along new → assigned → resolved | referred; every change audited. */
export function createRequestTriage(store: Store, now: () => Date) {
  async function readable(tx: Store, actor: User, id: string, field?: string): Promise<RequestRecord> {
    const r = await tx.requests.get(id);
    // Other districts' requests answer NOT_FOUND: their existence is not revealed.
    if (!r || !canReadDistrict(actor, r.districtId)) throw notFound('request', id, field);
    return r;
  }

  /** Checks one change and writes it with its audit entry (inside the caller's transaction). */
  async function change(tx: Store, actor: User, id: string, patch: RequestPatch, field: string): Promise<RequestRecord> {
    const before = await readable(tx, actor, id, field);
    assertCanWriteDistrict(actor, before.districtId, field);
    if (!NEXT[before.status].includes(patch.status)) {
      throw new AppError('CONFLICT', `body.status: a ${before.status} request cannot become ${patch.status} (request "${id}")`, 'body.status');
    }
    let ownerId = before.ownerId;
    if (patch.status === 'assigned') {
      if (!patch.ownerId) throw new AppError('VALIDATION', 'body.ownerId: say who handles the request', 'body.ownerId');
      const owner = await tx.users.get(patch.ownerId);
      if (!owner || !canReadDistrict(owner, before.districtId)) {
        throw new AppError('VALIDATION', `body.ownerId: "${patch.ownerId}" is not a user who may handle requests of district "${before.districtId}"`, 'body.ownerId');
      }
      ownerId = owner.id;
    } else if (!patch.note?.trim()) {
      throw new AppError('VALIDATION', `body.note: a ${patch.status} request needs a note saying what was done`, 'body.note');
    }
    const at = now().toISOString();
    const note = patch.note?.trim() || before.note;
    await tx.requests.update(id, { status: patch.status, ownerId, note, updatedAt: at });
    await tx.audit.append({
      at, userId: actor.id, action: `request.${patch.status}`, entity: 'request', entityId: id,
      detail: { from: before.status, to: patch.status, ownerId, note: patch.note ?? null },
    });
    return { ...before, status: patch.status, ownerId, note, updatedAt: at };
  }

  return {
    async list(actor: User, query: RequestListQuery): Promise<ResidentRequest[]> {
      const at = now();
      const ago = (s: number | undefined) => (s === undefined ? undefined : new Date(at.getTime() - s * 1000).toISOString());
      const rows = await store.requests.list({
        districtId: listDistrict(actor, query.districtId), status: query.status, category: query.category, zoneId: query.zoneId,
        createdBefore: ago(query.minAgeS), createdAfter: ago(query.maxAgeS),
      });
      return rows.map((r) => requestDto(r, at));
    },

    get: async (actor: User, id: string) => requestDto(await readable(store, actor, id), now()),

    update: async (actor: User, id: string, patch: RequestPatch) =>
      requestDto(await store.transaction((tx) => change(tx, actor, id, patch, 'id')), now()),

    /** All or nothing: one refused request leaves every one of them as it was. */
    async bulk(actor: User, input: RequestBulkInput): Promise<ResidentRequest[]> {
      const patch: RequestPatch = { status: BULK_STATUS[input.action], ownerId: input.ownerId, note: input.note };
      const done = await store.transaction(async (tx) => {
        const out: RequestRecord[] = [];
        for (const [i, id] of [...new Set(input.ids)].entries()) out.push(await change(tx, actor, id, patch, `body.ids.${i}`));
        return out;
      });
      const at = now();
      return done.map((r) => requestDto(r, at));
    },
  };
}
