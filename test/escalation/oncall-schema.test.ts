import { describe, expect, it } from 'vitest';
import { resolvePolicies } from '../../src/escalation/policy.js';
import { configFromYaml, problemsOf, readYaml, ROSTER_YAML } from './support/fixtures.js';

describe('oncall config', () => {
  it('keeps the old escalateAfter + contacts form meaning what it meant', () => {
    const config = configFromYaml('oncall:\n  escalateAfter: 15m\n  contacts:\n    - { name: "On-call engineer", email: oncall@example.org }\n');
    expect(config.oncall.escalateAfter).toBe(900_000);
    expect(resolvePolicies(config.oncall)).toEqual([
      { name: 'default', severities: ['critical'], matchers: {}, steps: [{ afterMs: 900_000, dueAfterFiringMs: 900_000, targets: [{ kind: 'contacts' }] }] },
    ]);
  });

  it('builds a primary-then-secondary policy from escalateAfter when a rotation is set and no policy is', () => {
    const config = configFromYaml(ROSTER_YAML.replace(/ {2}policies:[\s\S]*$/, ''));
    const [policy] = resolvePolicies(config.oncall);
    expect(policy?.steps.map((s) => [s.dueAfterFiringMs, s.targets])).toEqual([
      [300_000, [{ kind: 'role', role: 'primary' }]],
      [600_000, [{ kind: 'role', role: 'secondary' }, { kind: 'contacts' }]],
    ]);
  });

  it('escalates nothing by default when nobody is configured', () => {
    expect(resolvePolicies(configFromYaml('').oncall)).toEqual([]);
  });

  it('reads policies with per-severity and label matchers, relative waits and every kind of target', () => {
    const config = configFromYaml(
      `${ROSTER_YAML}
    - name: database
      severities: [warning, critical]
      matchers: { service: postgresql }
      steps:
        - notify: slack:C0ALERTS
        - { after: 1h, notify: [contact:Ana, email:dba@example.org, boss@example.org, discord:123456789] }
`,
    );
    const policies = resolvePolicies(config.oncall);
    expect(policies.map((p) => p.name)).toEqual(['critical', 'database']);
    expect(policies[0]?.steps.map((s) => s.dueAfterFiringMs)).toEqual([300_000, 1_200_000]);
    expect(policies[1]?.matchers).toEqual({ service: 'postgresql' });
    expect(policies[1]?.steps.map((s) => [s.afterMs, s.targets])).toEqual([
      [300_000, [{ kind: 'channel', platform: 'slack', id: 'C0ALERTS' }]],
      [
        3_600_000,
        [
          { kind: 'person', name: 'Ana' },
          { kind: 'email', address: 'dba@example.org' },
          { kind: 'email', address: 'boss@example.org' },
          { kind: 'channel', platform: 'discord', id: '123456789' },
        ],
      ],
    ]);
  });

  it('reports every problem with its key path when the oncall block is malformed', () => {
    const problems = problemsOf(
      readYaml(`
oncall:
  escalateAfter: soon
  contacts: [{ name: Dee, email: dee-at-example }]
  rotation:
    start: 2026-02-30
    handoff: { weekday: mondey, time: "9am" }
    timezone: Mars/Olympus
    people: []
  overrides: [{ who: Dee, from: tomorrow, to: "2026-12-01" }]
  policies:
    - name: critical
      severities: [urgent]
      steps: [{ after: 5 minutes, notify: [pager] }]
    - { name: empty, steps: [] }
  paging: true
`),
    );
    expect(Object.keys(problems).sort()).toEqual(
      [
        'file.oncall.escalateAfter',
        'file.oncall.contacts.0.email',
        'file.oncall.rotation.start',
        'file.oncall.rotation.handoff.weekday',
        'file.oncall.rotation.handoff.time',
        'file.oncall.rotation.timezone',
        'file.oncall.rotation.people',
        'file.oncall.overrides.0.from',
        'file.oncall.policies.0.severities.0',
        'file.oncall.policies.0.steps.0.after',
        'file.oncall.policies.0.steps.0.notify.0',
        'file.oncall.policies.1.steps',
        'file.oncall.paging',
      ].sort(),
    );
    expect(problems['file.oncall.policies.0.steps.0.notify.0']).toMatch(/unknown target "pager"/);
    expect(problems['file.oncall.rotation.handoff.time']).toMatch(/09:00/);
  });

  it('reports references to people, roles and contacts that do not exist, by path', () => {
    const problems = problemsOf(
      readYaml(`
oncall:
  contacts: [{ name: Dee, email: dee@example.org }, { name: Dee, email: dee2@example.org }]
  overrides: [{ who: Zed, from: "2026-12-02T00:00", to: "2026-12-01T00:00" }]
  policies:
    - name: p
      steps: [{ notify: [primary, contact:Nobody, email:nope] }]
    - { name: p, steps: [{ notify: secondary }] }
`),
    );
    expect(problems).toEqual({
      'file.oncall.contacts.1.name': '"Dee" is listed twice',
      'file.oncall.overrides.0': 'overrides need oncall.rotation',
      'file.oncall.overrides.0.who': 'no one named "Zed" in oncall.contacts or oncall.rotation.people',
      'file.oncall.overrides.0.to': 'must be after from',
      'file.oncall.policies.0.steps.0.notify.0': 'primary needs oncall.rotation',
      'file.oncall.policies.0.steps.0.notify.1': 'no one named "Nobody" in oncall.contacts or oncall.rotation.people',
      'file.oncall.policies.0.steps.0.notify.2': '"nope" is not an email address',
      'file.oncall.policies.1.name': 'policy "p" is defined twice',
      'file.oncall.policies.1.steps.0.notify.0': 'secondary needs oncall.rotation',
    });
  });

  it('asks for the other half of a pair of environment variables', () => {
    const problems = problemsOf(readYaml('', { SMTP_URL: 'smtp://127.0.0.1:25', CINEMATA_OPS_PUBLIC_URL: 'https://ops.example.org' }));
    expect(Object.keys(problems).sort()).toEqual(['env.ALERT_EMAIL_FROM', 'env.CINEMATA_OPS_ACK_SECRET']);
    expect(problemsOf(readYaml('', { CINEMATA_OPS_ACK_SECRET: 'short', CINEMATA_OPS_PUBLIC_URL: 'ftp://x' }))).toEqual({
      'env.CINEMATA_OPS_ACK_SECRET': 'use at least 32 random characters (openssl rand -hex 32)',
      'env.CINEMATA_OPS_PUBLIC_URL': 'expected a URL like https://ops.example.org',
    });
  });
});
