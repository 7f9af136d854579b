import type { Knex } from 'knex';
import * as districtsStreets from './20261127000100_districts_streets';
import * as zones from './20261127000200_zones';
import * as handoffPoints from './20261127000300_handoff_points';
import * as commodities from './20261127000400_commodities';
import * as depotsStock from './20261127000500_depots_stock';
import * as staff from './20261127000600_staff';
import * as vehicles from './20261127000700_vehicles';
import * as users from './20261127000800_users';
import * as sessions from './20261127000900_sessions';
import * as auditLog from './20261127001000_audit_log';
import * as auditLogAppendOnly from './20261127001100_audit_log_append_only';
import * as plans from './20261127001200_plans';
import * as residentRequests from './20261129000100_resident_requests';
import * as alerts from './20261129000200_alerts';
import * as serverKeys from './20261129000300_server_keys';
import * as staffPasses from './20261129000400_staff_passes';
import * as vehicleDisinfections from './20261129000500_vehicle_disinfections';
import * as vehicleAvailability from './20261130060100_vehicle_availability';
import * as liveOperations from './20261128000100_live_operations';
import * as playbook from './20261130050100_playbook';
import * as alertRulePlaybook from './20261130050200_alert_rule_playbook';
import * as alertRuleMissedEta from './20261201000100_alert_rule_missed_eta';
import * as alertsOpenKeyUnique from './20261201000200_alerts_open_key_unique';
import * as alertSeverity from './20261205170100_alert_severity';
import * as alertEscalationViews from './20261205183000_alert_escalation_views';
import * as supplyChannels from './20261205160001_supply_channels';
import * as suppliers from './20261206000100_suppliers';
import * as zoneTierHistory from './20261206021000_zone_tier_history';

// A static list rather than knex's directory scan: the scan dynamic-imports .ts files, which works
// or not depending on the loader (tsx, vitest, plain node). migrations.test.ts checks this list
// against the folder, so a migration file that is not listed here fails the build.

export interface NamedMigration extends Knex.Migration {
  /** The file name without extension: what knex_migrations records. */
  name: string;
}

export const MIGRATIONS: readonly NamedMigration[] = [
  { name: '20261127000100_districts_streets', ...districtsStreets },
  { name: '20261127000200_zones', ...zones },
  { name: '20261127000300_handoff_points', ...handoffPoints },
  { name: '20261127000400_commodities', ...commodities },
  { name: '20261127000500_depots_stock', ...depotsStock },
  { name: '20261127000600_staff', ...staff },
  { name: '20261127000700_vehicles', ...vehicles },
  { name: '20261127000800_users', ...users },
  { name: '20261127000900_sessions', ...sessions },
  { name: '20261127001000_audit_log', ...auditLog },
  { name: '20261127001100_audit_log_append_only', ...auditLogAppendOnly },
  { name: '20261127001200_plans', ...plans },
  { name: '20261128000100_live_operations', ...liveOperations },
  { name: '20261129000100_resident_requests', ...residentRequests },
  { name: '20261129000200_alerts', ...alerts },
  { name: '20261129000300_server_keys', ...serverKeys },
  { name: '20261129000400_staff_passes', ...staffPasses },
  { name: '20261129000500_vehicle_disinfections', ...vehicleDisinfections },
  { name: '20261130050100_playbook', ...playbook },
  { name: '20261130050200_alert_rule_playbook', ...alertRulePlaybook },
  { name: '20261130060100_vehicle_availability', ...vehicleAvailability },
  { name: '20261201000100_alert_rule_missed_eta', ...alertRuleMissedEta },
  { name: '20261201000200_alerts_open_key_unique', ...alertsOpenKeyUnique },
  { name: '20261205160001_supply_channels', ...supplyChannels },
  { name: '20261205170100_alert_severity', ...alertSeverity },
  { name: '20261205183000_alert_escalation_views', ...alertEscalationViews },
  { name: '20261206000100_suppliers', ...suppliers },
  { name: '20261206021000_zone_tier_history', ...zoneTierHistory },
];

export const migrationSource: Knex.MigrationSource<NamedMigration> = {
  getMigrations: async () => [...MIGRATIONS],
  getMigrationName: (m) => m.name,
  getMigration: async (m) => m,
};
