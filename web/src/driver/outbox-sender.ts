import type { ApiError, ErrorCode } from '../../../server/contract';
import type { LiveLink, StopEvents } from '../live/live-link';
import type { QueuedRecord, SendOutcome } from './offline-queue';

/** A queued driver event: the live event name and its input without the key (the queue's key is used). */
export type OutboxKind = keyof StopEvents;
export type OutboxPayload<K extends OutboxKind> = Omit<StopEvents[K], 'key'>;

const RETRY: ReadonlySet<ErrorCode> = new Set(['INTERNAL', 'RATE_LIMITED', 'UNAUTHENTICATED']);

/**
 * Sends one queued record over the live socket with its idempotency key. Offline, unconnected or without an
 * ack: retry later (a resend with the same key is a no-op on the server). A refusal (conflict, validation)
 * will not change on retry: the record leaves the queue and the driver is told.
 */
export function outboxSender(link: LiveLink, onRefused: (message: string, error: ApiError, kind: OutboxKind, payload: unknown) => void): (record: QueuedRecord) => Promise<SendOutcome> {
  return async (record) => {
    if (!navigator.onLine || !link.connected()) return 'retry';
    const kind = record.kind as OutboxKind;
    const input = { ...(record.payload as object), key: record.key } as StopEvents[typeof kind];
    const ack = await link.send(kind, input);
    if (ack.ok) return 'sent';
    if (RETRY.has(ack.error.code)) return 'retry';
    onRefused(ack.error.message, ack.error, kind, record.payload);
    return 'sent';
  };
}
