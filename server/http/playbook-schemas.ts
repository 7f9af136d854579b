import { z } from 'zod';
import { PLAYBOOK_AUTOS, type DailyReportQuery, type PlaybookTemplateInput, type StepDoneInput } from '../contract/playbook';

// Edge validation for the playbook and daily reports; each schema `satisfies` its contract type.

const id = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may hold only letters, digits, "_", ".", ":" and "-"');
const title = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const playbookTemplateSchema = z.strictObject({
  startTiers: z.array(z.string().trim().min(1, 'must not be empty').max(50)).min(1, 'name at least one tier').max(20),
  steps: z.array(z.strictObject({
    id,
    titleZh: title,
    titleEn: title,
    // Up to two weeks: a lockdown's response steps are hours and days, not months.
    dueAfterH: z.number('must be a number of hours').positive('must be more than 0 hours').max(14 * 24, 'must be at most 336 hours (two weeks)'),
    auto: z.enum(PLAYBOOK_AUTOS as [string, ...string[]], 'must be one of ' + PLAYBOOK_AUTOS.join(', ')).nullable(),
  })).min(1, 'name at least one step').max(50, 'at most 50 steps'),
}) as unknown as z.ZodType<PlaybookTemplateInput>;

export const stepDoneSchema = z.strictObject({
  note: z.string().trim().max(1000, 'must be at most 1000 characters').optional(),
}) satisfies z.ZodType<StepDoneInput>;

export const progressQuerySchema = z.strictObject({ districtId: id.optional() });

export const dailyReportQuerySchema = z.strictObject({
  date: z.iso.date({ message: 'must be a calendar date YYYY-MM-DD' }),
  districtId: id.optional(),
}) satisfies z.ZodType<DailyReportQuery>;
