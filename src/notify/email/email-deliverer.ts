import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../../config/load-config.js';
import { isEmailAddress } from '../../escalation/targets.js';
import type { Deliverer } from '../outbox-worker.js';
import { renderEmail } from './email-renderer.js';
import { classifySmtpError } from './smtp-errors.js';

export interface EmailDelivererOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (implicit TLS). */
  smtpUrl: string;
  /** The sender, ALERT_EMAIL_FROM. */
  from: string;
  log: Logger;
  /** Connect, greeting and idle timeouts in ms. Defaults 10 000 / 10 000 / 30 000: a dead server must not stall a tick. */
  timeouts?: { connection?: number | undefined; greeting?: number | undefined; socket?: number | undefined } | undefined;
}

/** The email platform of the outbox: targets `email:<address>`, one message per address. */
export interface EmailDeliverer extends Deliverer {
  /** Closes the SMTP transport (on shutdown). */
  close(): void;
}

/**
 * Sends reports as email over SMTP with nodemailer: HTML and plain text, severity in the subject. It answers the
 * outbox whether a failure is worth a retry (smtp-errors.ts), so an SMTP outage delays mail instead of losing it.
 */
export function createEmailDeliverer(options: EmailDelivererOptions): EmailDeliverer {
  const log = options.log.child({ component: 'email' });
  // nodemailer loads on the first email, so commands and processes that never send mail do not pay for it.
  let transport: Promise<Transporter> | undefined;
  const openTransport = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: options.smtpUrl,
        connectionTimeout: options.timeouts?.connection ?? 10_000,
        greetingTimeout: options.timeouts?.greeting ?? 10_000,
        socketTimeout: options.timeouts?.socket ?? 30_000,
      }),
    ));
  return {
    platform: 'email',
    async deliver(address, report) {
      if (!isEmailAddress(address)) return { ok: false, retryable: false, error: `"${address}" is not an email address` };
      const email = renderEmail(report);
      try {
        const info = (await (await openTransport()).sendMail({
          from: options.from,
          to: address,
          subject: email.subject,
          text: email.text,
          html: email.html,
          // RFC 3834: vacation responders and ticket systems should not answer an automated page.
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
        })) as { rejected?: unknown[]; messageId?: string };
        if (Array.isArray(info.rejected) && info.rejected.length > 0) {
          return { ok: false, retryable: false, error: `SMTP server rejected ${address}` };
        }
        log.info({ to: address, messageId: info.messageId }, 'email sent');
        return { ok: true };
      } catch (error) {
        const result = classifySmtpError(error);
        log.warn({ to: address, error: result.error, retryable: result.retryable }, 'email not sent');
        return result;
      }
    },
    close: () => void transport?.then((t) => t.close()),
  };
}

/** The deliverer when SMTP_URL is set (the env schema makes ALERT_EMAIL_FROM required with it). */
export function createEmailDelivererFromConfig(config: Pick<Config, 'env'>, log: Logger): EmailDeliverer | undefined {
  const { SMTP_URL: smtpUrl, ALERT_EMAIL_FROM: from } = config.env;
  if (smtpUrl === undefined || from === undefined) return undefined;
  return createEmailDeliverer({ smtpUrl, from, log });
}
