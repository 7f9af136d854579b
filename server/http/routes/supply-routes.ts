import type { Services } from '../../services';
import { AppError } from '../../services/errors';
import { parseChannelCsv } from '../../services/supply/channel-csv';
import { route } from '../route-def';
import { parseInput } from '../validate';
import { z } from 'zod';
import { coverQuerySchema, householdStockSchema, supplyChannelInputSchema, supplyListQuerySchema } from '../supply-schemas';

const staff = ['coordinator', 'district_official'] as const;

/** Supply channels (scoped like zones) and the days-of-cover projection over every channel. */
export function supplyRoutes({ supplyChannels, cover }: Services) {
  return [
    route({
      key: 'GET /api/supply-channels', summary: 'List supply channels (officials: their district only)', roles: staff, query: supplyListQuerySchema,
      handler: ({ actor, query }) => supplyChannels.list(actor!, query.districtId),
    }),
    route({ key: 'GET /api/supply-channels/:id', summary: 'One supply channel', roles: staff, handler: ({ actor, params }) => supplyChannels.get(actor!, params.id!) }),
    route({
      key: 'POST /api/supply-channels', summary: 'Create a supply channel (zones of its own district; hours in order; capacities ≥ 0)',
      roles: staff, body: supplyChannelInputSchema, successStatus: 201, handler: ({ actor, body }) => supplyChannels.create(actor!, body),
    }),
    route({
      key: 'PUT /api/supply-channels/:id', summary: 'Replace a supply channel', roles: staff, body: supplyChannelInputSchema,
      handler: ({ actor, params, body }) => supplyChannels.update(actor!, params.id!, body),
    }),
    route({
      key: 'DELETE /api/supply-channels/:id', summary: 'Delete a supply channel', roles: staff,
      handler: ({ actor, params }) => supplyChannels.remove(actor!, params.id!),
    }),
    route({
      key: 'POST /api/supply-channels/import', summary: 'Import supply channels from CSV (text/csv; one row per channel; all or nothing)',
      roles: staff, bodyKind: 'text', body: z.string(),
      handler: ({ actor, body }) => {
        if (typeof body !== 'string' || body.length === 0) throw new AppError('VALIDATION', 'body: send the CSV as text/csv', 'body');
        // Each row through the JSON API's schema, its refusal naming the row.
        const rows = parseChannelCsv(body).map(({ line, input }) => ({ line, input: parseInput(supplyChannelInputSchema, input, `body.row ${line}`) }));
        return supplyChannels.importRows(actor!, rows);
      },
    }),
    route({
      key: 'GET /api/cover', summary: 'Days of cover per zone × commodity × day over a horizon, from household stock and every supply channel',
      roles: staff, query: coverQuerySchema, handler: ({ actor, query }) => cover.get(actor!, query),
    }),
    route({
      key: 'GET /api/household-stock', summary: 'Household stock at sealing, days per commodity', roles: staff,
      handler: () => supplyChannels.householdStock(),
    }),
    route({
      key: 'PUT /api/household-stock', summary: 'Set household stock at sealing (coordinator; days per known commodity)',
      roles: ['coordinator'], body: householdStockSchema, handler: ({ actor, body }) => supplyChannels.setHouseholdStock(actor!, body.days),
    }),
  ];
}
