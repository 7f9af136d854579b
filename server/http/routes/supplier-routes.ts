import type { Services } from '../../services';
import { route } from '../route-def';
import { depotOutlookQuerySchema, supplierInputSchema, supplierListQuerySchema } from '../supplier-schemas';

const staff = ['coordinator', 'district_official'] as const;

/** Suppliers behind the depots (scoped like depots) and the depots' outlook: stock rolled forward, whom to call. */
export function supplierRoutes({ suppliers, depotOutlook }: Services) {
  return [
    route({
      key: 'GET /api/suppliers', summary: 'List suppliers (officials: their district\'s and the city-level ones)', roles: staff, query: supplierListQuerySchema,
      handler: ({ actor, query }) => suppliers.list(actor!, query.districtId),
    }),
    route({ key: 'GET /api/suppliers/:id', summary: 'One supplier', roles: staff, handler: ({ actor, params }) => suppliers.get(actor!, params.id!) }),
    route({
      key: 'POST /api/suppliers', summary: 'Create a supplier (deliveries to known depots of known commodities)',
      roles: staff, body: supplierInputSchema, successStatus: 201, handler: ({ actor, body }) => suppliers.create(actor!, body),
    }),
    route({
      key: 'PUT /api/suppliers/:id', summary: 'Replace a supplier', roles: staff, body: supplierInputSchema,
      handler: ({ actor, params, body }) => suppliers.update(actor!, params.id!, body),
    }),
    route({ key: 'DELETE /api/suppliers/:id', summary: 'Delete a supplier', roles: staff, handler: ({ actor, params }) => suppliers.remove(actor!, params.id!) }),
    route({
      key: 'GET /api/depot-outlook', summary: 'Depots\' stock rolled forward over a horizon (stock + inbound − shipped), days of stock, whom to call',
      roles: staff, query: depotOutlookQuerySchema, handler: ({ actor, query }) => depotOutlook.get(actor!, query),
    }),
  ];
}
