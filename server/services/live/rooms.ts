import type { User, Vehicle } from '../../contract';

// Who sees what, per room. Each user joins exactly one room, so each room keeps one sequence and a
// client can spot a gap. Foreign data never reaches a room: events are built per room through these.

export const COORDINATORS = 'coordinators';
export const districtRoom = (id: string) => `district:${id}`;
export const vehicleRoom = (id: string) => `vehicle:${id}`;

export interface View {
  room: string;
  /** Sees the van itself: its position, ETAs, lateness. */
  seesVehicle(vehicle: Pick<Vehicle, 'id' | 'districtId'>): boolean;
  /** Sees a stop: by the zone's district, or (a driver) by the van. */
  seesStop(vehicleId: string, zoneDistrictId: string | null): boolean;
  seesZone(zoneDistrictId: string): boolean;
}

/** The one room a user may join, or null when the user may watch nothing (an unbound driver). */
export function roomOf(user: User): string | null {
  if (user.role === 'coordinator') return COORDINATORS;
  if (user.role === 'district_official') return user.districtId ? districtRoom(user.districtId) : null;
  return user.vehicleId ? vehicleRoom(user.vehicleId) : null;
}

export function viewOf(room: string): View {
  if (room === COORDINATORS) return { room, seesVehicle: () => true, seesStop: () => true, seesZone: () => true };
  const [kind, id] = [room.slice(0, room.indexOf(':')), room.slice(room.indexOf(':') + 1)];
  if (kind === 'district') {
    return {
      room,
      seesVehicle: (v) => v.districtId === id,
      seesStop: (_v, zoneDistrict) => zoneDistrict === id,
      seesZone: (zoneDistrict) => zoneDistrict === id,
    };
  }
  if (kind === 'vehicle') {
    return { room, seesVehicle: (v) => v.id === id, seesStop: (vehicleId) => vehicleId === id, seesZone: () => false };
  }
  throw new Error(`unknown room "${room}"`);
}

/** Rooms that may hear about a van: coordinators, its district's officials, its driver. */
export function vehicleRooms(vehicle: Pick<Vehicle, 'id' | 'districtId'>): string[] {
  return [COORDINATORS, ...(vehicle.districtId ? [districtRoom(vehicle.districtId)] : []), vehicleRoom(vehicle.id)];
}

/** Rooms that may hear about a stop: coordinators, the zone's district, the van's driver. */
export function stopRooms(vehicleId: string, zoneDistrictId: string | null): string[] {
  return [COORDINATORS, ...(zoneDistrictId ? [districtRoom(zoneDistrictId)] : []), vehicleRoom(vehicleId)];
}

export function zoneRooms(zoneDistrictId: string): string[] {
  return [COORDINATORS, districtRoom(zoneDistrictId)];
}
