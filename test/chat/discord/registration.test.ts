import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { DEFAULT_AUTOCOMPLETE } from '../../../src/chat/discord/autocomplete.js';
import { buildCommandDefinitions, countCharacters } from '../../../src/chat/discord/command-definitions.js';
import { createDiscordApi } from '../../../src/chat/discord/discord-api.js';
import { commandRequest } from '../../../src/chat/discord/interaction-payload.js';
import { registerCommands } from '../../../src/chat/discord/register.js';
import { runDiscordCli } from '../../../src/chat/discord/register-cli.js';
import { defineCommand, type Command, type OptionSpecs } from '../../../src/dispatch/command.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { testConfig } from '../../helpers/test-app.js';
import { MISSING_ACCESS, startFakeDiscordApi, type FakeDiscordApi } from './fake-discord-api.js';
import { APPLICATION_ID, GUILD_ID, slashCommand } from './payloads.js';
import { TEST_COMMANDS } from './test-commands.js';

/** The project's own registry: what `discord register` sends. */
const REGISTRY = commands;
const TOKEN = `MTE4NTMzMDA4MTQzNjIzNzg2NA.GxYz12.${'a'.repeat(38)}`;

interface SentOption {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  choices?: Array<{ name: string; value: string }>;
  autocomplete?: boolean;
  min_value?: number;
  max_value?: number;
  options?: SentOption[];
}

let fake: FakeDiscordApi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('command registration', () => {
  it('puts /ops with a subcommand per registry command, each option typed, in one bulk overwrite for a guild', async () => {
    fake = await startFakeDiscordApi();
    const api = createDiscordApi({ token: TOKEN, apiBase: fake.apiBase });
    const registration = await registerCommands({ api, applicationId: APPLICATION_ID, guildId: GUILD_ID, commands: REGISTRY });
    expect(registration.scope).toBe('guild');
    // Every command is registered: typed while Discord's budget lasts, the rest through /ops run.
    expect([...registration.typed, ...registration.viaRun]).toEqual(REGISTRY.map((c) => c.name));
    const typed = REGISTRY.filter((c) => registration.typed.includes(c.name));

    const [put] = fake.calls;
    expect(put?.method).toBe('PUT');
    expect(put?.path).toBe(`/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`);
    expect(put?.headers.authorization).toBe(`Bot ${TOKEN}`);
    const [ops, ...others] = put?.body as SentOption[] & Array<{ contexts?: number[] }>;
    expect(others).toEqual([]);
    expect(ops).toMatchObject({ type: 1, name: 'ops' });
    expect((ops as { contexts?: unknown }).contexts).toBeUndefined();

    const TYPES = { string: 3, integer: 4, number: 10, boolean: 5, duration: 3 };
    expect(ops?.options?.map((o) => o.name)).toEqual([...registration.typed, ...(registration.viaRun.length > 0 ? ['run'] : [])]);
    for (const command of typed) {
      const sub = ops?.options?.find((o) => o.name === command.name);
      expect(sub?.type, command.name).toBe(1);
      expect(sub?.description.length).toBeLessThanOrEqual(100);
      const sent = new Map((sub?.options ?? []).map((o) => [o.name, o]));
      expect([...sent.keys()].sort(), command.name).toEqual([...Object.keys(command.options), 'public'].sort());
      expect(sent.get('public')).toMatchObject({ type: 5, required: false });
      for (const [name, spec] of Object.entries(command.options)) {
        const option = sent.get(name);
        expect(option?.type, `${command.name} ${name}`).toBe(TYPES[spec.type]);
        expect(option?.required).toBe(spec.required === true && spec.default === undefined);
        if (spec.choices) expect(option?.choices?.map((c) => c.value)).toEqual(spec.choices);
        if (spec.type === 'integer' || spec.type === 'number') {
          expect(option?.min_value).toBe(spec.min);
          expect(option?.max_value).toBe(spec.max);
        }
      }
      // Discord wants required options first.
      const required = (sub?.options ?? []).map((o) => o.required === true);
      expect(required, command.name).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    }
    expect(countCharacters(ops as object)).toBeLessThanOrEqual(8000);
  });

  it('describes the test command exactly: types, bounds, choices, autocomplete and defaults', () => {
    const { body } = buildCommandDefinitions(TEST_COMMANDS, { autocomplete: DEFAULT_AUTOCOMPLETE });
    const probe = body[0]?.options?.find((o) => o.name === 'probe-options');
    expect(probe).toEqual({
      type: 1,
      name: 'probe-options',
      description: 'Echo typed options (test)',
      options: [
        { type: 3, name: 'target', description: 'what to probe', required: true },
        { type: 4, name: 'limit', description: 'rows (default 10)', required: false, min_value: 1, max_value: 100 },
        { type: 10, name: 'ratio', description: 'a fraction', required: false, min_value: 0, max_value: 1 },
        { type: 5, name: 'verbose', description: 'more (default false)', required: false },
        { type: 3, name: 'since', description: 'window (like 30m, 24h, 7d) (default 24h)', required: false },
        {
          type: 3,
          name: 'by',
          description: 'ranking (default total)',
          required: false,
          choices: [
            { name: 'total', value: 'total' },
            { name: 'mean', value: 'mean' },
            { name: 'calls', value: 'calls' },
          ],
        },
        { type: 3, name: 'queue', description: 'a Celery queue', required: false, autocomplete: true },
        { type: 5, name: 'public', description: 'post the answer in the channel for everyone (default: only you see it)', required: false },
      ],
    });
  });

  it('registers globally, usable in servers only, when no guild is given', async () => {
    fake = await startFakeDiscordApi();
    const api = createDiscordApi({ token: TOKEN, apiBase: fake.apiBase });
    const registration = await registerCommands({ api, applicationId: APPLICATION_ID, commands: REGISTRY });
    expect(registration.scope).toBe('global');
    expect(fake.calls[0]?.path).toBe(`/applications/${APPLICATION_ID}/commands`);
    expect((fake.calls[0]?.body as Array<{ contexts?: number[] }>)[0]?.contexts).toEqual([0]);
  });

  it('keeps every command reachable through /ops run when there are more than Discord allows as subcommands', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      defineCommand({
        name: `cmd-${i}`,
        summary: `command number ${i}`,
        description: 'd',
        options: { x: { type: 'integer', description: 'x' } },
        role: 'viewer',
        execute: async () => ({ title: 't', severity: 'ok', sections: [], generatedAt: 0 }),
      }),
    ) as unknown as ReadonlyArray<Command<OptionSpecs>>;
    const definitions = buildCommandDefinitions(many, { autocomplete: {} });
    const names = definitions.body[0]?.options?.map((o) => o.name);
    expect(names).toHaveLength(25);
    expect(names?.at(-1)).toBe('run');
    expect(definitions.typed).toEqual(many.slice(0, 24).map((c) => c.name));
    expect(definitions.viaRun).toEqual(many.slice(24).map((c) => c.name));

    const interaction = slashCommand('run', { line: '/ops cmd-27 --x 5' });
    expect(commandRequest(interaction)).toMatchObject({ invocation: { command: 'cmd-27', args: ['--x', '5'] }, visibility: 'ephemeral' });
    expect(commandRequest(slashCommand('run', { line: 'cmd-3 --public' })).visibility).toBe('public');
  });

  it('moves commands to /ops run when the whole command would pass 8,000 characters', () => {
    const wordy = Array.from({ length: 10 }, (_, i) =>
      defineCommand({
        name: `wordy-${i}`,
        summary: 's'.repeat(90),
        description: 'd',
        options: Object.fromEntries(Array.from({ length: 10 }, (_, o) => [`option-${o}`, { type: 'string' as const, description: 'o'.repeat(90) }])),
        role: 'viewer',
        execute: async () => ({ title: 't', severity: 'ok', sections: [], generatedAt: 0 }),
      }),
    ) as unknown as ReadonlyArray<Command<OptionSpecs>>;
    const definitions = buildCommandDefinitions(wordy, { autocomplete: {} });
    expect(definitions.viaRun.length).toBeGreaterThan(0);
    expect([...definitions.typed, ...definitions.viaRun]).toEqual(wordy.map((c) => c.name));
    expect(countCharacters(definitions.body[0] as object)).toBeLessThanOrEqual(8000);
    expect(definitions.body[0]?.options?.at(-1)?.name).toBe('run');
  });

  it('fails loudly when a command name is not valid on Discord', () => {
    const bad = [{ ...TEST_COMMANDS[0], name: 'x'.repeat(33) }] as unknown as ReadonlyArray<Command<OptionSpecs>>;
    expect(() => buildCommandDefinitions(bad, { autocomplete: {} })).toThrow(/1–32 lowercase/);
  });
});

