import type { Health } from '../../contract';
import type { Services } from '../../services';
import { route } from '../route-def';
import { auditQuerySchema, commodityUpdateSchema, coverHistoryQuerySchema, handoffQuerySchema, listQuerySchema } from '../schemas';

const everyone = ['coordinator', 'district_official', 'driver'] as const;
const staff = ['coordinator', 'district_official'] as const;

export function referenceRoutes({ reference, coverHistory, tierNames }: Services, health: () => Health) {
  return [
    route({ key: 'GET /api/health', summary: 'Liveness: answers without touching the database', roles: 'public', handler: async () => health() }),
    route({ key: 'GET /api/districts', summary: 'Districts the caller may see', roles: staff, handler: ({ actor }) => reference.districts(actor!) }),
    route({
      key: 'GET /api/districts/:id/cover-history', summary: "Days of the district's need covered by each day's planned and delivered goods, per commodity",
      roles: staff, query: coverHistoryQuerySchema, handler: ({ actor, params, query }) => coverHistory.get(actor!, params.id!, query),
    }),
    route({ key: 'GET /api/streets', summary: 'Streets (街道)', roles: staff, query: listQuerySchema, handler: ({ actor, query }) => reference.streets(actor!, query.districtId) }),
    route({ key: 'GET /api/tiers', summary: 'Tier names (Chinese and English) from the tier configuration: the glossary', roles: 'public', handler: async () => tierNames() }),
    route({ key: 'GET /api/commodities', summary: 'Commodities with daily rations', roles: everyone, handler: () => reference.commodities() }),
    route({
      key: 'PUT /api/commodities/:id', summary: 'Change a ration (coordinators)', roles: ['coordinator'], body: commodityUpdateSchema,
      handler: ({ actor, params, body }) => reference.updateCommodity(actor!, params.id!, body),
    }),
    route({ key: 'GET /api/handoff-points', summary: 'Handoff points (compound gates)', roles: staff, query: handoffQuerySchema, handler: ({ actor, query }) => reference.handoffPoints(actor!, query.zoneId) }),
    route({ key: 'GET /api/audit', summary: 'The append-only audit log (coordinators)', roles: ['coordinator'], query: auditQuerySchema, handler: ({ actor, query }) => reference.audit(actor!, query) }),
  ];
}
