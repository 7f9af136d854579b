import { AsyncLocalStorage } from 'node:async_hooks';

// SQLite runs on one pooled connection, held by an open transaction for its whole length. A call
// on the root store from inside store.transaction(fn) (instead of on fn's `tx`) would wait for
// that connection until knex's acquire timeout, a 60-second hang. This turns that mistake into an
// immediate, named error.

interface Scope {
  open: boolean;
}

const scope = new AsyncLocalStorage<Scope>();

/** Runs fn marked as inside a transaction; the mark ends with the transaction, not with fn's async tail. */
export async function inTransaction<T>(fn: () => Promise<T>): Promise<T> {
  const current: Scope = { open: true };
  try {
    return await scope.run(current, fn);
  } finally {
    current.open = false;
  }
}

/** Rejects when called inside an open transaction's callback (where it would wait on itself). */
export function assertOutsideTransaction(what: string): void {
  if (scope.getStore()?.open) {
    throw new Error(`${what} called inside store.transaction(): use the transaction's own store (tx)`);
  }
}

/** The repository with every method refusing to run inside an open transaction. */
export function outsideTransactionsOnly<T extends object>(name: string, repo: T): T {
  const guarded = {} as Record<string, unknown>;
  for (const [key, value] of Object.entries(repo)) {
    guarded[key] = typeof value !== 'function' ? value : (...args: unknown[]) => {
      if (scope.getStore()?.open) {
        return Promise.reject(new Error(
          `store.${name}.${key}() called inside store.transaction(): use the transaction's own store (tx.${name}.${key})`,
        ));
      }
      return (value as (...a: unknown[]) => unknown)(...args);
    };
  }
  return guarded as T;
}
