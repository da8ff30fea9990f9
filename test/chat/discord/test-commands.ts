import { defineCommand, type Command, type OptionSpecs } from '../../../src/dispatch/command.js';
import { UserError } from '../../../src/errors.js';
import { createSampleReport } from '../../render/sample-report.js';
import { createOverLimitReport } from './big-report.js';

/** Echoes what it received: parsed options, who ran it and with which role. */
export const probeOptions = defineCommand({
  name: 'probe-options',
  summary: 'Echo typed options (test)',
  description: 'test',
  options: {
    target: { type: 'string', positional: true, required: true, description: 'what to probe' },
    limit: { type: 'integer', description: 'rows', default: 10, min: 1, max: 100 },
    ratio: { type: 'number', description: 'a fraction', min: 0, max: 1 },
    verbose: { type: 'boolean', description: 'more', default: false },
    since: { type: 'duration', description: 'window', default: '24h', min: 60_000 },
    by: { type: 'string', description: 'ranking', choices: ['total', 'mean', 'calls'], default: 'total' },
    queue: { type: 'string', description: 'a Celery queue' },
  },
  role: 'viewer',
  async execute(ctx) {
    return {
      title: 'options',
      severity: 'info',
      sections: [
        {
          blocks: [
            {
              kind: 'fields',
              fields: [
                { label: 'options', value: JSON.stringify(ctx.options) },
                { label: 'user', value: ctx.invocation.user.id },
                { label: 'role', value: ctx.role },
              ],
            },
          ],
        },
      ],
      generatedAt: ctx.now(),
    };
  },
});

export const whoami = defineCommand({
  name: 'whoami',
  summary: 'Who ran this (test)',
  description: 'test',
  options: { note: { type: 'string', positional: true, description: 'anything' } },
  role: 'operator',
  async execute(ctx) {
    return { title: `whoami ${ctx.invocation.user.id} ${ctx.role} ${ctx.options.note ?? ''}`.trim(), severity: 'ok', sections: [], generatedAt: ctx.now() };
  },
});

export const digest = defineCommand({
  name: 'digest',
  summary: 'The sample digest with buttons (test)',
  description: 'test',
  options: {},
  role: 'viewer',
  execute: async () => createSampleReport(),
});

export const flood = defineCommand({
  name: 'flood',
  summary: 'A report over every Discord limit (test)',
  description: 'test',
  options: {},
  role: 'viewer',
  execute: async () => createOverLimitReport(),
});

export const missing = defineCommand({
  name: 'missing',
  summary: 'Fails with a user error after it starts (test)',
  description: 'test',
  options: {},
  role: 'viewer',
  execute: async () => {
    throw new UserError('not_found', 'no alert matches "3f2a"', { hint: 'see: cinemata-ops help alerts' });
  },
});

/** Buttons that run whoami: one with a command too long for a custom_id. */
export const LONG_NOTE = 'a-note-long-enough-to-need-the-store-'.repeat(3);
export const buttons = defineCommand({
  name: 'buttons',
  summary: 'A report with buttons (test)',
  description: 'test',
  options: {},
  role: 'viewer',
  execute: async (ctx) => ({
    title: 'buttons',
    severity: 'warning',
    sections: [],
    actions: [
      { id: 'short', label: 'Who am I', command: 'whoami from-button' },
      { id: 'long', label: 'Who am I (long)', style: 'danger', command: `whoami ${LONG_NOTE}` },
      { id: 'runbook', label: 'Runbook', url: 'https://ops.cinemata.org/runbooks/disk-full' },
    ],
    generatedAt: ctx.now(),
  }),
});

export const TEST_COMMANDS = [probeOptions, whoami, digest, flood, missing, buttons] as unknown as ReadonlyArray<Command<OptionSpecs>>;
