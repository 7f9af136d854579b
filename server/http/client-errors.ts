import type { Server } from 'node:http';
import type { Socket } from 'node:net';

// Requests Node's HTTP parser refuses before any express code runs (headers or URL over the 16 KB
// limit, malformed request lines) would get a bare status line; they get the API's error shape too,
// so every refusal a client sees is `{ ok: false, error: { code, message } }`.

const REFUSALS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'the request line or headers are larger than 16 KB'],
};

export function answerClientErrors(http: Server): void {
  http.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return void socket.destroy();
    const [status, reason, message] = REFUSALS[err.code ?? ''] ?? [400, 'Bad Request', 'the request could not be parsed as HTTP'];
    const body = JSON.stringify({ ok: false, error: { code: 'VALIDATION', message } });
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
