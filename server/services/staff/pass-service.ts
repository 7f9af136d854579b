import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import type { User } from '../../contract';
import type { PassClaims, PassPublicKey, PassVerdict, RevokedPass, StaffPass } from '../../contract/requests';
import { writeAudited } from '../audit';
import { revokedAt, validUntilOf } from './pass-clearance';
import { AppError, notFound } from '../errors';
import type { Store } from '../ports';
import { assertCanWriteDistrict, canReadDistrict } from '../scope';

// Frontline passes: Ed25519 over node:crypto. A gate device checks them offline with the same
// algorithm in WebCrypto (importKey('jwk', key.jwk, 'Ed25519'), verify('Ed25519', …)): the token is
// base64url(UTF-8 JSON of the claims) "." base64url(signature over those UTF-8 bytes).

export const KEY_ID = 'pass-signing';

/**
 * Longest a pass is valid: 7 days from issue, however long the health check runs. A pass is checked
 * offline, so a short life bounds how long a leaked or forgotten one opens gates.
 */
export const PASS_MAX_VALIDITY_S = 7 * 24 * 3600;

export type PassCheck =
  | { ok: true; claims: PassClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' | 'revoked' };

/** Checks a pass token: signature, validity at `now`, and the revocation list. */
export function verifyPass(token: string, publicKey: KeyObject | string, now: Date, revoked: ReadonlySet<string> = new Set()): PassCheck {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const bytes = Buffer.from(payload, 'base64url');
  if (!verify(null, bytes, key, Buffer.from(signature, 'base64url'))) return { ok: false, reason: 'bad_signature' };
  let claims: PassClaims;
  try { claims = JSON.parse(bytes.toString('utf8')) as PassClaims; } catch { return { ok: false, reason: 'malformed' }; }
  if (!(Date.parse(claims.validUntil) > now.getTime())) return { ok: false, reason: 'expired' };
  if (revoked.has(claims.passId)) return { ok: false, reason: 'revoked' };
  return { ok: true, claims };
}

/** The pass's end: the earliest of the health check's end, the asked-for end and PASS_MAX_VALIDITY_S after issue. */
function passEnd(at: Date, clearedUntil: string, asked: string | undefined): string {
  const latest = at.getTime() + PASS_MAX_VALIDITY_S * 1000;
  if (asked !== undefined) {
    const askedMs = Date.parse(asked);
    if (askedMs > latest) {
      throw new AppError('VALIDATION', `body.validUntil: a pass is valid at most ${PASS_MAX_VALIDITY_S / 86400} days (until ${new Date(latest).toISOString()})`, 'body.validUntil');
    }
    if (askedMs <= at.getTime()) throw new AppError('VALIDATION', 'body.validUntil: must be in the future', 'body.validUntil');
  }
  const end = Math.min(latest, Date.parse(clearedUntil), asked === undefined ? Infinity : Date.parse(asked));
  return new Date(end).toISOString();
}

export function signPass(claims: PassClaims, privateKey: KeyObject): string {
  const bytes = Buffer.from(JSON.stringify(claims), 'utf8');
  return `${bytes.toString('base64url')}.${sign(null, bytes, privateKey).toString('base64url')}`;
}

export { validUntilOf };

/**
 * `signingKey`, when given, supplies the private key (PKCS#8 PEM) from outside the database (a key
 * file, see store/key-file.ts); otherwise the key lives in the database.
 */
export function createPassService(store: Store, now: () => Date, utcOffset: string, signingKey?: () => Promise<string>) {
  let keys: Promise<{ privateKey: KeyObject; publicKey: KeyObject }> | null = null;

  /** The key pair, made and stored on first use; a lost race reads the winner's key back. */
  function keyPair() {
    keys ??= (async () => {
      if (signingKey) {
        const privateKey = createPrivateKey(await signingKey());
        if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the pass signing key must be Ed25519, not ${privateKey.asymmetricKeyType}`);
        return { privateKey, publicKey: createPublicKey(privateKey) };
      }
      let record = await store.passes.getKey(KEY_ID);
      if (!record) {
        const pair = generateKeyPairSync('ed25519');
        record = await store.passes.putKeyIfAbsent({
          id: KEY_ID, algorithm: 'Ed25519', createdAt: now().toISOString(),
          privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        });
      }
      return { privateKey: createPrivateKey(record.privatePem), publicKey: createPublicKey(record.publicPem) };
    })().catch((err: unknown) => { keys = null; throw err; });
    return keys;
  }

  async function writableStaff(tx: Store, actor: User, staffId: string) {
    const staff = await tx.staff.get(staffId);
    if (!staff || !canReadDistrict(actor, staff.districtId)) throw notFound('staff member', staffId);
    assertCanWriteDistrict(actor, staff.districtId, 'districtId');
    return staff;
  }

  return {
    async issue(actor: User, staffId: string, input: { photoRef?: string; validUntil?: string }): Promise<StaffPass> {
      const { privateKey } = await keyPair();
      return writeAudited(store, actor, now, async (tx) => {
        const staff = await writableStaff(tx, actor, staffId);
        const at = now();
        const clearedUntil = validUntilOf(staff.healthCheckValidUntil, utcOffset);
        if (Date.parse(clearedUntil) <= at.getTime()) {
          throw new AppError('CONFLICT', `staff member "${staffId}": the health check lapsed on ${staff.healthCheckValidUntil}; record a new one before issuing a pass`);
        }
        const validUntil = passEnd(at, clearedUntil, input.validUntil);
        const vehicle = staff.vehicleId ? await tx.vehicles.get(staff.vehicleId) : null;
        const claims: PassClaims = {
          passId: randomUUID(), staffId, passNumber: staff.passNumber, name: staff.name, photoRef: input.photoRef ?? null,
          vehicleId: vehicle?.id ?? null, vehicleName: vehicle?.name ?? null, issuedAt: at.toISOString(), validUntil,
        };
        await tx.passes.insert(claims);
        return { result: { ...claims, token: signPass(claims, privateKey) }, audit: { action: 'pass.issue', entity: 'staff', entityId: staffId, detail: { passId: claims.passId } } };
      });
    },

    revoke: (actor: User, staffId: string) =>
      writeAudited(store, actor, now, async (tx) => {
        await writableStaff(tx, actor, staffId);
        const revoked = await tx.passes.revokeForStaff(staffId, now().toISOString(), actor.id);
        return { result: { revoked }, audit: { action: 'pass.revoke', entity: 'staff', entityId: staffId, detail: { revoked } } };
      }),

    async publicKey(): Promise<PassPublicKey> {
      const { publicKey } = await keyPair();
      const jwk = publicKey.export({ format: 'jwk' }) as { x: string };
      return { algorithm: 'Ed25519', publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x } };
    },

    /** Stored revocations and, computed now, live passes whose holder is gone or no longer cleared. */
    revoked: (): Promise<RevokedPass[]> => revokedAt(store, now(), utcOffset),

    /** What a gate would decide now, with the current revoked list (for gates that can reach the server). */
    async check(token: string): Promise<PassVerdict> {
      const { publicKey } = await keyPair();
      const at = now();
      const verdict = verifyPass(token, publicKey, at, new Set((await revokedAt(store, at, utcOffset)).map((r) => r.passId)));
      return verdict.ok ? { valid: true, claims: verdict.claims } : { valid: false, reason: verdict.reason };
    },
  };
}

export type PassService = ReturnType<typeof createPassService>;
