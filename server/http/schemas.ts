import { z } from 'zod';
import { MAX_POLYGON_POSITIONS } from '../domain/geo-validate';
import { normaliseName } from '../domain/names';
import type {
  DepotInput, LoginInput, PlanListQuery, PlanRunInput, PlanSituation, PolygonGeometry, StaffInput, VehicleInput, VehicleAvailabilityInput, ZoneFeatureCollection, ZoneInput,
} from '../contract';

// Edge validation. Each schema `satisfies` its contract type so the two cannot drift apart.

const id = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may hold only letters, digits, "_", ".", ":" and "-"');
// Names are normalised at the edge, before any check or lookup sees them (server/domain/names.ts).
const normalised = () => z.string().overwrite(normaliseName);
const name = normalised().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const nameEn = normalised().max(200);
const count = z.number().int('must be a whole number').min(0, 'must not be negative').max(100_000_000, 'is implausibly large');
const kg = z.number().finite().min(0, 'must not be negative').max(100_000_000, 'is implausibly large');
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM');
const instant = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' });
const dateOrInstant = z.union([z.iso.date(), instant], { message: 'must be an ISO-8601 date (YYYY-MM-DD) or date-time' });

export const lngLatSchema = z.tuple([
  z.number().finite().min(-180, 'longitude must be ≥ -180').max(180, 'longitude must be ≤ 180'),
  z.number().finite().min(-90, 'latitude must be ≥ -90').max(90, 'latitude must be ≤ 90'),
]);

// Structure only: ranges, closure, self-intersection and area are domain rules checked by the
// service, which can tell swapped [lat, lng] coordinates from merely wrong ones.
const position = z.tuple([z.number().finite(), z.number().finite()]);
export const polygonSchema = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(position).min(4, 'a ring needs at least 4 positions'))
    .min(1, 'needs an outer ring').max(100)
    // Counted at the edge too, so an oversized polygon is refused before any geometry work.
    .refine((rings) => rings.reduce((n, ring) => n + ring.length, 0) <= MAX_POLYGON_POSITIONS,
      `must hold at most ${MAX_POLYGON_POSITIONS} positions, all rings together`),
}) satisfies z.ZodType<PolygonGeometry>;

const specialNeedsSchema = z.strictObject({
  elderlyAlone: count.optional(),
  infants: count.optional(),
  chronicPatients: count.optional(),
});

export const zoneInputSchema = z.strictObject({
  id: id.optional(),
  districtId: id,
  streetId: id.nullable().optional(),
  name,
  nameEn: nameEn.optional(),
  tier: z.string().min(1).max(50),
  status: z.enum(['active', 'lifted']).optional(),
  population: count,
  populationEstimated: z.boolean().optional(),
  households: count,
  specialNeeds: specialNeedsSchema.optional(),
  polygon: polygonSchema,
  sealedAt: instant.nullable().optional(),
  liftedAt: instant.nullable().optional(),
}) satisfies z.ZodType<ZoneInput>;

export const zoneFeatureCollectionSchema = z.strictObject({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({
    type: z.literal('Feature'),
    geometry: polygonSchema,
    properties: zoneInputSchema.omit({ polygon: true }).partial().extend({ name }),
  })).min(1, 'must hold at least one feature').max(5_000, 'at most 5,000 features per import'),
}) satisfies z.ZodType<ZoneFeatureCollection>;

const stockSchema = z.record(id, kg);

export const depotInputSchema = z.strictObject({
  id: id.optional(),
  districtId: id.nullable().optional(),
  name,
  nameEn: nameEn.optional(),
  location: lngLatSchema,
  opensAt: timeOfDay,
  closesAt: timeOfDay,
  stockKg: stockSchema.optional(),
}) satisfies z.ZodType<DepotInput>;

export const stockUpdateSchema = z.strictObject({ stockKg: stockSchema });