describe('cinemata-ops discord register', () => {
  function config(env: NodeJS.ProcessEnv = { DISCORD_BOT_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APPLICATION_ID }) {
    return testConfig(makeTempDir(), env);
  }

  it('registers in the given server and says how many subcommands', async () => {
    fake = await startFakeDiscordApi();
    const out = await runDiscordCli(['register', '--guild', GUILD_ID], { config: config(), commands: TEST_COMMANDS, apiBase: fake.apiBase });
    expect(out).toEqual({ stdout: `registered /ops in server ${GUILD_ID} (available now): ${TEST_COMMANDS.length} subcommands\n`, stderr: '', exitCode: 0 });
    expect(fake.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`PUT /applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`]);
  });

  it('exits 2 naming the missing variables when the token or application id is not set', async () => {
    const out = await runDiscordCli(['register'], { config: config({}), commands: REGISTRY });
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toBe('error: set DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID to register commands (see .env.example)\n');
  });

  it('exits 1 with Discord\'s reason when Discord refuses', async () => {
    fake = await startFakeDiscordApi();
    fake.answerNext({ method: 'PUT', path: /commands$/ }, MISSING_ACCESS);
    const out = await runDiscordCli(['register', `--guild=${GUILD_ID}`], { config: config(), commands: REGISTRY, apiBase: fake.apiBase });
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toContain('Missing Access (code 50001, HTTP 403)');
  });

  it('prints the payload without sending it on --dry-run, and exits 2 on a malformed guild id', async () => {
    const dry = await runDiscordCli(['register', '--dry-run'], { config: config({}), commands: REGISTRY });
    expect(dry.exitCode).toBe(0);
    expect(JSON.parse(dry.stdout)[0].name).toBe('ops');
    const bad = await runDiscordCli(['register', '--guild', 'general'], { config: config(), commands: REGISTRY });
    expect(bad).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('--guild needs a server id') });
  });
});
