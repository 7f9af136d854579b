import type { Request } from 'express';
import type { Services } from '../../services';
import type { FilingClient } from '../../services/requests/request-intake';
import { clientIp, readCookie } from '../auth-middleware';
import { route } from '../route-def';
import { publicRequestSchema, requestBulkSchema, requestListQuerySchema, requestPatchSchema } from '../request-schemas';

const staffRoles = ['coordinator', 'district_official'] as const;

/**
 * A filing client: its device id (header from the app, cookie from the page) and its IP. req.ip is
 * the TCP peer unless TRUST_PROXY names the proxies whose X-Forwarded-For may be believed.
 */
function filingClient(req: Request): FilingClient {
  const header = req.headers['x-device-id'];
  const device = (typeof header === 'string' ? header : null) ?? readCookie(req.headers.cookie, 'bg_device') ?? '';
  return { device, ip: clientIp(req) };
}

export function requestRoutes({ requests }: Services) {
  return [
    route({
      key: 'GET /api/public/zones/:zoneId', summary: "A zone's public name, for its request page (no login)", roles: 'public',
      handler: ({ params }) => requests.publicZone(params.zoneId!),
    }),
    route({
      key: 'POST /api/public/zones/:zoneId/requests', summary: 'A resident files a request (no login; rate-limited); answers a receipt id only',
      roles: 'public', body: publicRequestSchema, successStatus: 201,
      handler: ({ params, body, req }) => requests.file(params.zoneId!, body, filingClient(req)),
    }),
    route({
      key: 'GET /api/requests', summary: "Residents' requests, oldest first; officials see their district", roles: staffRoles,
      query: requestListQuerySchema, handler: ({ actor, query }) => requests.list(actor!, query),
    }),
    route({ key: 'GET /api/requests/:id', summary: 'One request', roles: staffRoles, handler: ({ actor, params }) => requests.get(actor!, params.id!) }),
    route({
      key: 'PATCH /api/requests/:id', summary: 'Move a request: new → assigned (owner) → resolved | referred (note)', roles: staffRoles,
      body: requestPatchSchema, handler: ({ actor, params, body }) => requests.update(actor!, params.id!, body),
    }),
    route({
      key: 'POST /api/requests/bulk', summary: 'Assign, resolve or refer several requests at once (all or nothing)', roles: staffRoles,
      body: requestBulkSchema, handler: ({ actor, body }) => requests.bulk(actor!, body),
    }),
  ];
}
