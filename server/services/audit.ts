import type { User } from '../contract';
import type { NewAuditEntry, Store } from './ports';

export interface AuditedWrite<T> {
  result: T;
  audit: Omit<NewAuditEntry, 'at' | 'userId'>;
}

/** Runs a write and its audit entry in one transaction: either both land or neither does. */
export function writeAudited<T>(
  store: Store,
  actor: User,
  now: () => Date,
  write: (tx: Store) => Promise<AuditedWrite<T>>,
): Promise<T> {
  return store.transaction(async (tx) => {
    const { result, audit } = await write(tx);
    await tx.audit.append({ ...audit, at: now().toISOString(), userId: actor.id });
    return result;
  });
}
