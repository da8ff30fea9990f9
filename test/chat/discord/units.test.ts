import { describe, expect, it } from 'vitest';
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { suggestValues } from '../../../src/chat/discord/autocomplete.js';
import { createDiscordAdapter } from '../../../src/chat/discord/discord-adapter.js';
import { classifyDiscordError } from '../../../src/chat/discord/discord-api.js';
import { continued, truncate } from '../../../src/chat/discord/limits.js';
import { codeBody, escapeLine, escapeText, splitLines } from '../../../src/chat/discord/markdown.js';
import { createSilentLogger } from '../../../src/log.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { testConfig } from '../../helpers/test-app.js';
import { startFakeDiscordApi } from './fake-discord-api.js';

describe('Discord markdown', () => {
  it('escapes what would become markup, and line starts only where they would', () => {
    expect(escapeLine('celery_long *hot* `x` <@&1> [a](b) ~~gone~~ |spoiler|')).toBe(
      'celery\\_long \\*hot\\* \\`x\\` \\<@&1\\> \\[a\\](b) \\~\\~gone\\~\\~ \\|spoiler\\|',
    );
    expect(escapeText('# title\n-# small\n- item\n+ item\n1. first\n6.1 GiB\n2025-01-14')).toBe('\\# title\n\\-# small\n\\- item\n\\+ item\n1\\. first\n6.1 GiB\n2025-01-14');
  });

  it('removes control characters and ANSI escapes from report text', () => {
    expect(escapeLine('a\u001b[31mred\u001b[0m\u0000b\u202e')).toBe('aredb');
  });

  it('keeps no two backticks together inside code', () => {
    expect(codeBody('a ``` b `````')).not.toMatch(/``/);
  });

  it('splits at line breaks, then inside a line only when it must, never between a backslash and what it escapes', () => {
    expect(splitLines('aaa\nbbb\nccc', 7)).toEqual(['aaa\nbbb', 'ccc']);
    expect(splitLines('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(splitLines('abc\\*defg', 4)).toEqual(['abc', '\\*de', 'fg']);
    expect(splitLines('ab🎉cd', 3)).toEqual(['ab', '🎉c', 'd']);
  });

  it('marks continuations even when the name itself is at the limit', () => {
    expect(continued('x'.repeat(300), 256)).toHaveLength(256);
    expect(continued('x'.repeat(300), 256).endsWith('… (continued)')).toBe(true);
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcd', 3)).toBe('ab…');
  });
});

describe('classifyDiscordError', () => {
  const request = { body: undefined, files: undefined };
  it('makes a 429 retryable after Retry-After', () => {
    const error = new RateLimitError({ timeToReset: 900, limit: 5, method: 'POST', hash: 'h', url: 'https://x/api/v10/channels/1/messages', route: '/channels/:id/messages', majorParameter: '1', global: false, retryAfter: 1500, sublimitTimeout: 0, scope: 'user' });
    expect(classifyDiscordError(error)).toMatchObject({ retryable: true, retryAfterMs: 1500, status: 429 });
  });

  it('makes 5xx retryable and 4xx permanent, with advice for known codes', () => {
    expect(classifyDiscordError(new HTTPError(502, 'Bad Gateway', 'POST', 'https://x', request))).toMatchObject({ retryable: true, status: 502 });
    const missing = new DiscordAPIError({ code: 10003, message: 'Unknown Channel' }, 10003, 404, 'POST', 'https://discord.com/api/v10/webhooks/1/SECRET', request);
    const classified = classifyDiscordError(missing);
    expect(classified).toMatchObject({ retryable: false, status: 404, code: 10003 });
    expect(classified.error).toBe('Unknown Channel (code 10003, HTTP 404): no such channel: check the channel id in channels[] of cinemata-ops.yaml');
  });

  it('treats network trouble as retryable and never repeats a URL, which may hold an interaction token', () => {
    const classified = classifyDiscordError(new Error('connect ECONNREFUSED https://discord.com/api/v10/webhooks/1/SECRET-TOKEN'));
    expect(classified.retryable).toBe(true);
    expect(classified.error).not.toContain('SECRET');
  });
});

describe('suggestValues', () => {
  it('puts prefix matches before substring matches and stops at 25', () => {
    expect(suggestValues(['short_tasks', 'long_tasks', 'celery'], 'tas').map((c) => c.value)).toEqual(['short_tasks', 'long_tasks']);
    expect(suggestValues(['celery', 'long_tasks'], 'l').map((c) => c.value)).toEqual(['long_tasks', 'celery']);
    expect(suggestValues(Array.from({ length: 40 }, (_, i) => `q${i}`), '')).toHaveLength(25);
  });
});

describe('createDiscordAdapter', () => {
  const base = {
    commands: [],
    dispatch: async () => ({ ok: false as const, error: { kind: 'internal' as const, code: 'internal' as const, message: 'x' } }),
    store: () => ({ getState: () => undefined, setState: () => undefined }),
    log: createSilentLogger(),
  };

  it('uses the gateway without a public key and the HTTP route with one', () => {
    const config = testConfig(makeTempDir());
    expect(createDiscordAdapter({ ...base, config, token: 't' })).toMatchObject({ mode: 'gateway', route: undefined });
    const http = createDiscordAdapter({ ...base, config, token: 't', publicKey: 'ab'.repeat(32) });
    expect(http.mode).toBe('http');
    expect(http.route).toMatchObject({ method: 'POST', path: '/discord/interactions' });
  });

  it('stops start-up with Discord\'s reason when the bot token is refused', async () => {
    const fake = await startFakeDiscordApi();
    try {
      const adapter = createDiscordAdapter({ ...base, config: testConfig(makeTempDir()), token: 'refused-token', publicKey: 'ab'.repeat(32), apiBase: fake.apiBase });
      await expect(adapter.start()).rejects.toThrow('Discord refused the bot token: 401: Unauthorized (code 0, HTTP 401): the bot token was refused: check DISCORD_BOT_TOKEN');
    } finally {
      await fake.close();
    }
  });
});
