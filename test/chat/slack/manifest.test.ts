import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { classifySlackError } from '../../../src/chat/slack/slack-errors.js';

const manifest = parse(readFileSync(new URL('../../../slack-app-manifest.yaml', import.meta.url), 'utf8')) as {
  features: { slash_commands: Array<{ command: string; url?: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url?: string }; socket_mode_enabled: boolean };
};

describe('the Slack app manifest', () => {
  it('declares /ops, interactivity and exactly the scopes the adapter uses', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/ops']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['chat:write', 'commands', 'files:write', 'usergroups:read']);
  });

  it('is in Socket Mode by default and documents the HTTP variant’s Request URL at /slack/events', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    const text = readFileSync(new URL('../../../slack-app-manifest.yaml', import.meta.url), 'utf8');
    expect(text).toContain('# url: https://ops.example.org/slack/events');
    expect(text).toContain('# request_url: https://ops.example.org/slack/events');
  });
});

describe('Slack errors as the outbox sees them', () => {
  it('retries rate limits (after Retry-After), 5xx and network errors, and gives up on permanent refusals', () => {
    expect(classifySlackError({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 })).toMatchObject({ retryable: true, retryAfterMs: 7_000 });
    expect(classifySlackError({ code: 'slack_webapi_http_error', statusCode: 503 })).toMatchObject({ retryable: true });
    expect(classifySlackError({ code: 'slack_webapi_http_error', statusCode: 400 })).toMatchObject({ retryable: false });
    expect(classifySlackError({ code: 'slack_webapi_request_error', message: 'ECONNRESET' })).toMatchObject({ retryable: true });
    expect(classifySlackError({ code: 'slack_webapi_platform_error', data: { error: 'not_in_channel' } })).toMatchObject({ retryable: false, error: 'Slack refused it: not_in_channel' });
    expect(classifySlackError({ code: 'slack_webapi_platform_error', data: { error: 'internal_error' } })).toMatchObject({ retryable: true });
    expect(classifySlackError(new Error('socket hang up'))).toMatchObject({ retryable: true, error: 'socket hang up' });
  });
});
