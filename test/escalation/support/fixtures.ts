import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig, type Config, type ConfigResult } from '../../../src/config/load-config.js';
import type { AlertRecord } from '../../../src/store/store.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

/** Reads a cinemata-ops.yaml with this text (plus env) from a fresh temp dir, as the bot would at start. */
export function readYaml(yaml: string, env: NodeJS.ProcessEnv = {}): ConfigResult {
  const dir = makeTempDir();
  writeFileSync(join(dir, 'cinemata-ops.yaml'), yaml);
  return readConfig({ CINEMATA_OPS_DB: join(dir, 'store.sqlite'), CINEMATA_OPS_LOG_FILE: join(dir, 'log.jsonl'), ...env }, dir);
}

export function configFromYaml(yaml: string, env: NodeJS.ProcessEnv = {}): Config {
  const result = readYaml(yaml, env);
  if (!result.ok) throw new Error(`config invalid: ${JSON.stringify(result.problems)}`);
  return result.config;
}

export function problemsOf(result: ConfigResult): Record<string, string> {
  if (result.ok) throw new Error('expected problems, the config was valid');
  return Object.fromEntries(result.problems.map((p) => [p.path, p.message]));
}

/** Ana, Ben and Cy take turns weekly from Monday 2026-11-30 09:00 Manila; Dee and Eve are the escalation list. */
export const ROSTER_YAML = `
timezone: UTC
oncall:
  escalateAfter: 5m
  contacts:
    - { name: Dee, email: dee@example.org }
    - { name: Eve, email: eve@example.org, slack: U0EVE123 }
  rotation:
    start: 2026-11-30
    handoff: { weekday: monday, time: "09:00" }
    timezone: Asia/Manila
    people:
      - { name: Ana, email: ana@example.org, slack: U0ANA123 }
      - { name: Ben, email: ben@example.org }
      - { name: Cy, email: cy@example.org, discord: "123456789012345678" }
  policies:
    - name: critical
      severities: [critical]
      steps:
        - { after: 5m, notify: [primary] }
        - { after: 15m, notify: [secondary, contacts] }
`;

/** A firing critical alert as the alert engine would persist it. */
export function firingAlert(firedAt: number, overrides: Partial<AlertRecord> = {}): AlertRecord {
  return {
    fingerprint: 'fp-disk-root',
    ruleId: 'disk-full',
    status: 'firing',
    severity: 'critical',
    labels: { mount: '/' },
    summary: 'disk / 96% full',
    value: 96.2,
    startsAt: firedAt - 60_000,
    updatedAt: firedAt,
    firedAt,
    resolvedAt: null,
    lastNotifiedAt: firedAt,
    ...overrides,
  };
}
