import { afterEach, describe, expect, it } from 'vitest';
import { buttonStateKey } from '../../../src/chat/discord/buttons.js';
import { renderDiscord, type DiscordMessage } from '../../../src/chat/discord/render-discord.js';
import { rateLimited, SERVER_ERROR, type RecordedCall } from './fake-discord-api.js';
import { createDiscordHarness, type DiscordHarness } from './harness.js';
import { limitViolations } from './message-checks.js';
import { APPLICATION_ID, autocomplete, buttonClick, CHANNEL_ID, JONAS, MARA, slashCommand } from './payloads.js';
import { LONG_NOTE } from './test-commands.js';

const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const ORIGINAL = new RegExp(`^/webhooks/${APPLICATION_ID}/[^/]+/messages/@original$`);
const FOLLOW_UP = new RegExp(`^/webhooks/${APPLICATION_ID}/[^/]+$`);

let h: DiscordHarness;
afterEach(async () => {
  await h?.close();
});

function body<T = Record<string, unknown>>(call: RecordedCall | undefined): T {
  if (call === undefined) throw new Error('no such call');
  return call.body as T;
}

/** What a message looks like once it went through JSON, as the fake server recorded it. */
function asSent(message: DiscordMessage | undefined): unknown {
  return JSON.parse(JSON.stringify(message));
}

