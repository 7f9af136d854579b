/**
 * A TCP round-robin load balancer for cluster mode on one machine (`npm run start:cluster`, the
 * cluster bench and tests): each incoming TCP connection goes to the next backend in turn and is
 * piped both ways until either side ends. It knows nothing of HTTP.
 *
 * A websocket is one TCP connection, so socket.io clients with `transports: ['websocket']` stay on
 * one server for their whole session. HTTP long-polling is NOT safe through this proxy: its
 * requests may arrive over different TCP connections, hence at different servers, and socket.io's
 * polling needs every request of a session to reach the same server (sticky sessions). The web
 * console connects with websocket only; a polling client would need a sticky proxy instead.
 *
 * A backend that refuses or fails the connect is skipped: the next one is tried, so a killed server
 * does not black-hole new connections. When all fail, the client's socket is destroyed.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface Backend {
  host: string;
  port: number;
}

export interface RoundRobinProxyOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  backends: Backend[];
}

export interface RoundRobinProxy {
  /** http://host:port of the proxy. */
  url: string;
  port: number;
  /** Stops listening and destroys every open connection, both sides. */
  close(): Promise<void>;
  /** Connections open now, per backend (index as in `backends`). */
  connectionsPerBackend(): number[];
  /** Connections ever established, per backend. */
  totalPerBackend(): number[];
}

const CONNECT_TIMEOUT_MS = 5000;

export async function startRoundRobinProxy(options: RoundRobinProxyOptions): Promise<RoundRobinProxy> {
  const { backends } = options;
  if (backends.length === 0) throw new Error('startRoundRobinProxy: no backends');
  const host = options.host ?? '127.0.0.1';
  const open = backends.map(() => 0);
  const total = backends.map(() => 0);
  const sockets = new Set<Socket>();
  let next = 0;
  let closing = false;
  let closed: Promise<void> | undefined;

  const track = (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };

  /** Connects to backends starting at `start`, trying each once; resolves the first that connects. */
  function connectFrom(start: number, tried = 0): Promise<{ upstream: Socket; index: number } | null> {
    if (tried >= backends.length || closing) return Promise.resolve(null);
    const index = (start + tried) % backends.length;
    const { host: bHost, port: bPort } = backends[index]!;
    return new Promise((resolve) => {
      const upstream = connect({ host: bHost, port: bPort, allowHalfOpen: true });
      let settled = false;
      const fail = () => {
        if (settled) return;
        settled = true;
        upstream.destroy();
        resolve(connectFrom(start, tried + 1));
      };
      upstream.once('error', fail);
      // A backend that neither accepts nor refuses (stopped, not dead) is skipped too.
      upstream.setTimeout(CONNECT_TIMEOUT_MS, fail);
      upstream.once('connect', () => {
        if (settled) return;
        settled = true;
        upstream.off('error', fail);
        upstream.setTimeout(0);
        resolve({ upstream, index });
      });
    });
  }

  // Half-open allowed on both sides: a client that ends its side (FIN) still gets the answer; pipe()
  // passes each end on, and a socket closes once both directions have ended.
  const server: Server = createServer({ pauseOnConnect: true, allowHalfOpen: true }, (client) => {
    track(client);
    // Until piped, a client error (reset while connecting upstream) only ends it.
    client.on('error', () => client.destroy());
    const start = next;
    next = (next + 1) % backends.length;
    void connectFrom(start).then((found) => {
      if (!found || client.destroyed || closing) {
        found?.upstream.destroy();
        client.destroy();
        return;
      }
      const { upstream, index } = found;
      track(upstream);
      open[index]! += 1;
      total[index]! += 1;
      upstream.once('close', () => { open[index]! -= 1; });
      upstream.on('error', () => upstream.destroy());
      // Either side closing or failing takes the other down with it.
      upstream.once('close', () => client.destroy());
      client.once('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    url: `http://${host}:${port}`,
    port,
    connectionsPerBackend: () => [...open],
    totalPerBackend: () => [...total],
    close: () => (closed ??= new Promise<void>((resolve) => {
      closing = true;
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    })),
  };
}
