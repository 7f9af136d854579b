import { z } from 'zod';
import {
  REQUEST_CATEGORIES, REQUEST_STATUSES,
  type AlertBulkInput, AlertListQuery, type PublicRequestInput, type RequestBulkInput, type RequestListQuery, type RequestPatch,
} from '../contract/requests';

// Edge validation for residents' requests; each schema `satisfies` its contract type.

const id = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may hold only letters, digits, "_", ".", ":" and "-"');
const shortText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const category = z.enum(REQUEST_CATEGORIES as [string, ...string[]], 'must be one of ' + REQUEST_CATEGORIES.join(', '));
const seconds = z.coerce.number().int('must be a whole number of seconds').min(0, 'must not be negative').max(10 * 365 * 86_400);

export const publicRequestSchema = z.strictObject({
  category,
  commodityId: id.optional(),
  building: shortText(100),
  contact: shortText(50),
  text: shortText(500),
  website: z.string().max(200).optional(),
}) as unknown as z.ZodType<PublicRequestInput>;

export const requestListQuerySchema = z.strictObject({
  status: z.enum(REQUEST_STATUSES as [string, ...string[]]).optional(),
  category: category.optional(),
  zoneId: id.optional(),
  districtId: id.optional(),
  minAgeS: seconds.optional(),
  maxAgeS: seconds.optional(),
}) as unknown as z.ZodType<RequestListQuery>;

const note = z.string().trim().max(1000, 'must be at most 1000 characters');

export const requestPatchSchema = z.strictObject({
  status: z.enum(['assigned', 'resolved', 'referred']),
  ownerId: id.optional(),
  note: note.optional(),
}) satisfies z.ZodType<RequestPatch>;

export const requestBulkSchema = z.strictObject({
  ids: z.array(id).min(1, 'name at least one request').max(200, 'at most 200 requests at a time'),
  action: z.enum(['assign', 'resolve', 'refer']),
  ownerId: id.optional(),
  note: note.optional(),
}) satisfies z.ZodType<RequestBulkInput>;

export const alertListQuerySchema = z.strictObject({
  state: z.enum(['open', 'acknowledged', 'closed']).optional(),
  rule: z.enum(['request_spike', 'commodity_complaints', 'low_cover', 'failed_handoff', 'no_delivery', 'playbook_overdue', 'missed_eta']).optional(),
  severity: z.enum(['low', 'medium', 'high', 'critical']).optional(),
  zoneId: id.optional(),
  districtId: id.optional(),
  ownerId: id.optional(),
  unseenEscalated: z.literal('true').optional(),
}) satisfies z.ZodType<AlertListQuery>;

export const alertBulkSchema = z.strictObject({
  ids: z.array(id).min(1, 'name at least one alert').max(200, 'at most 200 alerts at a time'),
  action: z.enum(['acknowledge', 'assign']),
  ownerId: id.optional(),
}) satisfies z.ZodType<AlertBulkInput>;

export const alertCloseSchema = z.strictObject({
  note: z.string().trim().min(1, 'say why the alert is closed').max(1000, 'must be at most 1000 characters'),
});
