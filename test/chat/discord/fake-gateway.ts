import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { acceptWebSocket, type FakeWebSocket } from '../../helpers/fake-websocket.js';

export interface FakeGateway {
  /** `ws://127.0.0.1:<port>`, for GET /gateway/bot to hand out. */
  url: string;
  /** Resolves once a client has identified (op 2) and been sent READY. */
  identified: Promise<{ token: string; intents: number }>;
  /** Sends a dispatch (op 0) to every connected client. */
  dispatch(event: string, data: unknown): void;
  close(): Promise<void>;
}

/**
 * Just enough of Discord's gateway, over the hand-written RFC 6455 server in test/helpers/fake-websocket.ts, for discord.js to log in:
 * HELLO, IDENTIFY → READY (no guilds), heartbeat ACKs, and dispatches the test sends. Text frames only, no
 * compression (discord.js asks for none without zlib-sync).
 */
export async function startFakeGateway(options: { applicationId: string; botUserId: string }): Promise<FakeGateway> {
  const sockets = new Set<Duplex>();
  const clients = new Set<FakeWebSocket>();
  let sequence = 0;
  let resolveIdentified: (value: { token: string; intents: number }) => void = () => undefined;
  const identified = new Promise<{ token: string; intents: number }>((resolve) => (resolveIdentified = resolve));

  const server: Server = createServer((_req, res) => {
    res.writeHead(426);
    res.end();
  });
  server.on('upgrade', (req, socket) => {
    const ws = acceptWebSocket(req, socket);
    sockets.add(socket);
    clients.add(ws);
    const forget = () => {
      sockets.delete(socket);
      clients.delete(ws);
    };
    socket.on('close', forget);
    socket.on('error', forget);
    ws.onMessage((text) => onMessage(ws, JSON.parse(text) as { op: number; d: unknown }));
    send(ws, { op: 10, d: { heartbeat_interval: 41_250 } });
  });

  function send(ws: FakeWebSocket, payload: unknown): void {
    ws.send(JSON.stringify(payload));
  }

  function onMessage(ws: FakeWebSocket, message: { op: number; d: unknown }): void {
    if (message.op === 1) send(ws, { op: 11 });
    if (message.op === 2) {
      const identify = message.d as { token: string; intents: number };
      send(ws, {
        op: 0,
        t: 'READY',
        s: ++sequence,
        d: {
          v: 10,
          user: { id: options.botUserId, username: 'cinemata-ops', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0, verified: true, mfa_enabled: false },
          guilds: [],
          session_id: 'fake-session',
          resume_gateway_url: fake.url,
          shard: [0, 1],
          application: { id: options.applicationId, flags: 0 },
          user_settings: {},
          private_channels: [],
          relationships: [],
          presences: [],
          guild_join_requests: [],
          geo_ordered_rtc_regions: [],
          auth_session_id_hash: '',
        },
      });
      resolveIdentified({ token: identify.token, intents: identify.intents });
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const fake: FakeGateway = {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    identified,
    dispatch(event, data) {
      for (const ws of clients) send(ws, { op: 0, t: event, s: ++sequence, d: data });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return fake;
}
