import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { makeTempDir } from './helpers/temp-dir.js';

describe('logger', () => {
  it('redacts tokens, secrets and connection URLs wherever they are logged', () => {
    const file = join(makeTempDir(), 'nested', 'ops.log');
    const log = createLogger({ level: 'info', format: 'json', destination: file }).child({ component: 'test' });
    log.info({ env: { SLACK_BOT_TOKEN: 'xoxb-secret-1', CINEMATA_DATABASE_URL: 'postgres://u:pw@h/db' }, slack: { signingSecret: 'abc123' }, smtp: { password: 'hunter2' } }, 'config');
    log.flush();
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text.trim()).component).toBe('test');
    for (const secret of ['xoxb-secret-1', 'pw@h', 'abc123', 'hunter2']) expect(text).not.toContain(secret);
    expect(text.match(/\[redacted\]/g)).toHaveLength(4);
  });
});
