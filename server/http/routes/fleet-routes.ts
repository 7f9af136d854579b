import type { Services } from '../../services';
import { route } from '../route-def';
import { listQuerySchema, staffInputSchema, vehicleAvailabilitySchema, vehicleInputSchema } from '../schemas';

const staffRoles = ['coordinator', 'district_official'] as const;
const everyone = ['coordinator', 'district_official', 'driver'] as const;

export function fleetRoutes({ vehicles, staff, availability }: Services) {
  return [
    route({
      key: 'GET /api/vehicle-availability', summary: "Each van's availability (available unless marked broken down)", roles: staffRoles,
      query: listQuerySchema, handler: ({ actor, query }) => availability.list(actor!, query.districtId),
    }),
    route({
      key: 'PUT /api/vehicle-availability/:vehicleId', summary: 'Mark a van available or broken down (new plans leave broken vans out)', roles: staffRoles,
      body: vehicleAvailabilitySchema, handler: ({ actor, params, body }) => availability.set(actor!, params.vehicleId!, body),
    }),
    route({ key: 'GET /api/vehicles', summary: 'List vehicles', roles: staffRoles, query: listQuerySchema, handler: ({ actor, query }) => vehicles.list(actor!, query.districtId) }),
    route({ key: 'GET /api/vehicles/:id', summary: 'One vehicle (a driver: their own)', roles: everyone, handler: ({ actor, params }) => vehicles.get(actor!, params.id!) }),
    route({ key: 'POST /api/vehicles', summary: 'Add a vehicle', roles: staffRoles, body: vehicleInputSchema, successStatus: 201, handler: ({ actor, body }) => vehicles.create(actor!, body) }),
    route({ key: 'PUT /api/vehicles/:id', summary: 'Replace a vehicle', roles: staffRoles, body: vehicleInputSchema, handler: ({ actor, params, body }) => vehicles.update(actor!, params.id!, body) }),
    route({ key: 'DELETE /api/vehicles/:id', summary: 'Remove a vehicle', roles: staffRoles, handler: ({ actor, params }) => vehicles.remove(actor!, params.id!) }),
    route({ key: 'GET /api/staff', summary: 'List drivers and handoff workers', roles: staffRoles, query: listQuerySchema, handler: ({ actor, query }) => staff.list(actor!, query.districtId) }),
    route({ key: 'GET /api/staff/:id', summary: 'One staff member (a driver: their own record)', roles: everyone, handler: ({ actor, params }) => staff.get(actor!, params.id!) }),
    route({ key: 'POST /api/staff', summary: 'Add a staff member with pass and health check', roles: staffRoles, body: staffInputSchema, successStatus: 201, handler: ({ actor, body }) => staff.create(actor!, body) }),
    route({ key: 'PUT /api/staff/:id', summary: 'Replace a staff member', roles: staffRoles, body: staffInputSchema, handler: ({ actor, params, body }) => staff.update(actor!, params.id!, body) }),
    route({ key: 'DELETE /api/staff/:id', summary: 'Remove a staff member', roles: staffRoles, handler: ({ actor, params }) => staff.remove(actor!, params.id!) }),
  ];
}
