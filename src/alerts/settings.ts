import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { AlertSeverity } from '../rules/rule.js';
import { DEFAULT_INHIBIT_RULES, type InhibitRule } from './inhibition.js';

/** The engine's timers and limits, resolved from `alerting:` in the configuration. All durations in ms. */
export interface AlertSettings {
  evaluationInterval: number;
  groupWait: number;
  groupInterval: number;
  repeatInterval: number;
  groupBy: readonly string[];
  maxAlertsPerMessage: number;
  maxMessagesPerRound: number;
  resolveNotices: boolean;
  flapping: { window: number; changes: number };
  maxSilence: number;
  retention: number;
  inhibit: readonly InhibitRule[];
}

export function alertSettings(config: Pick<Config, 'alerting' | 'sampling'>): AlertSettings {
  const a = config.alerting;
  return {
    evaluationInterval: a.evaluationInterval ?? config.sampling.interval,
    groupWait: a.groupWait,
    groupInterval: a.groupInterval,
    repeatInterval: a.repeatInterval,
    groupBy: a.groupBy,
    maxAlertsPerMessage: a.maxAlertsPerMessage,
    maxMessagesPerRound: a.maxMessagesPerRound,
    resolveNotices: a.resolveNotices,
    flapping: { window: a.flapping.window, changes: a.flapping.changes },
    maxSilence: a.maxSilence,
    retention: a.retention,
    inhibit: a.inhibit ?? DEFAULT_INHIBIT_RULES,
  };
}

/**
 * Where an alert of a severity goes: every channel whose `severities` list it (as `platform:id`), on a platform
 * with a running deliverer, plus the console when it runs. A channel on a platform nothing delivers to is
 * skipped with a warning (once), as createApp does for reports.
 */
export function createAlertRouter(
  channels: Config['channels'],
  platforms: () => readonly string[],
  log?: Logger | undefined,
): (severity: AlertSeverity) => string[] {
  const warned = new Set<string>();
  return (severity) => {
    const running = new Set(platforms());
    const targets: string[] = [];
    for (const channel of channels) {
      if (!channel.severities.includes(severity)) continue;
      const target = `${channel.platform}:${channel.id}`;
      if (running.has(channel.platform)) targets.push(target);
      else if (!warned.has(target)) {
        warned.add(target);
        log?.warn({ target }, `alerts routed to ${channel.platform}, but no ${channel.platform} adapter is running`);
      }
    }
    if (running.has('console')) targets.push('console');
    return targets;
  };
}
