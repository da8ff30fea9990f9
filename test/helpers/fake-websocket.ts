import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** The server end of one WebSocket, as much of RFC 6455 as the Slack Socket Mode and Discord gateway clients use: text, ping, close. */
export interface FakeWebSocket {
  send(text: string): void;
  onMessage(listener: (text: string) => void): void;
  close(): void;
  readonly closed: boolean;
}

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export function acceptWebSocket(req: IncomingMessage, socket: Duplex): FakeWebSocket {
  const key = String(req.headers['sec-websocket-key'] ?? '');
  const accept = createHash('sha1').update(key + GUID).digest('base64');
  socket.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'));
  const listeners: Array<(text: string) => void> = [];
  let buffer = Buffer.alloc(0);
  let fragments: Buffer[] = [];
  let closed = false;

  const write = (opcode: number, payload: Buffer) => {
    if (closed || socket.destroyed) return;
    socket.write(encodeFrame(opcode, payload));
  };
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const frame = decodeFrame(buffer);
      if (frame === undefined) return;
      buffer = buffer.subarray(frame.length);
      if (frame.opcode === 0x9) write(0xa, frame.payload);
      else if (frame.opcode === 0x8) {
        write(0x8, frame.payload.subarray(0, 2));
        closed = true;
        socket.end();
        return;
      } else if (frame.opcode === 0x1 || frame.opcode === 0x0) {
        fragments.push(frame.payload);
        if (frame.fin) {
          const text = Buffer.concat(fragments).toString('utf8');
          fragments = [];
          for (const listener of listeners) listener(text);
        }
      }
    }
  });
  socket.on('close', () => void (closed = true));
  socket.on('error', () => void (closed = true));
  return {
    send: (text) => write(0x1, Buffer.from(text)),
    onMessage: (listener) => void listeners.push(listener),
    close() {
      write(0x8, Buffer.from([0x03, 0xe8]));
      closed = true;
      socket.end();
    },
    get closed() {
      return closed;
    },
  };
}

function encodeFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const head = length < 126 ? Buffer.from([0x80 | opcode, length]) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (length >= 126 && length < 65_536) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(length, 2);
  } else if (length >= 65_536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([head, payload]);
}

function decodeFrame(buffer: Buffer): { fin: boolean; opcode: number; payload: Buffer; length: number } | undefined {
  if (buffer.length < 2) return undefined;
  const b0 = buffer[0] as number;
  const b1 = buffer[1] as number;
  let length = b1 & 0x7f;
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
  const masked = (b1 & 0x80) !== 0;
  const mask = masked ? buffer.subarray(offset, offset + 4) : undefined;
  offset += masked ? 4 : 0;
  if (buffer.length < offset + length) return undefined;
  const payload = Buffer.from(buffer.subarray(offset, offset + length));
  if (mask !== undefined) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
  return { fin: (b0 & 0x80) !== 0, opcode: b0 & 0x0f, payload, length: offset + length };
}
