import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest';

/** A promise settled by hand, so a test decides the order replies come back in. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

describe('latestOnly', () => {
  it('drops a slow first reply answered after a fast second one', async () => {
    const guard = latestOnly();
    const applied: string[] = [];
    const slow = deferred<string>();
    const fast = deferred<string>();
    const first = guard.run(() => slow.promise, (v) => applied.push(v));
    const second = guard.run(() => fast.promise, (v) => applied.push(v));
    fast.resolve('new');
    expect(await second).toBe(true);
    slow.resolve('old');
    expect(await first).toBe(false);
    expect(applied).toEqual(['new']);
  });

  it('reports the current call\'s error but not a stale one\'s', async () => {
    const guard = latestOnly();
    const errors: unknown[] = [];
    const slow = deferred<string>();
    const fast = deferred<string>();
    const first = guard.run(() => slow.promise, () => undefined, (err) => errors.push(err));
    const second = guard.run(() => fast.promise, () => undefined, (err) => errors.push(err));
    slow.reject(new Error('stale'));
    await first;
    expect(errors).toEqual([]);
    fast.reject(new Error('current'));
    await second;
    expect(errors).toEqual([new Error('current')]);
  });

  it('rethrows the current error without onError, swallows a stale one', async () => {
    const guard = latestOnly();
    const slow = deferred<string>();
    const first = guard.run(() => slow.promise, () => undefined);
    const second = guard.run(() => Promise.reject(new Error('current')), () => undefined);
    await expect(second).rejects.toThrow('current');
    slow.reject(new Error('stale'));
    await expect(first).resolves.toBe(false);
  });

  it('begin() and cancel(): a call started before cancel() is stale', () => {
    const guard = latestOnly();
    const a = guard.begin();
    expect(a()).toBe(true);
    const b = guard.begin();
    expect(a()).toBe(false);
    expect(b()).toBe(true);
    guard.cancel();
    expect(b()).toBe(false);
  });

  it('keeps data-loading until the latest call settles', async () => {
    const el = { dataset: {} as Record<string, string> } as unknown as HTMLElement;
    const guard = latestOnly({ loading: el });
    const slow = deferred<string>();
    const fast = deferred<string>();
    const first = guard.run(() => slow.promise, () => undefined);
    const second = guard.run(() => fast.promise, () => undefined);
    expect(el.dataset.loading).toBe('true');
    slow.resolve('old');
    await first;
    expect(el.dataset.loading).toBe('true'); // the second is still on its way
    fast.resolve('new');
    await second;
    expect(el.dataset.loading).toBeUndefined();
  });
});
