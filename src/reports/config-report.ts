import { formatDuration } from '../config/duration.js';
import type { Config } from '../config/load-config.js';
import type { ConfigProblem } from '../config/problems.js';
import { redactConfig } from '../config/redact.js';
import type { Schedule } from '../scheduler/schedule.js';
import type { Report, Section } from './report.js';

export interface ConfigReportInput {
  config?: Config | undefined;
  problems: readonly ConfigProblem[];
  configFile: string | undefined;
  schedules: readonly Schedule[];
}

/** The effective configuration with secrets redacted, or the list of problems that stop the bot from starting. */
export function buildConfigReport(input: ConfigReportInput, now: number): Report {
  const sections: Section[] = [
    {
      title: 'Sources',
      blocks: [
        {
          kind: 'fields',
          fields: [
            { label: 'config file', value: input.configFile ?? 'none found (defaults apply; see cinemata-ops.example.yaml)' },
            { label: 'environment', value: 'process environment and .env' },
          ],
        },
      ],
    },
  ];
  if (input.problems.length > 0) {
    sections.push({
      title: `Problems (${input.problems.length})`,
      severity: 'critical',
      blocks: [
        {
          kind: 'table',
          columns: [{ label: 'key' }, { label: 'problem' }],
          rows: input.problems.map((p) => ({ cells: [p.path, p.message], severity: 'critical' as const })),
        },
      ],
    });
  }
  if (input.config) sections.push(...describeConfig(input.config, input.schedules));
  return {
    title: 'Configuration',
    severity: input.problems.length > 0 ? 'critical' : 'ok',
    summary: input.problems.length > 0 ? `${input.problems.length} problem(s): the bot will not start until they are fixed` : 'valid',
    sections,
    generatedAt: now,
  };
}

function describeConfig(config: Config, schedules: readonly Schedule[]): Section[] {
  const env = redactConfig(config).env as Record<string, unknown>;
  return [
    {
      title: 'Environment',
      blocks: [{ kind: 'fields', fields: Object.entries(env).map(([label, value]) => ({ label, value: value === undefined ? '(not set)' : String(value) })) }],
    },
    {
      title: 'Sampling and history',
      blocks: [
        {
          kind: 'fields',
          fields: [
            { label: 'timezone', value: config.timezone },
            { label: 'sampling interval', value: formatDuration(config.sampling.interval) },
            { label: 'probe timeout', value: formatDuration(config.sampling.timeout) },
            { label: '1-minute history kept', value: formatDuration(config.history.minuteRetention) },
            { label: '1-hour history kept', value: formatDuration(config.history.hourRetention) },
          ],
        },
      ],
    },
    {
      title: 'Thresholds',
      blocks: [
        {
          kind: 'table',
          columns: [{ label: 'check' }, { label: 'warning', align: 'right' }, { label: 'critical', align: 'right' }],
          rows: Object.entries(config.thresholds).map(([name, pair]) => ({ cells: [name, String(pair.warning), String(pair.critical)] })),
        },
      ],
    },
    { title: 'Services watched', blocks: [{ kind: 'text', text: config.services.join(', ') || '(none)' }] },
    {
      title: 'Roles',
      blocks: [
        { kind: 'fields', fields: [{ label: 'default', value: config.roles.default }] },
        {
          kind: 'table',
          columns: [{ label: 'user or group' }, { label: 'role' }],
          rows: [...Object.entries(config.roles.users), ...Object.entries(config.roles.groups)].map(([who, role]) => ({ cells: [who, role] })),
        },
      ],
    },
    {
      title: 'Channels',
      blocks: [
        {
          kind: 'table',
          columns: [{ label: 'platform' }, { label: 'id' }, { label: 'severities' }, { label: 'reports' }],
          rows: config.channels.map((c) => ({ cells: [c.platform, c.id, c.severities.join(', '), c.reports.join(', ')] })),
        },
      ],
    },
    {
      title: 'On-call',
      blocks: [
        {
          kind: 'fields',
          fields: [
            { label: 'escalate after', value: formatDuration(config.oncall.escalateAfter) },
            { label: 'contacts', value: config.oncall.contacts.map((c) => `${c.name} <${c.email}>`).join(', ') || '(none)' },
          ],
        },
      ],
    },
    {
      title: 'Schedules',
      blocks: [
        {
          kind: 'table',
          columns: [{ label: 'schedule' }, { label: 'cron' }, { label: 'timezone' }, { label: 'enabled' }],
          rows: schedules.map((s) => {
            const o = config.schedules[s.id];
            return { cells: [s.id, o?.cron ?? s.cron, o?.timezone ?? s.timezone ?? config.timezone, o?.enabled === false ? 'no' : 'yes'] };
          }),
        },
      ],
    },
  ];
}
