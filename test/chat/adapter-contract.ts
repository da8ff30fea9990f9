import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Config } from '../../src/config/load-config.js';
import type { Report } from '../../src/reports/report.js';
import type { AlertRecord, Store } from '../../src/store/store.js';

/**
 * The contract every chat adapter passes (Slack today, Discord next): the same behaviour, checked the same way,
 * through a small driver that plays the chat platform. A new adapter writes a driver and calls
 * `describeChatAdapterContract('discord', startDiscordHarness)` from a test file; nothing here is Slack-specific.
 *
 * The harness behind `start` must:
 * - create the app (test/helpers/test-app.ts) with `contractRoles(...)` as its roles, so `users.operator` is an
 *   operator by user id, `users.groupOperator` only through `groupId`, and `users.viewer` falls to the default
 *   (viewer);
 * - register the adapter's deliverer with the app, so reports go through the persisted outbox;
 * - fake the platform on loopback: no network.
 */

/** A chat user as the platform knows them. `id` is in the platform's format (Slack `U…`, Discord snowflake). */
export interface ContractUser {
  id: string;
  name: string;
}

export interface ContractButton {
  /** The platform's id for the button (Slack action_id, Discord custom_id). */
  id: string;
  label: string;
}

/** Something the bot showed: a reply to a command or button, a message in a channel, or an edit of one. */
export interface ContractPost {
  /** `ephemeral`: only the person who asked sees it. */
  visibility: 'ephemeral' | 'public';
  /** `edit`: it changed an earlier message (e.g. "working…" replaced by the answer). */
  kind: 'new' | 'edit';
  channel: string | undefined;
  /** The platform's message id, when it has one (Slack ts). */
  id: string | undefined;
  /** The message id of the thread it went to, if any. */
  threadOf: string | undefined;
  /** Every piece of text a person sees, unescaped, joined by newlines. */
  text: string;
  buttons: ContractButton[];
  /** The platform payload, for the driver's own use (e.g. to press a button on it). */
  raw: unknown;
}

export interface ChatAdapterDriver {
  readonly platform: 'slack' | 'discord';
  /**
   * Types a command as `user` in `channel` (e.g. `health`, or `health --public`… expressed as the platform does:
   * `options.public`). Resolves once the platform got its acknowledgement, with how long that took.
   */
  sendCommand(text: string, user: ContractUser, options?: { channel?: string | undefined; public?: boolean | undefined }): Promise<{ ackMs: number }>;
  /** Presses the button labelled `label` on `post` as `user`; resolves on the acknowledgement. */
  clickButton(post: ContractPost, label: string, user: ContractUser): Promise<{ ackMs: number }>;
  /** The first post after the last command or click (or any post, with `match`) within `timeoutMs` (default 5 s). */
  waitForReply(match?: ((post: ContractPost) => boolean) | undefined, timeoutMs?: number | undefined): Promise<ContractPost>;
  /** Everything shown since the harness started, oldest first. */
  lastPosts(): ContractPost[];
}

export interface ContractSetup {
  driver: ChatAdapterDriver;
  app: App;
  store: Store;
  users: { operator: ContractUser; viewer: ContractUser; groupOperator: ContractUser };
  /** A channel the bot is in. */
  channel: string;
  close(): Promise<void>;
}

/** The roles a contract harness configures (see the module comment). */
export function contractRoles(platform: 'slack' | 'discord', operatorId: string, groupId: string): Config['roles'] {
  return {
    default: 'viewer',
    users: { [`${platform}:${operatorId}`]: 'operator' },
    groups: { [`${platform === 'slack' ? 'slack-group' : 'discord-role'}:${groupId}`]: 'operator' },
  };
}

const ALERT: AlertRecord = {
  fingerprint: 'c0ffee1234abcd56',
  ruleId: 'disk-critical',
  status: 'firing',
  severity: 'critical',
  labels: { mount: '/srv/media' },
  summary: 'Disk /srv/media is 96% full',
  value: 96,
  startsAt: Date.UTC(2026, 11, 4, 8, 0, 0),
  updatedAt: Date.UTC(2026, 11, 4, 8, 55, 0),
  firedAt: Date.UTC(2026, 11, 4, 8, 55, 0),
  resolvedAt: null,
  lastNotifiedAt: null,
};

