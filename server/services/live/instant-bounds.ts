import { AppError } from '../errors';

// A driver's device clock is trusted only so far: an instant far ahead (year 9999) would become the
// van's newest fix or a stop's time forever, and every later, true one would look older. Instants are
// refused when later than the server's clock plus `maxFutureMs`, and stop events when earlier than the
// day before their plan's day (an event for a plan cannot predate it; dead-spot replays within the day
// and the night before stay accepted). Historical replays keep working: the past bound follows the plan.

const DAY_MS = 24 * 60 * 60 * 1000;

export function assertInstantInBounds(at: string, field: string, now: Date, maxFutureMs: number, planDate?: string): void {
  const ms = Date.parse(at);
  if (ms > now.getTime() + maxFutureMs) {
    throw new AppError('VALIDATION', `${field}: ${at} is more than ${Math.round(maxFutureMs / 1000)} s ahead of the server's clock (${now.toISOString()})`, field);
  }
  // The plan's local day starts at most 14 h before its UTC midnight; one more day of slack before it.
  if (planDate && ms < Date.parse(`${planDate}T00:00:00Z`) - 14 * 60 * 60 * 1000 - DAY_MS) {
    throw new AppError('VALIDATION', `${field}: ${at} is before the plan's day (${planDate})`, field);
  }
}

/** A GPS fix inside the configured box (the province): anything else is a cold fix or a spoof. */
export function assertInsideBounds(position: { lng: number; lat: number }, [minLng, minLat, maxLng, maxLat]: readonly [number, number, number, number]): void {
  if (position.lng < minLng || position.lng > maxLng || position.lat < minLat || position.lat > maxLat) {
    throw new AppError('VALIDATION',
      `input.position: ${position.lng},${position.lat} is outside the service area (lng ${minLng}…${maxLng}, lat ${minLat}…${maxLat})`, 'input.position');
  }
}
