import type { Services } from '../../services';
import { route } from '../route-def';
import { listQuerySchema, zoneFeatureCollectionSchema, zoneInputSchema } from '../schemas';

const staff = ['coordinator', 'district_official'] as const;

export function zoneRoutes({ zones }: Services) {
  return [
    route({
      key: 'GET /api/zones', summary: 'List zones (officials: their district only)', roles: staff, query: listQuerySchema,
      handler: ({ actor, query }) => zones.list(actor!, query.districtId),
    }),
    route({ key: 'GET /api/zones/:id', summary: 'One zone', roles: staff, handler: ({ actor, params }) => zones.get(actor!, params.id!) }),
    route({
      key: 'POST /api/zones', summary: 'Create a zone (polygon checked: closed, simple, in range, inside the district)',
      roles: staff, body: zoneInputSchema, successStatus: 201,
      handler: ({ actor, body }) => zones.create(actor!, body),
    }),
    route({
      key: 'PUT /api/zones/:id', summary: 'Replace a zone', roles: staff, body: zoneInputSchema,
      handler: ({ actor, params, body }) => zones.update(actor!, params.id!, body),
    }),
    route({ key: 'DELETE /api/zones/:id', summary: 'Delete a zone', roles: staff, handler: ({ actor, params }) => zones.remove(actor!, params.id!) }),
    route({
      key: 'POST /api/zones/import', summary: 'Import zones from a GeoJSON FeatureCollection of Polygons (all or nothing)',
      roles: staff, body: zoneFeatureCollectionSchema,
      handler: ({ actor, body }) => zones.importFeatures(actor!, body),
    }),
  ];
}
