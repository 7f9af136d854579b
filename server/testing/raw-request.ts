import { request } from 'node:http';

// HTTP the way a browser or another machine would send it: any headers (fetch forbids setting Origin
// and Cookie) and, with `from`, a source address of our own. Every 127.x.y.z is this machine on Linux,
// so a test can be "another client IP" without a proxy, and the server sees it as the TCP peer.

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: any;
}

export function rawRequest(
  url: string, options: { method?: string; headers?: Record<string, string>; body?: unknown; from?: string } = {},
): Promise<RawReply> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...(body ? { 'content-type': 'application/json' } : {}), ...options.headers };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers, localAddress: options.from, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => {
        let json: unknown = text;
        try { json = JSON.parse(text); } catch { /* not JSON: keep the text */ }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
