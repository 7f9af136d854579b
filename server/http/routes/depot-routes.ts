import { z } from 'zod';
import type { Services } from '../../services';
import { AppError } from '../../services/errors';
import { route } from '../route-def';
import { depotInputSchema, listQuerySchema, stockUpdateSchema } from '../schemas';

const staff = ['coordinator', 'district_official'] as const;

export function depotRoutes({ depots }: Services) {
  return [
    route({
      key: 'GET /api/depots', summary: 'List depots with stock (officials: their district and city-level depots)',
      roles: staff, query: listQuerySchema, handler: ({ actor, query }) => depots.list(actor!, query.districtId),
    }),
    route({
      key: 'GET /api/depots/:id', summary: 'One depot with stock (a driver: their home depot)',
      roles: ['coordinator', 'district_official', 'driver'], handler: ({ actor, params }) => depots.get(actor!, params.id!),
    }),
    route({
      key: 'POST /api/depots', summary: 'Create a depot', roles: staff, body: depotInputSchema, successStatus: 201,
      handler: ({ actor, body }) => depots.create(actor!, body),
    }),
    route({
      key: 'PUT /api/depots/:id', summary: 'Replace a depot', roles: staff, body: depotInputSchema,
      handler: ({ actor, params, body }) => depots.update(actor!, params.id!, body),
    }),
    route({ key: 'DELETE /api/depots/:id', summary: 'Delete a depot', roles: staff, handler: ({ actor, params }) => depots.remove(actor!, params.id!) }),
    route({
      key: 'PUT /api/depots/:id/stock', summary: 'Set stock (kg) for some commodities of a depot', roles: staff, body: stockUpdateSchema,
      handler: ({ actor, params, body }) => depots.setStock(actor!, params.id!, body.stockKg),
    }),
    route({
      key: 'POST /api/stock/import', summary: 'Import stock from CSV (text/csv; columns depotId,commodityId,kg; all or nothing)',
      roles: staff, bodyKind: 'text', body: z.string(),
      handler: ({ actor, body }) => {
        if (typeof body !== 'string' || body.length === 0) throw new AppError('VALIDATION', 'body: send the CSV as text/csv', 'body');
        return depots.importStockCsv(actor!, body);
      },
    }),
  ];
}
