import type { ExcludedVehicle, PlanResult, Vehicle, VehicleAvailability } from '../../contract';

/** The fleet without the vans marked broken down, and those vans (in the plan's scope) as excluded with the note. */
export function withoutBrokenVans(fleet: readonly Vehicle[], availability: readonly VehicleAvailability[], districtId: string | null): {
  vehicles: Vehicle[];
  excluded: ExcludedVehicle[];
} {
  const broken = new Map(availability.filter((a) => a.status === 'broken_down').map((a) => [a.vehicleId, a.note]));
  const inScope = (v: Vehicle) => !districtId || v.districtId === districtId || v.districtId === null;
  return {
    vehicles: fleet.filter((v) => !broken.has(v.id)),
    excluded: fleet.filter((v) => broken.has(v.id) && inScope(v)).map((v) => {
      const note = broken.get(v.id)!;
      return {
        vehicleId: v.id, reason: 'broken_down',
        zh: `${v.name}故障停驶${note ? `（${note}）` : ''}`, en: `${v.name} is broken down${note ? ` (${note})` : ''}`,
      };
    }),
  };
}

/** Adds the broken vans to a plan's excluded list (once each). */
export function addExcluded(result: PlanResult, excluded: readonly ExcludedVehicle[]): PlanResult {
  const listed = new Set(result.excludedVehicles.map((e) => e.vehicleId));
  return { ...result, excludedVehicles: [...result.excludedVehicles, ...excluded.filter((e) => !listed.has(e.vehicleId))] };
}
