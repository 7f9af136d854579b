// bench:cluster's measuring tools: CPU meters over /proc and (a), HTTP requests/s through the proxy with
// `clients` keep-alive loops (scripts/bench-cluster.ts runs it; split off to keep that file readable).
import { readFileSync } from 'node:fs';
import type { Cluster } from '../../server/testing/cluster-processes';

export const pct = (sorted: Float64Array, p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : NaN);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A process's user + system CPU seconds so far (Linux /proc; NaN elsewhere). */
export function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

/** CPU use over a window, in % of one core: the servers' together, and this bench client's own. */
export function cpuMeter(c: Cluster): () => { serversPct: number; clientPct: number } {
  const pids = c.servers.map((s) => s.child.pid);
  const servers0 = pids.map(cpuSeconds);
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const wallS = (performance.now() - t0) / 1000;
    const serversS = pids.reduce<number>((sum, pid, i) => sum + cpuSeconds(pid) - servers0[i]!, 0);
    const client = process.cpuUsage(client0);
    return { serversPct: (100 * serversS) / wallS, clientPct: (100 * (client.user + client.system)) / 1e6 / wallS };
  };
}

export interface HttpResult { rps: number; p50: number; p99: number; errors: number; errorSamples: string[]; perBackend: number[]; serversPct: number; clientPct: number }

export async function httpLoad(c: Cluster, clients: number, path: string, token: string, seconds: number): Promise<HttpResult> {
  const headers = { authorization: `Bearer ${token}` };
  const before = c.proxy.totalPerBackend();
  const samples: number[] = [];
  let errors = 0;
  const errorSamples: string[] = [];
  const note = (what: string) => { errors += 1; if (errorSamples.length < 3) errorSamples.push(what); };
  let measuring = false;
  let stop = false;
  const loop = async () => {
    while (!stop) {
      const t = performance.now();
      try {
        const res = await fetch(c.url + path, { headers });
        const body = await res.text();
        if (res.status !== 200) note(`${res.status} ${body.slice(0, 200)}`);
        else if (measuring) samples.push(performance.now() - t);
      } catch (err) {
        note(String((err as Error).cause ?? err));
      }
    }
  };
  const loops = Array.from({ length: clients }, loop);
  await sleep(1000); // warm-up: connections opened, JIT warm
  measuring = true;
  const cpu = cpuMeter(c);
  const t0 = performance.now();
  await sleep(seconds * 1000);
  measuring = false;
  const elapsed = (performance.now() - t0) / 1000;
  const used = cpu();
  stop = true;
  await Promise.all(loops);
  const sorted = Float64Array.from(samples).sort();
  const after = c.proxy.totalPerBackend();
  return { rps: samples.length / elapsed, p50: pct(sorted, 0.5), p99: pct(sorted, 0.99), errors, errorSamples, perBackend: after.map((n, i) => n - before[i]!), ...used };
}
