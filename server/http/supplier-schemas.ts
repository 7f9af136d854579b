import { z } from 'zod';
import { SUPPLIER_KINDS, type DepotOutlookQuery, type SupplierInput } from '../contract';

// Edge validation of suppliers and the depot outlook query. References (depots, commodities, district) and
// the order of the active dates are the service's, which names the field too.

const id = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may hold only letters, digits, "_", ".", ":" and "-"');
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM');
const calendarDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });

const deliverySchema = z.strictObject({
  depotId: id,
  commodityId: id,
  kgPerDay: z.number().finite().min(0, 'must not be negative').max(100_000_000, 'is implausibly large'),
  arrivesAt: timeOfDay,
  leadTimeDays: z.number().int('must be a whole number of days').min(0, 'must not be negative').max(60, 'must be at most 60 days'),
});

export const supplierInputSchema = z.strictObject({
  id: id.optional(),
  districtId: id.nullable().optional(),
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  nameEn: z.string().max(200).optional(),
  kind: z.enum(SUPPLIER_KINDS as [string, ...string[]], { message: `must be one of ${SUPPLIER_KINDS.join(', ')}` }),
  contact: z.string().max(200).optional(),
  deliveries: z.array(deliverySchema).max(500),
  activeFrom: calendarDate,
  activeUntil: calendarDate.nullable().optional(),
  note: z.string().max(2000).optional(),
}) as unknown as z.ZodType<SupplierInput>;

export const depotOutlookQuerySchema = z.strictObject({
  date: calendarDate,
  horizonDays: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(14, 'must be at most 14').optional(),
  districtId: id.optional(),
}) satisfies z.ZodType<DepotOutlookQuery>;

export const supplierListQuerySchema = z.strictObject({ districtId: id.optional() });
