import type { Depot, Staff, User, Vehicle } from '../contract';
import { notFound } from './errors';
import type { Store } from './ports';
import { canReadDistrict, canReadDistrictOrCity } from './scope';

// References in a write (a van's driver and home depot, a crew member's van, a record's district) are
// checked against the writer's scope, not just for existence: an official may attach only what they may
// see. One they may not see answers exactly as a missing one (NOT_FOUND, same message), so a write
// cannot probe another district's ids.

export async function districtRef(tx: Store, actor: User, districtId: string, field: string): Promise<void> {
  const visible = actor.role === 'coordinator' || (actor.role === 'district_official' && actor.districtId === districtId);
  if (!visible || !(await tx.districts.get(districtId))) throw notFound('district', districtId, field);
}

/** Home depots: the district's own or a city-level one (officials read those; README, Roles). */
export async function depotRef(tx: Store, actor: User, depotId: string, field: string): Promise<Depot> {
  const depot = await tx.depots.get(depotId);
  if (!depot || !canReadDistrictOrCity(actor, depot.districtId)) throw notFound('depot', depotId, field);
  return depot;
}

export async function staffRef(tx: Store, actor: User, staffId: string, field: string): Promise<Staff> {
  const staff = await tx.staff.get(staffId);
  if (!staff || !canReadDistrict(actor, staff.districtId)) throw notFound('staff member', staffId, field);
  return staff;
}

export async function vehicleRef(tx: Store, actor: User, vehicleId: string, field: string): Promise<Vehicle> {
  const vehicle = await tx.vehicles.get(vehicleId);
  if (!vehicle || !canReadDistrict(actor, vehicle.districtId)) throw notFound('vehicle', vehicleId, field);
  return vehicle;
}
