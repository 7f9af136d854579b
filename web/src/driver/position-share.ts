import type { VehicleMoveInput } from '../../../server/contract';

// The van's position while a route is active: one fix every MIN_INTERVAL_MS, sooner once it moved
// MIN_MOVE_M (but never more than one per MIN_GAP_MS), stamped with the device's time, queued with the
// stop events so a dead spot only delays them. The server refuses fixes outside the province or ahead of its clock.

const MIN_INTERVAL_MS = 15_000;
const MIN_MOVE_M = 50;
const MIN_GAP_MS = 3_000;

export type PositionState = 'on' | 'off' | 'denied';

export interface PositionShareDeps {
  vehicleId: string;
  enqueue(position: Omit<VehicleMoveInput, 'key'>): void;
  onState(state: PositionState): void;
  geolocation?: Geolocation;
}

function metres(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = Math.PI / 180;
  const x = (b.lng - a.lng) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}

export function positionShare(deps: PositionShareDeps) {
  const geo = deps.geolocation ?? (typeof navigator !== 'undefined' ? navigator.geolocation : undefined);
  let watch: number | null = null;
  let last: { lng: number; lat: number; ms: number } | null = null;

  function onFix(pos: GeolocationPosition): void {
    deps.onState('on');
    const here = { lng: pos.coords.longitude, lat: pos.coords.latitude };
    const ms = pos.timestamp || Date.now();
    if (last) {
      const elapsed = ms - last.ms;
      if (elapsed < MIN_GAP_MS) return;
      if (elapsed < MIN_INTERVAL_MS && metres(last, here) < MIN_MOVE_M) return;
    }
    last = { ...here, ms };
    const speed = pos.coords.speed;
    deps.enqueue({
      vehicleId: deps.vehicleId,
      position: {
        lng: Math.round(here.lng * 1e6) / 1e6, lat: Math.round(here.lat * 1e6) / 1e6,
        speedKmh: speed !== null && Number.isFinite(speed) ? Math.min(200, Math.max(0, Math.round(speed * 3.6 * 10) / 10)) : 0,
        at: new Date(ms).toISOString(),
      },
    });
  }

  return {
    /** Starts watching (idempotent); without the Geolocation API the state stays off. */
    start(): void {
      if (watch !== null || !geo) return;
      watch = geo.watchPosition(onFix, (err) => deps.onState(err.code === err.PERMISSION_DENIED ? 'denied' : 'off'),
        { enableHighAccuracy: true, maximumAge: 10_000, timeout: 60_000 });
    },
    /** Stops watching (idempotent: the page calls it on every tick while there is no route to drive). */
    stop(): void {
      if (watch === null) return;
      geo?.clearWatch(watch);
      watch = null;
      deps.onState('off');
    },
  };
}
