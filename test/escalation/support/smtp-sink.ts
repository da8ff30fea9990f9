import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMail, type ParsedMail } from './mime.js';

export interface ReceivedMail extends ParsedMail {
  from: string;
  to: string[];
  raw: string;
}

/** How the sink answers: accept everything, say 421 "try later" on connect, or refuse recipients with 550. */
export type SinkMode = 'accept' | 'busy' | 'reject-recipients';

export interface SmtpSink {
  port: number;
  url: string;
  messages: ReceivedMail[];
  mode: SinkMode;
  /** Stops listening (connections are refused) until `start()` listens on the same port again. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Resolves once `count` messages have arrived, or rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
}

/** A real SMTP server (the `smtp-server` package) on 127.0.0.1, no TLS, no auth. */
export async function startSmtpSink(): Promise<SmtpSink> {
  let server: SMTPServer | undefined;
  const sink: SmtpSink = {
    port: 0,
    url: '',
    messages: [],
    mode: 'accept',
    async stop() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async start() {
      server = createServer(sink);
      const s = server;
      await new Promise<void>((resolve, reject) => {
        s.server.once('error', reject);
        s.listen(sink.port, '127.0.0.1', () => resolve());
      });
      sink.port = (s.server.address() as AddressInfo).port;
      sink.url = `smtp://127.0.0.1:${sink.port}`;
    },
    async waitFor(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (sink.messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} emails, got ${sink.messages.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return sink.messages;
    },
  };
  await sink.start();
  return sink;
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

function createServer(sink: SmtpSink): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 100,
    onConnect(_session, callback) {
      callback(sink.mode === 'busy' ? smtpError('Too busy, try again later', 421) : null);
    },
    onRcptTo(address, _session, callback) {
      callback(sink.mode === 'reject-recipients' ? smtpError(`No such user ${address.address}`, 550) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        sink.messages.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw, ...parseMail(raw) });
        callback(null);
      });
    },
  });
}