export const vehicleInputSchema = z.strictObject({
  id: id.optional(),
  name,
  kind: z.enum(['van', 'bus']),
  homeDepotId: id,
  districtId: id.nullable().optional(),
  capacityKg: kg.refine((v) => v > 0, 'must be positive'),
  coldChainKg: kg,
  shiftStart: timeOfDay,
  shiftEnd: timeOfDay,
  driverId: id.nullable().optional(),
}) satisfies z.ZodType<VehicleInput>;

export const vehicleAvailabilitySchema = z.strictObject({
  status: z.enum(['available', 'broken_down']),
  note: z.string().trim().max(200).optional(),
}) satisfies z.ZodType<VehicleAvailabilityInput>;

export const staffInputSchema = z.strictObject({
  id: id.optional(),
  name,
  role: z.enum(['driver', 'handoff_worker']),
  passNumber: normalised().min(1).max(50),
  healthCheckValidUntil: dateOrInstant,
  vehicleId: id.nullable().optional(),
  districtId: id.nullable().optional(),
}) satisfies z.ZodType<StaffInput>;

export const commodityUpdateSchema = z.strictObject({
  name: name.optional(),
  nameEn: nameEn.optional(),
  dailyRationKgPerPerson: z.number().finite().min(0, 'must not be negative').max(10, 'is implausibly large'),
  coldChain: z.boolean().optional(),
});

export const loginInputSchema = z.strictObject({
  username: normalised().min(1, 'must not be empty').max(100),
  password: z.string().min(1, 'must not be empty').max(200),
}) satisfies z.ZodType<LoginInput>;

export const listQuerySchema = z.strictObject({ districtId: id.optional() });
export const handoffQuerySchema = z.strictObject({ zoneId: id.optional() });
export const auditQuerySchema = z.strictObject({
  entity: z.string().max(50).optional(),
  /** e.g. session.fail: the failed logins (username tried, IP, reason). */
  action: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export const emptyQuerySchema = z.strictObject({});

// ---- Plans ----------------------------------------------------------------------------------------

const calendarDate = z.iso.date({ message: 'must be a calendar date YYYY-MM-DD' });
const index = z.number().int('must be a whole number').min(0, 'must not be negative').max(10_000, 'is implausibly large');

export const planSituationSchema = z.strictObject({
  completedStops: z.array(z.strictObject({ vehicleId: id, tripIndex: index, stopIndex: index })).max(100_000).default([]),
  loadedVehicles: z.array(id).max(10_000).default([]),
  brokenVehicles: z.array(id).max(10_000).default([]),
  nowS: z.number().finite().min(0, 'must not be negative').max(2 * 86_400, 'must be within the plan day (seconds since midnight)').optional(),
}) satisfies z.ZodType<PlanSituation, PlanSituationInput>;

type PlanSituationInput = Partial<PlanSituation>;

export const planRunInputSchema = z.strictObject({
  date: calendarDate,
  districtId: id.optional(),
  timeLimitS: z.number().finite().min(0.1, 'must be at least 0.1 s').max(600, 'must be at most 600 s').optional(),
  seed: z.number().int('must be a whole number').min(0).max(2 ** 31 - 1).optional(),
  days: z.number().int('must be a whole number').min(1, 'must be at least 1').max(30, 'must be at most 30').optional(),
  basePlanId: id.optional(),
  situation: planSituationSchema.optional(),
}) satisfies z.ZodType<PlanRunInput, unknown>;

export const planListQuerySchema = z.strictObject({
  districtId: id.optional(),
  status: z.enum(['queued', 'running', 'draft', 'published', 'superseded', 'failed']).optional(),
  date: calendarDate.optional(),
}) satisfies z.ZodType<PlanListQuery, unknown>;

export const coverHistoryQuerySchema = z.strictObject({
  days: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(31, 'must be at most 31').optional(),
  until: calendarDate.optional(),
});

export const vehicleRouteQuerySchema = z.strictObject({ date: calendarDate.optional() });
