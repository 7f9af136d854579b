import type { Services } from '../../services';
import { dailyReportQuerySchema } from '../playbook-schemas';
import { route } from '../route-def';

const staffRoles = ['coordinator', 'district_official'] as const;

export function reportRoutes({ reports }: Services) {
  return [
    route({
      key: 'GET /api/reports/daily', summary: 'Daily summary of a district (or the province, for coordinators) on a local day',
      roles: staffRoles, query: dailyReportQuerySchema, handler: ({ actor, query }) => reports.daily(actor!, query),
    }),
    route({
      key: 'GET /api/reports/daily.csv', summary: 'The daily summary as a CSV file (UTF-8 with BOM, for Excel)', roles: staffRoles,
      query: dailyReportQuerySchema, replyKind: 'csv',
      handler: async ({ actor, query, res }) => {
        res.attachment(`report-${query.districtId ?? 'province'}-${query.date}.csv`);
        return reports.dailyCsv(actor!, query);
      },
    }),
  ];
}
