import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { acceptWebSocket, type FakeWebSocket } from '../../helpers/fake-websocket.js';

/** One Web API call as the fake received it, with form fields decoded (JSON-valued fields parsed). */
export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  /** performance.now() when it arrived. */
  at: number;
  /** What the fake answered: 200, 429, 500 … */
  status: number;
  /** The JSON body of a 200 answer (`ok: false` for a platform error). */
  answer?: Record<string, unknown> | undefined;
}

/** A POST to a response_url. */
export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

export interface Upload {
  fileId: string;
  content: string;
}

/** A canned failure for the next call of a method. */
/** `{ pass: true }` answers normally, to let some calls through before a failure. */
export type FailAnswer = { status: 429; retryAfter: number } | { status: 500 | 502 | 503 } | { error: string } | { pass: true };

export interface FakeSlack {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** What WebClient takes as slackApiUrl: `<url>/api/`. */
  apiUrl: string;
  calls: ApiCall[];
  responses: ResponsePost[];
  uploads: Upload[];
  /** Members of each user group, for usergroups.users.list. */
  groups: Map<string, string[]>;
  /** A fresh response_url on this server. */
  responseUrl(): string;
  /** Queues answers for the next calls of `method`, in order. */
  failNext(method: string, ...answers: FailAnswer[]): void;
  /** Answers every response_url POST with this status (e.g. 404 for an expired one); undefined for 200. */
  responseStatus: number | undefined;
  /** Socket Mode: resolves with the socket once the client has connected and been greeted with `hello`. */
  socket(): Promise<FakeWebSocket>;
  callsOf(method: string): ApiCall[];
  close(): Promise<void>;
}

/**
 * A fake Slack on loopback: the Web API methods the adapter uses, response_urls, the upload URLs of
 * files.uploadV2, and a Socket Mode WebSocket. It records everything and can answer 429 (with Retry-After),
 * 5xx or a platform error on demand.
 */
export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const responses: ResponsePost[] = [];
  const uploads: Upload[] = [];
  const groups = new Map<string, string[]>();
  const failures = new Map<string, FailAnswer[]>();
  let ts = 100;
  let nextId = 0;
  let socketWaiters: Array<(socket: FakeWebSocket) => void> = [];
  let current: FakeWebSocket | undefined;
  const sockets: FakeWebSocket[] = [];

  const server: Server = createServer((req, res) => {
    readBody(req)
      .then((body) => route(req, res, body))
      .catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
  });
  server.on('upgrade', (req, socket) => {
    const ws = acceptWebSocket(req, socket);
    sockets.push(ws);
    current = ws;
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKE' } }));
    for (const waiter of socketWaiters.splice(0)) waiter(ws);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  function route(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/response/')) {
      responses.push({ id: path.slice('/response/'.length), body: JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>, at: performance.now() });
      if (fake.responseStatus !== undefined) res.writeHead(fake.responseStatus).end('expired_url');
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (path.startsWith('/upload/')) {
      uploads.push({ fileId: path.slice('/upload/'.length), content: firstPart(String(req.headers['content-type'] ?? ''), raw) });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('OK - 1');
      return;
    }
    if (!path.startsWith('/api/')) return void res.writeHead(404).end();
    const method = path.slice('/api/'.length);
    const args = decodeArgs(req.headers['content-type'] ?? '', raw);
    const queued = failures.get(method)?.shift();
    const failure = queued !== undefined && 'pass' in queued ? undefined : queued;
    const call: ApiCall = { method, args, at: performance.now(), status: 200 };
    calls.push(call);
    if (failure !== undefined && 'status' in failure) {
      call.status = failure.status;
      if (failure.status === 429) return json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
      return json(res, failure.status, { ok: false, error: 'fatal_error' });
    }
    call.answer = failure !== undefined ? { ok: false, error: failure.error } : answer(method, args);
    json(res, 200, call.answer);
  }

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'cinemata-ops', team_id: 'T0FAKE', user_id: 'U0BOT', bot_id: 'B0BOT' };
      case 'chat.postMessage':
        ts += 100;
        return { ok: true, channel: args['channel'], ts: formatTs(ts), message: { text: args['text'] } };
      case 'chat.update':
        return { ok: true, channel: args['channel'], ts: args['ts'] };
      case 'chat.postEphemeral':
        ts += 100;
        return { ok: true, message_ts: formatTs(ts) };
      case 'usergroups.users.list':
        return { ok: true, users: groups.get(String(args['usergroup'])) ?? [] };
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(++nextId).padStart(6, '0')}`;
        return { ok: true, upload_url: `${url}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: (args['files'] as Array<{ id: string; title?: string }>).map((f) => ({ id: f.id, title: f.title })) };
      case 'apps.connections.open':
        return { ok: true, url: `${url.replace('http:', 'ws:')}/socket` };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  const fake: FakeSlack = {
    url,
    apiUrl: `${url}/api/`,
    calls,
    responses,
    uploads,
    groups,
    responseStatus: undefined,
    responseUrl: () => `${url}/response/${++nextId}`,
    failNext(method, ...answers) {
      failures.set(method, [...(failures.get(method) ?? []), ...answers]);
    },
    socket() {
      if (current !== undefined && !current.closed) return Promise.resolve(current);
      return new Promise((resolve) => socketWaiters.push(resolve));
    },
    callsOf: (method) => calls.filter((c) => c.method === method),
    async close() {
      socketWaiters = [];
      for (const socket of sockets) socket.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

/** The content of an upload: the body, or its first part when it is multipart form data (as WebClient sends it). */
function firstPart(contentType: string, raw: Buffer): string {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  const text = raw.toString('utf8');
  if (boundary === undefined) return text;
  const start = text.indexOf('\r\n\r\n');
  const end = text.indexOf(`\r\n--${boundary}`, start);
  return start < 0 || end < 0 ? text : text.slice(start + 4, end);
}

/** Slack message ids look like `1700000000.000100`. */
function formatTs(sequence: number): string {
  return `1700000000.${String(sequence).padStart(6, '0')}`;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** WebClient sends form fields, with arrays and objects as JSON text. */
function decodeArgs(contentType: string, raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (text === '') return {};
  if (contentType.startsWith('application/json')) return JSON.parse(text) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    args[key] = /^[[{]/.test(value) ? safeParse(value) : value;
  }
  return args;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
