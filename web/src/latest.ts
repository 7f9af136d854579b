/**
 * "Only the latest of these async reads/saves is applied": replies come back in any order, so a
 * slow reply to an older request must not overwrite what a newer one already drew (a zone clicked
 * after another, a route read again after a publish, a list reloaded twice).
 */
export interface Latest {
  /** Starts a call; the function returned says whether it is still the latest (no begin() or cancel() since). */
  begin(): () => boolean;
  /** Makes every call started so far stale (the component was destroyed, the edit stopped). */
  cancel(): void;
  /**
   * Runs fetch and hands its reply to apply only if no later call started meanwhile. An error (from
   * fetch or apply) goes to onError only when it is still the latest; without onError it is rethrown.
   * Resolves true when the reply was applied, false when it was dropped as stale.
   */
  run<T>(fetch: () => Promise<T>, apply: (value: T) => void, onError?: (err: unknown) => void): Promise<boolean>;
}

export interface LatestOptions {
  /** Carries data-loading while the latest run() is on its way (tests wait for :not([data-loading])). */
  loading?: HTMLElement;
}

export function latestOnly(options: LatestOptions = {}): Latest {
  let generation = 0;
  const { loading } = options;

  function begin(): () => boolean {
    const mine = ++generation;
    return () => mine === generation;
  }

  return {
    begin,
    cancel() {
      generation++;
      if (loading) delete loading.dataset.loading;
    },
    async run<T>(fetch: () => Promise<T>, apply: (value: T) => void, onError?: (err: unknown) => void): Promise<boolean> {
      const current = begin();
      if (loading) loading.dataset.loading = 'true';
      try {
        const value = await fetch();
        if (!current()) return false;
        apply(value);
        return true;
      } catch (err) {
        if (!current()) return false;
        if (!onError) throw err;
        onError(err);
        return false;
      } finally {
        if (loading && current()) delete loading.dataset.loading;
      }
    },
  };
}
