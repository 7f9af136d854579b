import type { Services } from '../../services';
import { playbookTemplateSchema, progressQuerySchema, stepDoneSchema } from '../playbook-schemas';
import { route } from '../route-def';

const staffRoles = ['coordinator', 'district_official'] as const;

export function playbookRoutes({ playbook }: Services) {
  return [
    route({
      key: 'GET /api/playbooks/:city', summary: "A city's response playbook (its edits, or the Guangdong 2021 defaults)", roles: staffRoles,
      handler: ({ actor, params }) => playbook.template(actor!, params.city!),
    }),
    route({
      key: 'PUT /api/playbooks/:city', summary: "Replace a city's playbook steps (coordinators); checklists already started keep theirs",
      roles: ['coordinator'], body: playbookTemplateSchema, handler: ({ actor, params, body }) => playbook.putTemplate(actor!, params.city!, body),
    }),
    route({
      key: 'GET /api/playbook/progress', summary: "Each sealed zone's progress through its checklist (done, total, overdue)",
      roles: staffRoles, query: progressQuerySchema, handler: ({ actor, query }) => playbook.progress(actor!, query.districtId),
    }),
    route({
      key: 'GET /api/zones/:id/checklist', summary: "A zone's current checklist with absolute deadlines", roles: staffRoles,
      handler: ({ actor, params }) => playbook.checklist(actor!, params.id!),
    }),
    route({
      key: 'POST /api/zones/:id/checklist/steps/:stepId/done', summary: 'Mark a checklist step done (who and when are recorded), with an optional note',
      roles: staffRoles, body: stepDoneSchema, handler: ({ actor, params, body }) => playbook.markDone(actor!, params.id!, params.stepId!, body.note),
    }),
  ];
}
