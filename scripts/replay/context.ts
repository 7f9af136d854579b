import type { Commodity, Depot, SupplyChannel, Vehicle, Zone } from '../../server/contract';
import type { Scenario } from '../../server/domain/scenario';
import type { DriverLogin } from '../live-driver';
import type { ClockSetting, VirtualClock } from './clock';
import type { FailureSchedule } from './failures';
import type { SealEvent } from './records';
import type { Timeline } from './timeline';

/** Everything a replay day needs: the server, the coordinator's token, the clock and what is known so far. */
export interface ReplayContext {
  base: string;
  coordToken: string;
  scenario: Scenario;
  timeline: Timeline;
  clock: VirtualClock;
  /** Sends a clock change to the server (a no-op against a server the replay did not start). */
  pushClock(setting: ClockSetting): void;
  rssMb(): Promise<number | null>;
  drivers: Map<string, DriverLogin>;
  speed: number;
  seed: number;
  planTimeLimitS: number;
  utcOffset: string;
  failures: FailureSchedule;
  /** One district's plan, or city-wide (null) when the scenario has several. */
  districtId: string | undefined;
  zones: Map<string, Zone>;
  depots: Depot[];
  vehicles: Vehicle[];
  commodities: Commodity[];
  /** Depot stock as the scenario has it: restocked every morning (one day's supply, as in 2021). */
  baselineStock: Map<string, Record<string, number>>;
  /** Last day's min cover per zone: residents file more food requests after a short day. */
  lastCover: Map<string, number | null>;
  seals: SealEvent[];
  /** Every channel but the vans, as the server holds them (GET /api/supply-channels), and household stock days. */
  channels: SupplyChannel[];
  householdStockDays: Record<string, number>;
  /** End-of-day stock in the homes of each street under control (cover-days.ts); dropped when the street is lifted. */
  homeStockKg: Map<string, Record<string, number>>;
  log(msg: string): void;
}
