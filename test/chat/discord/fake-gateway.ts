import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

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
 * Just enough of Discord's gateway, over a hand-written RFC 6455 server on loopback, for discord.js to log in:
 * HELLO, IDENTIFY → READY (no guilds), heartbeat ACKs, and dispatches the test sends. Text frames only, no
 * compression (discord.js asks for none without zlib-sync).
 */
export async function startFakeGateway(options: { applicationId: string; botUserId: string }): Promise<FakeGateway> {
  const sockets = new Set<Duplex>();
  let sequence = 0;
  let resolveIdentified: (value: { token: string; intents: number }) => void = () => undefined;
  const identified = new Promise<{ token: string; intents: number }>((resolve) => (resolveIdentified = resolve));

  const server: Server = createServer((_req, res) => {
    res.writeHead(426);
    res.end();
  });
  server.on('upgrade', (req, socket) => {
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1').update(key + WS_GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const frame = readFrame(buffer);
        if (!frame) break;
        buffer = buffer.subarray(frame.length);
        if (frame.opcode === 0x8) {
          writeFrame(socket, 0x8, frame.payload.subarray(0, 2));
          socket.end();
          return;
        }
        if (frame.opcode === 0x9) writeFrame(socket, 0xa, frame.payload);
        if (frame.opcode === 0x1) onMessage(socket, JSON.parse(frame.payload.toString('utf8')) as { op: number; d: unknown });
      }
    });
    send(socket, { op: 10, d: { heartbeat_interval: 41_250 } });
  });

  function send(socket: Duplex, payload: unknown): void {
    writeFrame(socket, 0x1, Buffer.from(JSON.stringify(payload)));
  }

  function onMessage(socket: Duplex, message: { op: number; d: unknown }): void {
    if (message.op === 1) send(socket, { op: 11 });
    if (message.op === 2) {
      const identify = message.d as { token: string; intents: number };
      send(socket, {
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
      for (const socket of sockets) send(socket, { op: 0, t: event, s: ++sequence, d: data });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return fake;
}

function readFrame(buffer: Buffer): { opcode: number; payload: Buffer; length: number } | undefined {
  if (buffer.length < 2) return undefined;
  const opcode = (buffer[0] ?? 0) & 0x0f;
  const masked = ((buffer[1] ?? 0) & 0x80) !== 0;
  let length = (buffer[1] ?? 0) & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return undefined;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  const maskOffset = offset;
  if (masked) offset += 4;
  if (buffer.length < offset + length) return undefined;
  const payload = Buffer.from(buffer.subarray(offset, offset + length));
  if (masked) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (buffer[maskOffset + (i % 4)] ?? 0);
  return { opcode, payload, length: offset + length };
}

function writeFrame(socket: Duplex, opcode: number, payload: Buffer): void {
  if (socket.destroyed) return;
  let header: Buffer;
  if (payload.length < 126) header = Buffer.from([0x80 | opcode, payload.length]);
  else if (payload.length < 65_536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(payload.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  socket.write(Buffer.concat([header, payload]));
}
