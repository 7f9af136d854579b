import { z } from 'zod';
import type { Services } from '../../services';
import { route } from '../route-def';

const staffRoles = ['coordinator', 'district_official'] as const;
const everyone = ['coordinator', 'district_official', 'driver'] as const;

const passIssueSchema = z.strictObject({
  photoRef: z.string().trim().min(1).max(200).optional(),
  // Its upper bound depends on the issue time, so the pass service checks it (PASS_MAX_VALIDITY_S).
  validUntil: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' }).optional(),
});
const passVerifySchema = z.strictObject({ token: z.string().trim().min(1, 'must not be empty').max(4000, 'is too long for a pass') });
const disinfectionSchema = z.strictObject({
  at: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' }),
  by: z.string().trim().min(1, 'must not be empty').max(100),
  method: z.string().trim().min(1, 'must not be empty').max(200),
});

export function passRoutes({ passes, disinfections }: Services) {
  return [
    route({
      key: 'POST /api/staff/:id/pass', summary: 'Issue a signed pass (Ed25519) valid while the health check holds, at most 7 days', roles: staffRoles,
      body: passIssueSchema, successStatus: 201, handler: ({ actor, params, body }) => passes.issue(actor!, params.id!, body),
    }),
    route({
      key: 'POST /api/staff/:id/pass/revoke', summary: "Revoke every pass of a staff member", roles: staffRoles,
      handler: ({ actor, params }) => passes.revoke(actor!, params.id!),
    }),
    // Public: gate devices fetch the key and the revocation list to check passes offline.
    route({ key: 'GET /api/passes/public-key', summary: 'The key passes are signed with (PEM and JWK)', roles: 'public', handler: () => passes.publicKey() }),
    route({ key: 'GET /api/passes/revoked', summary: 'Revoked pass ids (no names), for gate devices', roles: 'public', handler: () => passes.revoked() }),
    // Public like the two above: a gate online asks here instead of checking offline.
    route({
      key: 'POST /api/passes/verify', summary: "Check a pass now: signature, validity, and its holder's current clearance", roles: 'public',
      body: passVerifySchema, handler: ({ body }) => passes.check(body.token),
    }),
    route({
      key: 'POST /api/vehicles/:id/disinfections', summary: "Record a van's disinfection (its driver too)", roles: everyone,
      body: disinfectionSchema, successStatus: 201, handler: ({ actor, params, body }) => disinfections.record(actor!, params.id!, body),
    }),
    route({
      key: 'GET /api/vehicles/:id/disinfections', summary: "A van's disinfection log, newest first", roles: everyone,
      handler: ({ actor, params }) => disinfections.list(actor!, params.id!),
    }),
  ];
}