describe('Discord slash commands', () => {
  it('defers privately before the command runs, then edits the deferred response with the rendered report when /ops health is used', async () => {
    h = await createDiscordHarness();
    const interaction = slashCommand('health');
    await h.send(interaction);

    const [callback] = h.fake.find('POST', CALLBACK);
    expect(callback?.path).toBe(`/interactions/${interaction.id}/${interaction.token}/callback`);
    expect(body(callback)).toEqual({ type: 5, data: { flags: 64 } });
    expect(h.dispatched).toHaveLength(1);
    expect(h.dispatched[0]?.callsBefore).toBe(1);
    expect(h.dispatched[0]?.invocation).toEqual({
      platform: 'discord',
      user: { id: MARA.id, name: 'Mara', groups: [] },
      channel: CHANNEL_ID,
      command: 'health',
      args: [],
    });

    const result = h.dispatched[0]?.result;
    if (!result?.ok) throw new Error('health failed');
    const [edit] = h.fake.find('PATCH', ORIGINAL);
    expect(body(edit)).toEqual(asSent(renderDiscord(result.report).messages[0]));
    expect(edit?.seq).toBeGreaterThan(callback?.seq ?? Infinity);
    // Interaction webhooks authenticate with their token in the path, never with the bot token.
    expect(callback?.headers.authorization).toBeUndefined();
    expect(edit?.headers.authorization).toBeUndefined();
  });

  it('defers in the channel, for everyone, when public is set', async () => {
    h = await createDiscordHarness();
    await h.send(slashCommand('health', { public: true }));
    expect(body(h.fake.find('POST', CALLBACK)[0])).toEqual({ type: 5 });
    expect(h.dispatched[0]?.invocation.args).toEqual([]);
    expect(h.fake.find('PATCH', ORIGINAL)).toHaveLength(1);
  });

  it('passes typed options to the dispatcher as words its parser checks when options are given', async () => {
    h = await createDiscordHarness();
    await h.send(slashCommand('probe-options', { target: 'db', limit: 5, ratio: 0.25, verbose: true, since: '2h', by: 'mean', queue: 'short_tasks' }));
    expect(h.dispatched[0]?.invocation.args).toEqual(['--target', 'db', '--limit', '5', '--ratio', '0.25', '--verbose', '--since', '2h', '--by', 'mean', '--queue', 'short_tasks']);
    const result = h.dispatched[0]?.result;
    if (!result?.ok) throw new Error(JSON.stringify(result));
    const fields = result.report.sections[0]?.blocks[0];
    expect(fields?.kind === 'fields' && JSON.parse(fields.fields[0]?.value ?? '')).toEqual({
      target: 'db',
      limit: 5,
      ratio: 0.25,
      verbose: true,
      since: 7_200_000,
      by: 'mean',
      queue: 'short_tasks',
    });

    await h.send(slashCommand('probe-options', { target: 'db', verbose: false }));
    expect(h.dispatched[1]?.invocation.args).toEqual(['--target', 'db', '--no-verbose']);
  });

  it('answers at once with an ephemeral error and runs nothing when the subcommand is unknown', async () => {
    h = await createDiscordHarness();
    await h.send(slashCommand('helth'));
    expect(h.dispatched).toEqual([]);
    expect(h.fake.calls).toHaveLength(1);
    expect(body(h.fake.calls[0])).toEqual({
      type: 4,
      data: { content: '⚠️ unknown command "helth"\n-# did you mean "health"?', embeds: [], allowed_mentions: { parse: [] }, flags: 64 },
    });
  });

  it('answers at once with an ephemeral error naming the option when an option is out of range or malformed', async () => {
    h = await createDiscordHarness();
    await h.send(slashCommand('probe-options', { target: 'db', limit: 500 }));
    await h.send(slashCommand('probe-options', { target: 'db', since: 'soon' }));
    expect(h.dispatched).toEqual([]);
    const contents = h.fake.find('POST', CALLBACK).map((c) => body<{ type: number; data: { content: string; flags: number } }>(c));
    expect(contents.map((c) => [c.type, c.data.flags])).toEqual([
      [4, 64],
      [4, 64],
    ]);
    expect(contents[0]?.data.content).toContain('probe-options: limit must be at most 100, got "500"');
    expect(contents[0]?.data.content).toContain('-# see: /ops help probe-options');
    expect(contents[1]?.data.content).toContain('since must be a duration like 30m, 24h or 7d');
  });

  it('refuses privately, naming the keys to map, when the user has no role that allows the command', async () => {
    h = await createDiscordHarness();
    await h.send(slashCommand('config', {}, MARA));
    expect(h.dispatched).toEqual([]);
    const refusal = body<{ type: number; data: { content: string; flags: number } }>(h.fake.calls[0]);
    expect(refusal.type).toBe(4);
    expect(refusal.data.flags).toBe(64);
    expect(refusal.data.content).toBe(
      `⛔ config needs the operator role; you are viewer\n-# ask an admin to map you in roles (cinemata-ops.yaml): users: discord:${MARA.id}`,
    );
  });

  it('runs the command when one of the member roles maps to a role that allows it', async () => {
    h = await createDiscordHarness();
    await h.send(slashCommand('config', {}, JONAS));
    expect(h.dispatched[0]?.invocation.user.groups).toEqual(JONAS.roles);
    expect(h.dispatched[0]?.result?.ok).toBe(true);
    expect(body(h.fake.find('POST', CALLBACK)[0])).toEqual({ type: 5, data: { flags: 64 } });
    expect(h.fake.find('PATCH', ORIGINAL)).toHaveLength(1);
  });

  it('puts the error in the private placeholder when the command fails after it started', async () => {
    h = await createDiscordHarness();
    await h.send(slashCommand('missing'));
    expect(h.fake.calls.map((c) => c.method)).toEqual(['POST', 'PATCH']);
    expect(body(h.fake.calls[1])).toEqual({ content: '⛔ no alert matches "3f2a"\n-# see: /ops help alerts', embeds: [], allowed_mentions: { parse: [] }, flags: 64 });
  });

  it('replaces a public placeholder with an ephemeral error when the command fails after it started', async () => {
    h = await createDiscordHarness();
    await h.send(slashCommand('missing', { public: true }));
    expect(h.fake.calls.map((c) => c.method)).toEqual(['POST', 'DELETE', 'POST']);
    expect(h.fake.calls[1]?.path).toMatch(ORIGINAL);
    expect(h.fake.calls[2]?.path).toMatch(FOLLOW_UP);
    expect(body(h.fake.calls[2])).toEqual({
      content: '⛔ no alert matches "3f2a"\n-# see: /ops help alerts',
      embeds: [],
      allowed_mentions: { parse: [] },
      flags: 64,
    });
  });

  it('sends every part of a report over the limits, in order, as the deferred response and follow-ups', async () => {
    h = await createDiscordHarness();
    await h.send(slashCommand('flood'));
    const result = h.dispatched[0]?.result;
    if (!result?.ok) throw new Error('flood failed');
    const rendered = renderDiscord(result.report);
    const sent = h.fake.calls.slice(1).map((c) => [c.method, FOLLOW_UP.test(c.path) ? 'follow-up' : 'original', c.body]);
    // Private follow-ups must say so themselves; the edited placeholder already is.
    expect(sent).toEqual(rendered.messages.map((m, i) => [i === 0 ? 'PATCH' : 'POST', i === 0 ? 'original' : 'follow-up', asSent(i === 0 ? m : { ...m, flags: 64 })]));
    for (const m of rendered.messages) expect(limitViolations(m)).toEqual([]);
    for (const [key, command] of Object.entries(rendered.buttonKeys)) {
      expect(h.test.store.getState<{ command: string }>(buttonStateKey(key))?.command).toBe(command);
    }
  });

  it('posts to the channel instead when the command outlasts the 15-minute interaction token', async () => {
    h = await createDiscordHarness();
    h.advanceDuringDispatch(16 * 60_000);
    await h.send(slashCommand('health', { public: true }));
    expect(h.fake.find('PATCH', ORIGINAL)).toEqual([]);
    const [post] = h.fake.find('POST', /^\/channels\/\d+\/messages$/);
    expect(post?.path).toBe(`/channels/${CHANNEL_ID}/messages`);
    expect(post?.headers.authorization).toBe('Bot test-bot-token');
  });

  it('shows nothing rather than post a private answer publicly when the token expired', async () => {
    h = await createDiscordHarness();
    h.advanceDuringDispatch(16 * 60_000);
    await h.send(slashCommand('health'));
    expect(h.fake.calls.map((c) => c.method)).toEqual(['POST']);
  });

  it('retries a follow-up after retry_after when Discord answers 429, and after a 500', async () => {
    h = await createDiscordHarness();
    h.fake.answerNext({ method: 'PATCH', path: ORIGINAL }, rateLimited(0.01));
    h.fake.answerNext({ method: 'POST', path: FOLLOW_UP }, SERVER_ERROR);
    await h.send(slashCommand('flood'));
    const result = h.dispatched[0]?.result;
    if (!result?.ok) throw new Error('flood failed');
    const parts = renderDiscord(result.report).messages.length;
    expect(h.fake.find('PATCH', ORIGINAL)).toHaveLength(2);
    expect(h.fake.find('POST', FOLLOW_UP)).toHaveLength(parts - 1 + 1);
  });
});

