import { t } from '../i18n';
import { dateTimeText } from '../local-time';

/** A request's or alert's age in the unit a reader wants: minutes, then hours, then days. */
export function formatAge(ageS: number): string {
  if (ageS < 3600) return t('age.min', { n: Math.floor(ageS / 60) });
  if (ageS < 86_400) return t('age.h', { n: Math.floor(ageS / 3600) });
  return t('age.d', { n: Math.floor(ageS / 86_400) });
}

/** An instant as local date and time, for deadlines and "done at". */
export function formatInstant(iso: string, utcOffset?: string): string {
  return dateTimeText(iso, undefined, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }, utcOffset);
}
