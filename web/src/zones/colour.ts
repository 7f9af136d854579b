import type { Tier, Zone } from '../../../server/contract';

export const TIER_COLOURS: Record<string, string> = {
  sealed: '#c62828',
  controlled: '#ef6c00',
  precaution: '#f9a825',
};
export const OTHER_TIER_COLOUR = '#6d4c41';
export const LIFTED_COLOUR = '#9e9e9e';
/** Zones a shown plan does not cover (another district, or nothing needed). */
export const OUTSIDE_PLAN_COLOUR = '#cfd8dc';

/** Days-of-cover bands, upper bound exclusive: under 1 day is red, 4 days or more is green. */
export const COVER_BANDS: readonly { below: number; colour: string }[] = [
  { below: 1, colour: '#b71c1c' },
  { below: 2, colour: '#f57c00' },
  { below: 4, colour: '#fbc02d' },
  { below: Infinity, colour: '#2e7d32' },
];

export function tierColour(tier: Tier): string {
  return TIER_COLOURS[tier] ?? OTHER_TIER_COLOUR;
}

/**
 * The fill of a zone on the map. Today zones are coloured by tier; once plans exist, pass the zone's days of
 * cover (the lowest over commodities) and the map colours by cover instead. A lifted zone is grey either way.
 */
export function colourFor(zone: Pick<Zone, 'tier' | 'status'>, coverDays?: number | null): string {
  if (zone.status === 'lifted') return LIFTED_COLOUR;
  if (coverDays !== undefined && coverDays !== null && Number.isFinite(coverDays)) {
    return COVER_BANDS.find((band) => coverDays < band.below)!.colour;
  }
  return tierColour(zone.tier);
}
