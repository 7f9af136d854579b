import { describe, expect, it } from 'vitest';
import { positionShare, type PositionState } from './position-share';

// A fake Geolocation that lets the test deliver fixes: the throttle decides which are queued.
function fakeGeo() {
  let cb: PositionCallback | null = null;
  const geo = {
    watchPosition: (ok: PositionCallback) => { cb = ok; return 1; },
    clearWatch: () => { cb = null; },
    getCurrentPosition: () => undefined,
  } as unknown as Geolocation;
  const fix = (ms: number, lng: number, lat: number, speed: number | null = null) =>
    cb?.({ timestamp: ms, coords: { longitude: lng, latitude: lat, speed, accuracy: 5 } } as unknown as GeolocationPosition);
  return { geo, fix, watching: () => cb !== null };
}

describe('position sharing', () => {
  it('queues the first fix, then one per 15 s, or sooner after 50 m; stamps device time; stops cleanly', () => {
    const { geo, fix, watching } = fakeGeo();
    const queued: { at: string; lng: number; speedKmh: number }[] = [];
    const states: PositionState[] = [];
    const share = positionShare({ vehicleId: 'v1', geolocation: geo, onState: (s) => states.push(s), enqueue: (f) => queued.push({ at: f.position.at, lng: f.position.lng, speedKmh: f.position.speedKmh }) });
    share.start();
    const t0 = Date.parse('2026-12-05T02:00:00Z');
    fix(t0, 113.24, 23.12, 5);
    fix(t0 + 5_000, 113.24001, 23.12); // ~1 m, 5 s: dropped
    fix(t0 + 16_000, 113.24001, 23.12); // 16 s: sent
    fix(t0 + 20_000, 113.2410, 23.12); // ~100 m after 4 s: sent
    fix(t0 + 21_000, 113.2430, 23.12); // 1 s after the last: dropped (min gap)
    expect(queued.map((q) => q.at)).toEqual([t0, t0 + 16_000, t0 + 20_000].map((ms) => new Date(ms).toISOString()));
    expect(queued[0]!.speedKmh).toBe(18);
    expect(states).toContain('on');
    share.stop();
    expect(watching()).toBe(false);
    expect(states.at(-1)).toBe('off');
  });
});
