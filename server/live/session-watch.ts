import type { SessionEndedEvent, User } from '../contract';
import type { SessionsEnded } from '../services/staff/auth-service';
import type { Logger } from '../services/logger';
import type { Store } from '../services/ports';
import { roomOf } from '../services/live/rooms';

// Keeps every live connection tied to a still-valid session. Two paths, because either alone misses
// something: the auth service's in-process notice drops a revoked session's sockets at once; a
// periodic batch re-check (one query for all connections) catches expiry, a user moved to another
// district or van, and revocations made by another process.

export interface WatchedConnection {
  tokenHash: string;
  user: User;
  end(reason: SessionEndedEvent['reason']): void;
}

export interface SessionWatchDeps {
  store: Pick<Store, 'sessions'>;
  onSessionsEnded(listener: (ended: SessionsEnded) => void): () => void;
  intervalMs: number;
  now: () => Date;
  log: Logger;
}

export function createSessionWatch({ store, onSessionsEnded, intervalMs, now, log }: SessionWatchDeps) {
  const connections = new Set<WatchedConnection>();
  const unsubscribe = onSessionsEnded((ended) => {
    for (const c of [...connections]) {
      if ('tokenHash' in ended ? c.tokenHash === ended.tokenHash : c.user.id === ended.userId) drop(c, 'revoked');
    }
  });

  function drop(c: WatchedConnection, reason: SessionEndedEvent['reason']) {
    connections.delete(c);
    c.end(reason);
  }

  let running = false;
  async function recheck() {
    if (running || connections.size === 0) return;
    running = true;
    try {
      // Only the connections asked about: one that connects during the query is not judged by it.
      const checked = [...connections];
      const valid = await store.sessions.validUsers([...new Set(checked.map((c) => c.tokenHash))], now().toISOString());
      for (const c of checked) {
        if (!connections.has(c)) continue;
        const user = valid.get(c.tokenHash);
        if (!user) drop(c, 'expired');
        else if (user.role !== c.user.role || roomOf(user) !== roomOf(c.user)) drop(c, 'reassigned');
      }
    } catch (err) {
      log.error({ err }, 'live: session re-check failed');
    } finally {
      running = false;
    }
  }
  const timer = setInterval(() => void recheck(), intervalMs);
  timer.unref();

  return {
    add(c: WatchedConnection) { connections.add(c); },
    remove(c: WatchedConnection) { connections.delete(c); },
    recheck,
    close() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
