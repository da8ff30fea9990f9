import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../../../commands/index.js';
import { createDiscordApi } from '../../../src/chat/discord/discord-api.js';
import { createInteractionHandler, type InitialResponder, type InteractionHandler } from '../../../src/chat/discord/interaction-handler.js';
import type { InteractionPayload } from '../../../src/chat/discord/interaction-payload.js';
import type { Command, OptionSpecs } from '../../../src/dispatch/command.js';
import type { DispatchResult } from '../../../src/dispatch/dispatch.js';
import type { Invocation } from '../../../src/dispatch/invocation.js';
import { createCapturingLogger } from '../../helpers/capture-log.js';
import { activeServices, createFakeProbe, healthyHost } from '../../helpers/fake-probes.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { createTestApp, testConfig, type TestApp } from '../../helpers/test-app.js';
import { startFakeDiscordApi, type FakeDiscordApi } from './fake-discord-api.js';
import { OPERATOR_ROLE } from './payloads.js';
import { TEST_COMMANDS } from './test-commands.js';

export interface DispatchRecord {
  invocation: Invocation;
  /** How many Discord calls had been made when the dispatcher was called. */
  callsBefore: number;
  result?: DispatchResult;
}

export interface DiscordHarness {
  fake: FakeDiscordApi;
  test: TestApp;
  handler: InteractionHandler;
  /** The project's commands plus the test commands, as the app runs them. */
  registry: ReadonlyArray<Command<OptionSpecs>>;
  dispatched: DispatchRecord[];
  /** Moves the fake clock this far while the next command runs (a slow command). */
  advanceDuringDispatch(ms: number): void;
  /** Handles a payload as the gateway does (initial response over REST) and waits for every follow-up. */
  send(interaction: InteractionPayload, respond?: InitialResponder): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_YAML = `roles:
  groups:
    "discord-role:${OPERATOR_ROLE}": operator
celery:
  queues: [long_tasks, short_tasks, whisper_tasks, celery]
`;

/** The real app (registry, dispatcher, SQLite store) plus test commands, answering to a fake Discord on loopback. */
export async function createDiscordHarness(options: { yaml?: string } = {}): Promise<DiscordHarness> {
  const fake = await startFakeDiscordApi();
  const dir = makeTempDir();
  writeFileSync(join(dir, 'cinemata-ops.yaml'), options.yaml ?? DEFAULT_YAML);
  const config = testConfig(dir);
  const now = Date.UTC(2026, 11, 4, 9, 0, 0);
  const probes = [createFakeProbe('host', () => ({ detail: healthyHost(now) })), createFakeProbe('services', () => ({ detail: activeServices(now) }))];
  const registry = [...commands, ...TEST_COMMANDS];
  const { log, lines } = createCapturingLogger();
  const test = { ...createTestApp(probes, { config, commands: registry, log }), logLines: lines };
  const dispatched: DispatchRecord[] = [];
  let advance = 0;
  const handler = createInteractionHandler({
    api: createDiscordApi({ apiBase: fake.apiBase, token: 'test-bot-token' }),
    commands: registry,
    config,
    async dispatch(invocation) {
      const record: DispatchRecord = { invocation, callsBefore: fake.calls.length };
      dispatched.push(record);
      test.clock.advance(advance);
      advance = 0;
      record.result = await test.app.dispatch(invocation);
      return record.result;
    },
    store: test.store,
    log,
    now: test.clock.now,
    sleep: async () => undefined,
  });
  return {
    fake,
    test,
    handler,
    registry,
    dispatched,
    advanceDuringDispatch: (ms) => void (advance = ms),
    send: (interaction, respond) => handler.handle(interaction, respond),
    async close() {
      await fake.close();
      test.store.close();
    },
  };
}

