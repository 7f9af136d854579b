import type { Services } from '../../services';
import { alertBulkSchema, alertCloseSchema, alertListQuerySchema } from '../request-schemas';
import { route } from '../route-def';

const staffRoles = ['coordinator', 'district_official'] as const;

export function alertRoutes({ alerts }: Services) {
  return [
    route({
      key: 'GET /api/alerts', summary: 'Alerts (weak signals), newest first, with their level by age; officials see their district',
      roles: staffRoles, query: alertListQuerySchema, handler: ({ actor, query }) => alerts.list(actor!, query),
    }),
    route({
      key: 'POST /api/alerts/:id/ack', summary: 'Acknowledge an open alert: the caller owns it and its level stops climbing',
      roles: staffRoles, handler: ({ actor, params }) => alerts.acknowledge(actor!, params.id!),
    }),
    route({
      key: 'POST /api/alerts/bulk', summary: 'Acknowledge, or assign to a staff owner, several alerts at once: all or nothing',
      roles: staffRoles, body: alertBulkSchema, handler: ({ actor, body }) => alerts.bulk(actor!, body),
    }),
    route({
      key: 'GET /api/alerts/:id/views', summary: "Who saw the alert (its history), first view first",
      roles: staffRoles, handler: ({ actor, params }) => alerts.views(actor!, params.id!),
    }),
    route({
      key: 'POST /api/alerts/:id/views', summary: 'Record that the caller saw the alert (opened it or read its escalation notice)',
      roles: staffRoles, successStatus: 200, handler: ({ actor, params }) => alerts.recordView(actor!, params.id!),
    }),
    route({
      key: 'POST /api/alerts/:id/close', summary: 'Close an alert with a note saying why', roles: staffRoles,
      body: alertCloseSchema, handler: ({ actor, params, body }) => alerts.close(actor!, params.id!, body.note),
    }),
  ];
}
