import type { Services } from '../../services';
import { route } from '../route-def';
import { planListQuerySchema, planRunInputSchema, vehicleRouteQuerySchema } from '../schemas';

const planners = ['coordinator', 'district_official'] as const;
const everyone = ['coordinator', 'district_official', 'driver'] as const;

export function planRoutes({ plans }: Services) {
  return [
    route({
      key: 'POST /api/plans', summary: 'Queue a plan (or a replan from basePlanId); answers 202 with its summary at once',
      roles: planners, body: planRunInputSchema, successStatus: 202, handler: ({ actor, body }) => plans.run(actor!, body),
    }),
    route({ key: 'GET /api/plans', summary: 'List plan summaries, newest first', roles: planners, query: planListQuerySchema, handler: ({ actor, query }) => plans.list(actor!, query) }),
    route({ key: 'GET /api/plans/:id', summary: 'One plan with its result', roles: planners, handler: ({ actor, params }) => plans.get(actor!, params.id!) }),
    route({
      key: 'GET /api/plans/:a/compare/:b', summary: 'What changed from plan a to plan b: stops per vehicle, delivery per zone, KPIs',
      roles: planners, handler: ({ actor, params }) => plans.compare(actor!, params.a!, params.b!),
    }),
    route({ key: 'POST /api/plans/:id/publish', summary: 'Publish a draft: next version of its scope, the previous one superseded', roles: planners, handler: ({ actor, params }) => plans.publish(actor!, params.id!) }),
    route({
      key: 'GET /api/vehicles/:id/route', summary: "The van's route in the newest published plan (a driver: their own van); null when none",
      roles: everyone, query: vehicleRouteQuerySchema, handler: ({ actor, params, query }) => plans.vehicleRoute(actor!, params.id!, query.date),
    }),
  ];
}
