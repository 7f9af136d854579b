import { z } from 'zod';
import type { Services } from '../../services';
import { route } from '../route-def';

const trackQuery = z.strictObject({ date: z.iso.date({ message: 'must be a local date YYYY-MM-DD' }) });

/** HTTP beside the live socket: a van's GPS track, and a coordinator ending a user's sessions. */
export function liveRoutes({ tracks, auth, vanBoard }: Services) {
  return [
    route({
      key: 'GET /api/vans/board', summary: "Every van of the published plans with its state, next stop, ETA and lateness (an official: the vans serving their district)",
      roles: ['coordinator', 'district_official'],
      handler: ({ actor }) => vanBoard.get(actor!),
    }),
    route({
      key: 'GET /api/vehicles/:id/track', summary: "A van's GPS track for one local day (coordinators, its district's officials, its driver)",
      roles: ['coordinator', 'district_official', 'driver'], query: trackQuery,
      handler: ({ actor, params, query }) => tracks.get(actor!, params.id!, query.date),
    }),
    route({
      key: 'POST /api/users/:id/revoke-sessions', summary: "End every session of a user; their live sockets drop at once",
      roles: ['coordinator'],
      handler: ({ actor, params }) => auth.revokeUserSessions(actor!, params.id!),
    }),
  ];
}
