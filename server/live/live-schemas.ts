import { z } from 'zod';
import { SHORT_DELIVERY_REASONS, STOP_FAIL_REASONS, type ShortDeliveryReason, type StopArriveInput, type StopDeliverInput, type StopFailInput, type VehicleMoveInput } from '../contract';
import { AppError } from '../services/errors';
import { refuseNul } from '../services/nul-guard';

// Socket input is as untrusted as HTTP input: the same kind of zod schemas, the same VALIDATION errors.

const key = z.string().min(8, 'must be at least 8 characters').max(100, 'must be at most 100 characters');
const id = z.string().min(1).max(100);
const index = z.number().int().min(0).max(10_000);
const instant = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' });
const stopRef = { planId: id, vehicleId: id, tripIndex: index, stopIndex: index, key, at: instant };

export const moveSchema = z.strictObject({
  key, vehicleId: id,
  position: z.strictObject({
    lng: z.number().finite().min(-180).max(180),
    lat: z.number().finite().min(-90).max(90),
    speedKmh: z.number().finite().min(0).max(200, 'is implausibly fast for a van'),
    at: instant,
  }),
}) satisfies z.ZodType<VehicleMoveInput>;

export const arriveSchema = z.strictObject(stopRef) satisfies z.ZodType<StopArriveInput>;

export const deliverSchema = z.strictObject({
  ...stopRef,
  quantitiesKg: z.record(id, z.number().finite().min(0, 'must not be negative').max(100_000)),
  handoffMode: z.enum(['door', 'building_gate', 'compound_gate']),
  photoRef: z.string().min(1).max(200).optional(),
  shortReason: z.enum(SHORT_DELIVERY_REASONS as readonly ShortDeliveryReason[] as [ShortDeliveryReason, ...ShortDeliveryReason[]]).optional(),
}) satisfies z.ZodType<StopDeliverInput>;

export const failSchema = z.strictObject({
  ...stopRef,
  reason: z.enum(STOP_FAIL_REASONS as [string, ...string[]]),
  text: z.string().max(1000),
}) as unknown as z.ZodType<StopFailInput>;

export function parseLive<T>(schema: z.ZodType<T>, input: unknown): T {
  refuseNul(input, 'input');
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = ['input', ...issue.path.map(String)].join('.');
  throw new AppError('VALIDATION', `${field}: ${issue.message.replace(/^Invalid input: /, '')}`, field);
}
