import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy';

// Two tiny HTTP servers that answer their own name; `connection: close` makes each fetch a new TCP
// connection, which is what the proxy balances.

async function named(name: string): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((_req, res) => res.end(name));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { server, port, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

const get = async (url: string) => (await fetch(url, { headers: { connection: 'close' } })).text();

describe('round-robin TCP proxy', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(): Promise<{ proxy: RoundRobinProxy; a: Awaited<ReturnType<typeof named>>; b: Awaited<ReturnType<typeof named>> }> {
    const a = await named('a');
    const b = await named('b');
    cleanups.push(a.close, b.close);
    const proxy = await startRoundRobinProxy({ port: 0, backends: [{ host: '127.0.0.1', port: a.port }, { host: '127.0.0.1', port: b.port }] });
    cleanups.push(proxy.close);
    return { proxy, a, b };
  }

  it('sends each new connection to the next backend in turn', async () => {
    const { proxy } = await setup();
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) seen.push(await get(proxy.url));
    expect(seen).toEqual(['a', 'b', 'a', 'b']);
    expect(proxy.totalPerBackend()).toEqual([2, 2]);
  });

  it('counts the connections open now per backend', async () => {
    const { proxy } = await setup();
    const { connect } = await import('node:net');
    const held = await Promise.all([0, 1, 2].map(() => new Promise<import('node:net').Socket>((r) => {
      const s = connect(proxy.port, '127.0.0.1', () => r(s));
    })));
    await expect.poll(() => proxy.connectionsPerBackend()).toEqual([2, 1]);
    for (const s of held) s.destroy();
    await expect.poll(() => proxy.connectionsPerBackend()).toEqual([0, 0]);
  });

  it('skips a backend that refuses: a stopped server does not black-hole connections', async () => {
    const { proxy, a } = await setup();
    await a.close();
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) seen.push(await get(proxy.url));
    expect(seen).toEqual(['b', 'b', 'b', 'b']);
    expect(proxy.totalPerBackend()).toEqual([0, 4]);
  });

  it('drops the client when every backend refuses', async () => {
    const { proxy, a, b } = await setup();
    await a.close();
    await b.close();
    await expect(get(proxy.url)).rejects.toThrow();
  });

  it('close() stops listening and ends open connections', async () => {
    const { proxy } = await setup();
    const { connect } = await import('node:net');
    const socket = await new Promise<import('node:net').Socket>((r) => {
      const s = connect(proxy.port, '127.0.0.1', () => r(s));
    });
    await expect.poll(() => proxy.connectionsPerBackend().reduce((x, y) => x + y)).toBe(1);
    const ended = new Promise<void>((r) => socket.once('close', () => r()));
    await proxy.close();
    await ended;
    await expect(get(proxy.url)).rejects.toThrow();
  });
});
