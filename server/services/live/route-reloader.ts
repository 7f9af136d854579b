// When the routes held in memory must be read again: after a publish this process hears of, and
// whenever a snapshot finds that the published plans changed since the last read (in a cluster a
// client may hear of a publish from another server before this one does).

export interface RouteReloaderDeps {
  /** Changes whenever a plan is published (store.plans.publishedStamp). */
  stamp(): Promise<string>;
  /** Reads every held route again. */
  reload(): Promise<void>;
}

export function createRouteReloader({ stamp, reload }: RouteReloaderDeps) {
  let loadedStamp: string | null = null;
  // One step at a time. A caller that comes while one runs waits for the next step, which starts
  // after it came: the running one may have read before the publish the caller is asking about.
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  let nextForced = false;

  async function step(forced: boolean) {
    // The stamp is read first: a publish during the reload leaves it stale, so the next check reloads.
    const seen = await stamp();
    if (!forced && seen === loadedStamp) return;
    await reload();
    loadedStamp = seen;
  }

  function schedule(forced: boolean): Promise<void> {
    if (!running) {
      running = step(forced).finally(() => { running = null; });
      return running;
    }
    nextForced ||= forced;
    next ??= running.catch(() => undefined).then(() => {
      const f = nextForced;
      next = null;
      nextForced = false;
      return schedule(f);
    });
    return next;
  }

  return {
    /** Reads the routes again (a publish was heard of). */
    reload: () => schedule(true),
    /** Reads them again only if something was published since they were read. */
    current: () => schedule(false),
  };
}
