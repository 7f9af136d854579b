import type { User } from '../contract';
import { AppError, forbidden, notFound } from './errors';

// Who may see and change what. Foreign single records, and another district named in a write, answer
// NOT_FOUND exactly as a missing one does, so their existence is not revealed; foreign list filters
// answer FORBIDDEN (the same for a district that does not exist).

export function canReadDistrict(actor: User, districtId: string | null): boolean {
  if (actor.role === 'coordinator') return true;
  if (actor.role === 'district_official') return districtId === actor.districtId;
  return false;
}

/** City-level records (no district, e.g. a wholesale market) are readable by every official. */
export function canReadDistrictOrCity(actor: User, districtId: string | null): boolean {
  return districtId === null ? actor.role !== 'driver' : canReadDistrict(actor, districtId);
}

export function assertCanWriteDistrict(actor: User, districtId: string | null | undefined, field: string): void {
  if (actor.role === 'coordinator') return;
  if (actor.role === 'district_official' && districtId && districtId === actor.districtId) return;
  if (actor.role === 'district_official' && districtId) throw notFound('district', districtId, field);
  throw new AppError(
    'FORBIDDEN',
    actor.role === 'district_official'
      ? `${field}: you may only write records of district "${actor.districtId}"`
      : 'your role may not change this record',
    field,
  );
}

/** The district a list is limited to: officials always get their own, whatever they ask. */
export function listDistrict(actor: User, requested: string | undefined): string | undefined {
  if (actor.role === 'coordinator') return requested;
  if (actor.role === 'district_official') {
    if (requested && requested !== actor.districtId) throw forbidden(`you may only list district "${actor.districtId}"`);
    return actor.districtId ?? '__none__';
  }
  throw forbidden('drivers may not list these records');
}
