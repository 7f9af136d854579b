// Limits and thresholds for residents' requests, alerts and passes (issue #6). Defaults here; config.ts
// (the only reader of process.env) overrides the ones a deployment tunes.

export interface RequestLimits {
  /** Token buckets: a device (device id + IP) may file `deviceBurst` at once, then one per `deviceRefillS`. */
  deviceBurst: number;
  deviceRefillS: number;
  /** A whole zone's page: protects triage from a flood (one compound, one angry group chat). */
  zoneBurst: number;
  zoneRefillS: number;
  /** The same text in the same zone within this window is a duplicate. */
  duplicateWindowS: number;
  /**
   * At most `ipZoneMax` filings per IP address and zone in `ipZoneWindowS`: a device id is the
   * resident's to choose, so rotating it must not buy a fresh allowance.
   */
  ipZoneMax: number;
  ipZoneWindowS: number;
}

/** Login throttle: after this many failed logins in the window, 429 until the window passes (right password or not). */
export interface LoginLimits {
  /** Failures per username. */
  maxFailures: number;
  /** Failures per client IP (any usernames). */
  ipMaxFailures: number;
  windowS: number;
}

export interface AlertThresholds {
  /** Spike: requests in the last `spikeWindowS` vs the zone's rate over the `baselineS` before it. */
  spikeWindowS: number;
  baselineS: number;
  spikeMinCount: number;
  spikeFactor: number;
  /** The same commodity complained of this many times within `complaintWindowS`. */
  complaintCount: number;
  complaintWindowS: number;
  /** Days of cover below this in the published plan raise low_cover. */
  lowCoverDays: number;
  /** No delivery to a zone for this long (once the live layer's events are wired in). */
  noDeliveryS: number;
  /** A stop of the current published plan still pending this long after its planned arrival raises missed_eta. */
  missedEtaS: number;
  /** A playbook step this long past its deadline, not done, raises playbook_overdue (0: at the deadline). */
  playbookGraceS: number;
  /** Unacknowledged alerts turn orange, then red, after these ages. */
  orangeAfterS: number;
  redAfterS: number;
  /** How often the timer evaluates the rules; 0 turns the timer off (tests call evaluateAlerts). */
  intervalMs: number;
}

export interface OpsConfig {
  requests: RequestLimits;
  login: LoginLimits;
  alerts: AlertThresholds;
}

export const DEFAULT_OPS: OpsConfig = {
  requests: { deviceBurst: 5, deviceRefillS: 120, zoneBurst: 60, zoneRefillS: 10, duplicateWindowS: 30 * 60, ipZoneMax: 20, ipZoneWindowS: 10 * 60 },
  login: { maxFailures: 10, ipMaxFailures: 10, windowS: 15 * 60 },
  alerts: {
    spikeWindowS: 3600, baselineS: 24 * 3600, spikeMinCount: 5, spikeFactor: 3,
    complaintCount: 3, complaintWindowS: 24 * 3600, lowCoverDays: 1, noDeliveryS: 12 * 3600, missedEtaS: 30 * 60, playbookGraceS: 0,
    orangeAfterS: 30 * 60, redAfterS: 2 * 3600, intervalMs: 60_000,
  },
};