describe('Discord buttons', () => {
  it('runs the button command as the member who clicked, with their role', async () => {
    h = await createDiscordHarness();
    await h.send(slashCommand('buttons', {}, MARA));
    const [edit] = h.fake.find('PATCH', ORIGINAL);
    const components = body<DiscordMessage>(edit).components?.[0]?.components as Array<{ custom_id?: string; url?: string; style: number }>;
    expect(components.map((c) => c.custom_id ?? c.url)).toEqual(['ops:whoami from-button', expect.stringMatching(/^ops#[\w-]{22}$/), 'https://ops.cinemata.org/runbooks/disk-full']);
    expect(components.map((c) => c.style)).toEqual([2, 4, 5]);

    await h.send(buttonClick('ops:whoami from-button', JONAS));
    const click = h.dispatched[1];
    expect(click?.invocation).toMatchObject({ platform: 'discord', user: { id: JONAS.id, groups: JONAS.roles }, command: 'whoami', args: ['from-button'] });
    expect(click?.result?.ok && click.result.report.title).toBe(`whoami ${JONAS.id} operator from-button`);
    const edits = h.fake.find('PATCH', ORIGINAL);
    expect(body<DiscordMessage>(edits[1]).embeds[0]?.title).toBe(`[OK] whoami ${JONAS.id} operator from-button`);
  });

  it('applies the same role check to a click as to a typed command', async () => {
    h = await createDiscordHarness();
    await h.send(buttonClick('ops:whoami from-button', MARA));
    expect(h.dispatched).toEqual([]);
    const refusal = body<{ type: number; data: { content: string; flags: number } }>(h.fake.calls[0]);
    expect([refusal.type, refusal.data.flags]).toEqual([4, 64]);
    expect(refusal.data.content).toContain('whoami needs the operator role; you are viewer');
  });

  it('finds a command too long for a custom_id in the store when its button is clicked', async () => {
    h = await createDiscordHarness();
    await h.send(slashCommand('buttons'));
    const components = body<DiscordMessage>(h.fake.find('PATCH', ORIGINAL)[0]).components?.[0]?.components as Array<{ custom_id?: string }>;
    const keyed = components[1]?.custom_id ?? '';
    await h.send(buttonClick(keyed, JONAS));
    expect(h.dispatched[1]?.invocation).toMatchObject({ command: 'whoami', args: [LONG_NOTE] });
  });

  it('says privately that a button is no longer known when its key is not in the store', async () => {
    h = await createDiscordHarness();
    await h.send(buttonClick('ops#AAAAAAAAAAAAAAAAAAAAAA', JONAS));
    expect(h.dispatched).toEqual([]);
    expect(body<{ data: { content: string; flags: number } }>(h.fake.calls[0]).data).toMatchObject({ flags: 64, content: expect.stringContaining('no longer known') });
  });
});

describe('Discord autocomplete', () => {
  it('suggests the configured Celery queues that match what is typed', async () => {
    h = await createDiscordHarness();
    await h.send(autocomplete('probe-options', 'queue', 'sh', { target: 'db' }));
    expect(h.dispatched).toEqual([]);
    expect(body(h.fake.calls[0])).toEqual({ type: 8, data: { choices: [{ name: 'short_tasks', value: 'short_tasks' }] } });
  });

  it('suggests command names for help, prefix matches first', async () => {
    h = await createDiscordHarness();
    await h.send(autocomplete('help', 'command', 'he'));
    const choices = body<{ data: { choices: Array<{ value: string }> } }>(h.fake.calls[0]).data.choices.map((c) => c.value);
    expect(choices.slice(0, 2)).toEqual(['health', 'help']);
  });

  it('answers with no suggestions when the option has no list', async () => {
    h = await createDiscordHarness();
    await h.send(autocomplete('probe-options', 'target', 'd'));
    expect(body(h.fake.calls[0])).toEqual({ type: 8, data: { choices: [] } });
  });
});
