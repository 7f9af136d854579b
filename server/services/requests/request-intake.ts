import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { PublicRequestInput, PublicZone, RequestReceipt } from '../../contract/requests';
import { DEFAULT_OPS, type RequestLimits } from '../../ops-config';
import { AppError } from '../errors';
import type { Store } from '../ports';
import type { RequestRecord } from './ports';
import { memoryRateLimiters, memoryWindowCounters, type RateLimiterFactory, type WindowCounterFactory } from '../rate-limit';

export interface IntakeDeps {
  store: Store;
  now: () => Date;
  limits?: RequestLimits;
  /** Told after a request is stored (alerts evaluate then). */
  onFiled?: (record: RequestRecord) => void;
  /** Where the spam brakes keep their buckets (default: this process's memory). */
  rateLimiters?: RateLimiterFactory;
  /** Where the per-IP-and-zone counts are kept (default: this process's memory). */
  windowCounters?: WindowCounterFactory;
}

/** Who is filing: the device id the page or app sends, and the client's IP (the TCP peer unless TRUST_PROXY). */
export interface FilingClient {
  device: string;
  ip: string;
}

const RECEIVED = '已收到您的诉求，工作人员会尽快处理。Your request was received; staff will follow up.';

/** Same words, same request: case, spacing and punctuation do not make a new one. */
export const textHash = (text: string) =>
  createHash('sha256').update(text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]+/gu, '')).digest('hex');

/** The login-free side: a zone's public title and filing a request, with spam brakes. */
export function createRequestIntake({
  store, now, limits = DEFAULT_OPS.requests, onFiled, rateLimiters = memoryRateLimiters, windowCounters = memoryWindowCounters,
}: IntakeDeps) {
  const perDevice = rateLimiters('request-device', { burst: limits.deviceBurst, refillS: limits.deviceRefillS }, now);
  const perZone = rateLimiters('request-zone', { burst: limits.zoneBurst, refillS: limits.zoneRefillS }, now);
  // The device id is the resident's to choose: the IP bounds what rotating it can buy, per zone.
  const perIpZone = windowCounters('request-ip-zone', { limit: limits.ipZoneMax, windowS: limits.ipZoneWindowS }, now);

  async function openZone(zoneId: string) {
    const zone = await store.zones.get(zoneId);
    // A lifted zone's page is closed: same answer as an unknown one.
    if (!zone || zone.status !== 'active') throw new AppError('NOT_FOUND', `zone "${zoneId}" does not take requests`);
    return zone;
  }

  return {
    async publicZone(zoneId: string): Promise<PublicZone> {
      const zone = await openZone(zoneId);
      // The page offers the goods a request may name (names only: nothing about stock or plans).
      const commodities = (await store.commodities.list()).map((c) => ({ id: c.id, name: c.name, nameEn: c.nameEn }));
      return { zoneId: zone.id, name: zone.name, nameEn: zone.nameEn, commodities };
    },

    /** `from`: the filing client; a bare string is a caller known by that one key (scripts, tests). */
    async file(zoneId: string, input: PublicRequestInput, from: FilingClient | string): Promise<RequestReceipt> {
      const client = typeof from === 'string' ? { device: from, ip: from } : from;
      // The zone first: requests to unknown zones are refused without spending anyone's allowance.
      const zone = await openZone(zoneId);
      // Counted per attempt, refused ones included: a flood past the bound keeps the address out.
      const fromIp = await perIpZone.add(`${client.ip}|${zone.id}`);
      if (fromIp.count > limits.ipZoneMax) {
        throw new AppError('RATE_LIMITED', `too many requests from this address for this zone: try again in ${fromIp.retryAfterS} s (提交过于频繁，请稍后再试)`, undefined, fromIp.retryAfterS);
      }
      // The device key is the device id with the IP, so a cleared cookie alone does not reset it.
      const device = await perDevice.take(`${client.device.slice(0, 100)}@${client.ip}`);
      if (!device.ok) throw new AppError('RATE_LIMITED', `too many requests from this device: try again in ${device.retryAfterS} s (提交过于频繁，请稍后再试)`, undefined, device.retryAfterS);
      const zoneTurn = await perZone.take(zoneId);
      if (!zoneTurn.ok) throw new AppError('RATE_LIMITED', `this zone's page is busy: try again in ${zoneTurn.retryAfterS} s (提交过于频繁，请稍后再试)`, undefined, zoneTurn.retryAfterS);
      if (input.website) throw new AppError('VALIDATION', 'body.website: this field must be left empty', 'body.website');
      if (input.commodityId && !(await store.commodities.list()).some((c) => c.id === input.commodityId)) {
        throw new AppError('VALIDATION', `body.commodityId: unknown commodity "${input.commodityId}"`, 'body.commodityId');
      }
      const at = now();
      const hash = textHash(input.text);
      const since = new Date(at.getTime() - limits.duplicateWindowS * 1000).toISOString();
      if (await store.requests.findDuplicate(zone.id, hash, since)) {
        throw new AppError('CONFLICT', `body.text: the same request was filed in this zone within ${Math.round(limits.duplicateWindowS / 60)} minutes (相同诉求已提交)`, 'body.text');
      }
      const record: RequestRecord = {
        id: randomUUID(), receiptId: randomBytes(5).toString('hex').toUpperCase(), zoneId: zone.id, districtId: zone.districtId,
        category: input.category, commodityId: input.commodityId ?? null, building: input.building, contact: input.contact,
        text: input.text, textHash: hash, status: 'new', ownerId: null, note: null, createdAt: at.toISOString(), updatedAt: at.toISOString(),
      };
      await store.transaction(async (tx) => {
        await tx.requests.insert(record);
        // No personal data in the audit log: who filed it is not known, and contact details stay in the request.
        await tx.audit.append({
          at: record.createdAt, userId: null, action: 'request.file', entity: 'request', entityId: record.id,
          detail: { receiptId: record.receiptId, zoneId: zone.id, category: record.category },
        });
      });
      onFiled?.(record);
      return { receiptId: record.receiptId, message: RECEIVED };
    },
  };
}
