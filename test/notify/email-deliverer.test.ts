import { afterEach, describe, expect, it } from 'vitest';
import { createEmailDeliverer, type EmailDeliverer } from '../../src/notify/email/email-deliverer.js';
import { classifySmtpError } from '../../src/notify/email/smtp-errors.js';
import type { Report } from '../../src/reports/report.js';
import { startSmtpSink, type SmtpSink } from '../escalation/support/smtp-sink.js';
import { createCapturingLogger } from '../helpers/capture-log.js';

const report: Report = { title: 'celery_long down', severity: 'warning', sections: [{ blocks: [{ kind: 'text', text: 'restarted 3 times' }] }], generatedAt: 0 };

let sink: SmtpSink | undefined;
let deliverer: EmailDeliverer | undefined;
afterEach(async () => {
  deliverer?.close();
  await sink?.stop();
  sink = undefined;
  deliverer = undefined;
});

async function setup(): Promise<{ sink: SmtpSink; deliverer: EmailDeliverer }> {
  sink = await startSmtpSink();
  deliverer = createEmailDeliverer({ smtpUrl: sink.url, from: 'ops-bot@example.org', log: createCapturingLogger().log, timeouts: { connection: 2_000, greeting: 2_000, socket: 5_000 } });
  return { sink, deliverer };
}

describe('email deliverer', () => {
  it('sends one message per address with a text and an HTML part', async () => {
    const { sink, deliverer } = await setup();
    expect(deliverer.platform).toBe('email');
    expect(await deliverer.deliver('oncall@example.org', report)).toEqual({ ok: true });
    const [mail] = await sink.waitFor(1);
    expect(mail).toMatchObject({ from: 'ops-bot@example.org', to: ['oncall@example.org'], subject: '[WARNING] celery_long down — cinemata-ops' });
    expect(mail?.headers.get('content-type')).toMatch(/^multipart\/alternative/);
    expect(mail?.text).toContain('restarted 3 times');
    expect(mail?.html).toContain('<p style="margin:0 0 8px">restarted 3 times</p>');
  });

  it('gives up on a recipient the server refuses with 550, and says why', async () => {
    const { sink, deliverer } = await setup();
    sink.mode = 'reject-recipients';
    const result = await deliverer.deliver('nobody@example.org', report);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(!result.ok && result.error).toMatch(/^SMTP 550 after RCPT: .*No such user/);
  });

  it('asks for a retry when the server answers 421 or is not listening', async () => {
    const { sink, deliverer } = await setup();
    sink.mode = 'busy';
    const busy = await deliverer.deliver('oncall@example.org', report);
    expect(busy).toMatchObject({ ok: false, retryable: true });
    expect(!busy.ok && busy.error).toMatch(/421/);
    await sink.stop();
    const down = await deliverer.deliver('oncall@example.org', report);
    expect(down).toMatchObject({ ok: false, retryable: true });
    expect(!down.ok && down.error).toMatch(/ECONNREFUSED/);
  });

  it('refuses a target that is not an email address without talking to the server', async () => {
    const { sink, deliverer } = await setup();
    expect(await deliverer.deliver('oncall', report)).toEqual({ ok: false, retryable: false, error: '"oncall" is not an email address' });
    expect(sink.messages).toEqual([]);
  });
});

describe('SMTP error classification', () => {
  const error = (fields: Record<string, unknown>) => Object.assign(new Error('failed'), fields);

  it('treats a 5xx refusal of the recipient, sender or message as permanent', () => {
    expect(classifySmtpError(error({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', response: '550 5.1.1 unknown user' }))).toEqual({
      ok: false,
      retryable: false,
      error: 'SMTP 550 after RCPT: 550 5.1.1 unknown user',
    });
    expect(classifySmtpError(error({ code: 'EMESSAGE', responseCode: 552, command: 'DATA' })).retryable).toBe(false);
  });

  it('retries 4xx answers, 503, failed logins and connection trouble', () => {
    expect(classifySmtpError(error({ code: 'EENVELOPE', responseCode: 452, command: 'RCPT TO' })).retryable).toBe(true);
    expect(classifySmtpError(error({ code: 'EENVELOPE', responseCode: 503, command: 'RCPT TO' })).retryable).toBe(true);
    expect(classifySmtpError(error({ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' })).retryable).toBe(true);
    expect(classifySmtpError(error({ code: 'ETIMEDOUT' }))).toEqual({ ok: false, retryable: true, error: 'SMTP ETIMEDOUT: failed' });
    expect(classifySmtpError('weird').retryable).toBe(true);
  });
});
