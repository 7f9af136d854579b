import type { Staff } from '../../contract';
import type { RevokedPass } from '../../contract/requests';
import { isoOf } from '../../domain/local-time';
import type { Store } from '../ports';

// A pass is only as good as its holder's clearance. A gate checks passes offline (public key plus the
// revoked list), so whatever ends the clearance must reach that list:
// - at issue, a pass's validity never exceeds the health check (validUntilOf);
// - a staff write that shortens the health check, or removes the record, revokes (stored) every live
//   pass that would outlive it, in the same transaction as the write;
// - on read, the list also names live passes whose holder's check has lapsed by now or whose staff
//   record is gone, so clearance ended by the clock or by a write that bypassed the above (an older
//   server, a hand edit) still reaches the gate.

/** A health check valid "until 2021-06-10" covers that whole local day. */
export function validUntilOf(healthCheckValidUntil: string, utcOffset: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(healthCheckValidUntil)) return isoOf(healthCheckValidUntil, 86_399, utcOffset);
  return new Date(healthCheckValidUntil).toISOString();
}

/**
 * Revokes the holder's passes that the staff write leaves without clearance: all of them when the
 * record is removed (`after` null), else those valid past the new health check. Returns how many.
 */
export async function revokeOutlivedPasses(
  tx: Store, before: Staff, after: Staff | null, at: string, by: string, utcOffset: string,
): Promise<number> {
  if (!after) return tx.passes.revokeForStaff(before.id, at, by);
  return tx.passes.revokeForStaff(before.id, at, by, validUntilOf(after.healthCheckValidUntil, utcOffset));
}

/** The stored revocations plus live passes whose holder is gone or no longer cleared at `at`. */
export async function revokedAt(store: Store, at: Date, utcOffset: string): Promise<RevokedPass[]> {
  const [stored, live, staff] = await Promise.all([store.passes.revoked(), store.passes.live(at.toISOString()), store.staff.list()]);
  const byId = new Map(staff.map((s) => [s.id, s]));
  const lapsed: RevokedPass[] = [];
  for (const p of live) {
    const holder = byId.get(p.staffId);
    if (!holder) { lapsed.push({ passId: p.passId, revokedAt: at.toISOString() }); continue; }
    const clearedUntil = validUntilOf(holder.healthCheckValidUntil, utcOffset);
    // Outlives the check: revoked from when the check ran out, or from now if that is still ahead
    // (as a write that shortened it would have done).
    if (clearedUntil < p.validUntil) lapsed.push({ passId: p.passId, revokedAt: Date.parse(clearedUntil) <= at.getTime() ? clearedUntil : at.toISOString() });
  }
  return [...stored, ...lapsed];
}
