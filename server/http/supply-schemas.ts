import { z } from 'zod';
import { CHANNEL_KINDS, type CoverQuery, type SupplyChannelInput } from '../contract';

// Edge validation of supply channels and the cover query. Sense checks (hours in order, zones of the district,
// known commodities and tiers) are the service's, which names the field too.

const id = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may hold only letters, digits, "_", ".", ":" and "-"');
const amount = z.number().finite().min(0, 'must not be negative').max(100_000_000, 'is implausibly large');
// 24:00 closes at midnight (a platform delivering round the clock).
const timeOfDay = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time of day HH:MM');
const calendarDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });

export const supplyChannelInputSchema = z.strictObject({
  id: id.optional(),
  districtId: id,
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  nameEn: z.string().max(200).optional(),
  kind: z.enum(CHANNEL_KINDS as [string, ...string[]], { message: `must be one of ${CHANNEL_KINDS.join(', ')}` }),
  zoneIds: z.array(id).max(1000),
  capacity: z.record(id, z.strictObject({ kgPerDay: amount.optional(), ordersPerDay: amount.optional(), kgPerOrder: amount.optional() })),
  opensAt: timeOfDay,
  closesAt: timeOfDay,
  tiers: z.array(id).max(20).optional(),
  activeFrom: calendarDate,
  activeUntil: calendarDate.nullable().optional(),
  note: z.string().max(2000).optional(),
}) as unknown as z.ZodType<SupplyChannelInput>;

export const coverQuerySchema = z.strictObject({
  date: calendarDate,
  horizonDays: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(14, 'must be at most 14').optional(),
  districtId: id.optional(),
}) satisfies z.ZodType<CoverQuery>;

export const supplyListQuerySchema = z.strictObject({ districtId: id.optional() });

export const householdStockSchema = z.strictObject({
  days: z.record(id, z.number().finite().min(0, 'must not be negative').max(365, 'must be at most 365 days')),
});
