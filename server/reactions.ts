import type { LiveConfig } from './config';
import type { LiveService } from './services/live/live-service';
import { buildVanBoard } from './services/live/van-board-view';
import type { Services } from './services';
import type { Logger } from './services/logger';
import type { Store } from './services/ports';

// Every reaction of one feature to another, in one place beside the composition root (server/server.ts),
// so "what happens when X" is answered by reading this file: the features themselves only offer
// listeners (onFiled, onAlert, onPlanEvent, onStopRecorded) and plug points (vanBoard.use, tracks.flushWith).
// Failures are logged: none of these has a request to answer, and the alert timer retries evaluations.

export interface ReactionDeps {
  services: Services;
  live: LiveService;
  store: Store;
  liveConfig: LiveConfig;
  now: () => Date;
  log: Logger;
}

export interface Reactions {
  /** Plan events stop reaching the sockets (shutdown: before the sockets are told to go). */
  stopPlanPush(): void;
  /** Everything else stops (shutdown: after the sockets closed, so driver events handled during the drain still raise alerts). */
  stop(): void;
}

export function wireReactions({ services, live, store, liveConfig, now, log }: ReactionDeps): Reactions {
  const alertsLog = log.child({ reaction: 'alerts' });
  const evaluateAlerts = (why: string) => {
    services.alerts.evaluateSoon().catch((err: unknown) => alertsLog.error({ err, why }, 'alerts: evaluation failed'));
  };

  // The playbook's overdue steps are one more alert rule.
  services.alerts.addSource((at) => services.playbook.overdueCandidates(at));
  // A new request may be the one that makes a spike: evaluate at once, not at the next tick.
  const stopRequestWatch = services.requests.onFiled(() => evaluateAlerts('request filed'));
  // A failed handoff is an alert at once (the timer catches up if this evaluation fails).
  const stopFailWatch = live.onStopRecorded((result) => {
    if (result.kind === 'failed') evaluateAlerts('stop failed');
  });
  // Alerts reach the district's officials and the coordinators as they change.
  const stopAlertPush = services.alerts.onAlert((alert, change) => live.alertChanged(alert, change));
  // Plan status and progress reach the coordinators' and the district's sockets (every server hears every plan).
  const stopPlanPush = services.plans.onPlanEvent((event, meta) => {
    live.planEvent(event, meta).catch((err: unknown) => log.error({ err, planId: event.planId }, 'live: plan event could not be pushed'));
  });

  // The live layer is built after the services (it needs the HTTP server): it plugs in the van board
  // and the GPS fixes it still buffers, which track reads must include.
  services.tracks.flushWith(live.flush);
  services.vanBoard.use((user) => buildVanBoard({ store, live, config: liveConfig, now }, user));

  return {
    stopPlanPush,
    stop() {
      stopPlanPush();
      stopRequestWatch();
      stopAlertPush();
      stopFailWatch();
    },
  };
}