function alertReport(): Report {
  return {
    title: 'CRITICAL: Disk /srv/media is 96% full',
    severity: 'critical',
    summary: 'Disk /srv/media is 96% full',
    sections: [{ blocks: [{ kind: 'fields', fields: [{ label: 'Alert id', value: 'c0ffee12' }, { label: 'Value', value: '96 %', severity: 'critical' }] }] }],
    actions: [
      { id: 'ack', label: 'Acknowledge', style: 'primary', command: 'ack c0ffee12' },
      { id: 'silence', label: 'Silence 1h', command: 'silence c0ffee12 1h "silenced from chat"' },
      { id: 'runbook', label: 'Runbook', command: 'runbook disk' },
    ],
    generatedAt: Date.UTC(2026, 11, 4, 9, 0, 0),
  };
}

/** Queues a report for the contract's channel in the app's persisted outbox and delivers it. */
async function publish(setup: ContractSetup, report: Report): Promise<ContractPost> {
  setup.app.outbox.enqueue(`${setup.driver.platform}:${setup.channel}`, report);
  await setup.app.outbox.drain();
  expect(setup.store.countOutbox()).toEqual({ pending: 0, dead: 0 });
  return setup.driver.waitForReply((post) => post.kind === 'new' && post.visibility === 'public' && post.text.includes(report.title));
}

export function describeChatAdapterContract(name: string, start: () => Promise<ContractSetup>): void {
  describe(`chat adapter contract: ${name}`, () => {
    let setup: ContractSetup;
    beforeEach(async () => {
      setup = await start();
    });
    afterEach(async () => {
      await setup.close();
    });

    it('acknowledges a command within 3 s, then answers the caller only', async () => {
      const { ackMs } = await setup.driver.sendCommand('version', setup.users.viewer);
      expect(ackMs).toBeLessThan(3_000);
      const reply = await setup.driver.waitForReply();
      expect(reply.visibility).toBe('ephemeral');
      expect(reply.text).toContain('cinemata-ops 0.0.0-test');
    });

    it('answers in the channel when asked to', async () => {
      await setup.driver.sendCommand('version', setup.users.viewer, { public: true });
      const reply = await setup.driver.waitForReply();
      expect(reply.visibility).toBe('public');
      expect(reply.text).toContain('cinemata-ops 0.0.0-test');
    });

    it('answers an unknown command with an ephemeral error and a suggestion', async () => {
      await setup.driver.sendCommand('helth', setup.users.viewer, { public: true });
      const reply = await setup.driver.waitForReply();
      expect(reply.visibility).toBe('ephemeral');
      expect(reply.text).toContain('unknown command "helth"');
      expect(reply.text).toContain('did you mean "health"?');
    });

    it('refuses a command above the caller’s role, ephemerally, saying which role it needs', async () => {
      await setup.driver.sendCommand('config', setup.users.viewer, { public: true });
      const reply = await setup.driver.waitForReply();
      expect(reply.visibility).toBe('ephemeral');
      expect(reply.text).toContain('config needs the operator role; you are viewer');
      expect(setup.driver.lastPosts().filter((p) => p.visibility === 'public')).toEqual([]);
    });

    it('grants a role through the caller’s group', async () => {
      await setup.driver.sendCommand('config', setup.users.groupOperator);
      const reply = await setup.driver.waitForReply();
      expect(reply.text).not.toContain('needs the operator role');
      expect(reply.text).toContain('Configuration');
    });

    it('posts a delivered report in the channel with its buttons', async () => {
      const post = await publish(setup, alertReport());
      expect(post.visibility).toBe('public');
      expect(post.channel).toBe(setup.channel);
      expect(post.text).toContain('Disk /srv/media is 96% full');
      expect(post.buttons.map((b) => b.label)).toEqual(['Acknowledge', 'Silence 1h', 'Runbook']);
    });

    it('runs a button’s command as the person who pressed it, with their role', async () => {
      setup.store.upsertAlert(ALERT);
      const post = await publish(setup, alertReport());
      const { ackMs } = await setup.driver.clickButton(post, 'Acknowledge', setup.users.operator);
      expect(ackMs).toBeLessThan(3_000);
      const reply = await setup.driver.waitForReply((p) => p.text.includes('Acknowledged 1 alert'));
      expect(reply.text).toContain(`${setup.driver.platform}:${setup.users.operator.id}`);
      expect(setup.store.getAck(ALERT.fingerprint)?.by).toBe(`${setup.driver.platform}:${setup.users.operator.id}`);
    });

    it('refuses a button to someone without the role, to them alone, and changes nothing', async () => {
      setup.store.upsertAlert(ALERT);
      const post = await publish(setup, alertReport());
      await setup.driver.clickButton(post, 'Acknowledge', setup.users.viewer);
      const reply = await setup.driver.waitForReply((p) => p.text.includes('needs the operator role'));
      expect(reply.visibility).toBe('ephemeral');
      expect(setup.store.getAck(ALERT.fingerprint)).toBeUndefined();
    });
  });
}
