/**
 * Driver load for `npm run bench:live`, forked so the clients' CPU does not sit in the watchers'
 * process: each driver sends a fix every fixMs and a delivery every deliverMs (the next stop of its
 * route), with every tenth delivery sent twice with the same key, as a retrying phone would.
 */
import { io } from 'socket.io-client';
import type { LiveSocket } from './live-client';
import { newKey } from './live-client';

interface Job { url: string; planId: string; drivers: { vehicleId: string; token: string }[]; fixMs: number; deliverMs: number; durationMs: number }

const result = { moves: 0, deliveries: 0, deliveriesSent: 0, duplicatesSent: 0, errors: 0, timeouts: 0, errorSamples: [] as string[], slowest: [] as [number, number][] };
const t0 = Date.now();
const note = (what: string) => { result.errors += 1; if (result.errorSamples.length < 5) result.errorSamples.push(what); };

async function connectAll(job: Job): Promise<LiveSocket[]> {
  const sockets: LiveSocket[] = [];
  for (let i = 0; i < job.drivers.length; i += 50) {
    sockets.push(...await Promise.all(job.drivers.slice(i, i + 50).map((d) => new Promise<LiveSocket>((resolve, reject) => {
      const s: LiveSocket = io(job.url, { auth: { token: d.token }, transports: ['websocket'], forceNew: true });
      s.on('disconnect', (reason) => { if (reason !== 'io client disconnect') note(`disconnect: ${reason}`); });
      s.on('session:ended', (e) => note(`session ended: ${e.reason}`));
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    }))));
  }
  return sockets;
}

async function ask(s: LiveSocket, event: 'vehicle:move' | 'stop:deliver', payload: unknown): Promise<boolean> {
  const start = Date.now();
  try {
    const timed = s.timeout(10_000);
    const reply = await (timed.emitWithAck as unknown as (e: string, p: unknown) => Promise<{ ok: boolean; error?: { code: string; message: string } }>).call(timed, event, payload);
    if (!reply.ok) note(`${event}: ${reply.error?.code} ${reply.error?.message}`);
    const ms = Date.now() - start;
    if (ms > 1000 && result.slowest.length < 20) result.slowest.push([start - t0, ms]);
    return reply.ok;
  } catch {
    result.timeouts += 1;
    return false;
  }
}

function run(job: Job, sockets: LiveSocket[]): Promise<void> {
  const end = Date.now() + job.durationMs;
  const timers: NodeJS.Timeout[] = [];
  const pending = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => { pending.add(p); void p.finally(() => pending.delete(p)); };
  job.drivers.forEach((d, i) => {
    const s = sockets[i]!;
    let n = 0;
    let stop = 0;
    const fix = () => {
      if (Date.now() >= end) return;
      n += 1;
      const position = { lng: 113.23 + ((i * 7919) % 300) * 1e-4 + n * 1e-5, lat: 23.11 + ((i * 104729) % 300) * 1e-4, speedKmh: 20, at: new Date().toISOString() };
      track(ask(s, 'vehicle:move', { key: newKey(), vehicleId: d.vehicleId, position }).then((ok) => { if (ok) result.moves += 1; }));
    };
    const deliver = () => {
      if (Date.now() >= end) return;
      const body = {
        key: newKey(), vehicleId: d.vehicleId, planId: job.planId, tripIndex: 0, stopIndex: stop++, at: new Date().toISOString(),
        quantitiesKg: { vegetables: 20, eggs: 5 }, handoffMode: 'compound_gate',
      };
      result.deliveriesSent += 1;
      const twice = stop % 10 === 1;
      if (twice) result.duplicatesSent += 1;
      track(Promise.all([ask(s, 'stop:deliver', body), ...(twice ? [ask(s, 'stop:deliver', body)] : [])])
        .then(([ok]) => { if (ok) result.deliveries += 1; }));
    };
    timers.push(setTimeout(() => { fix(); timers.push(setInterval(fix, job.fixMs)); }, Math.random() * job.fixMs));
    timers.push(setTimeout(() => { deliver(); timers.push(setInterval(deliver, job.deliverMs)); }, Math.random() * job.deliverMs));
  });
  return new Promise((resolve) => setTimeout(async () => {
    for (const t of timers) clearTimeout(t);
    await Promise.all(pending);
    resolve();
  }, job.durationMs + 50));
}

let sockets: LiveSocket[] = [];
process.on('message', async (msg: { type: 'connect' | 'go'; job: Job }) => {
  try {
    if (msg.type === 'connect') {
      sockets = await connectAll(msg.job);
      process.send!({ type: 'connected' });
    } else {
      await run(msg.job, sockets);
      for (const s of sockets) s.close();
      process.send!({ type: 'done', result });
    }
  } catch (err) {
    process.send!({ type: 'failed', error: String(err) });
  }
});
