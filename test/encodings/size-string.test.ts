import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSizeString, sizeBytesSql } from '../../src/encodings/size-string.js';
import { createPgClient, type PgClient } from '../../src/postgres/pg-client.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { describeWithPostgres } from '../support/postgres.js';

const SIZES: ReadonlyArray<[string | null, number | null]> = [
  ['12.3MB', 12_300_000],
  ['0.0MB', 0],
  ['0MB', 0],
  ['0', 0],
  ['1.2GB', 1_200_000_000],
  ['1e+16MB', 1e22],
  [' 5.5 mb ', 5_500_000],
  ['512kB', 512_000],
  ['1.5MiB', 1.5 * 2 ** 20],
  ['700B', 700],
  ['', null],
  [null, null],
  ['12', null],
  ['n/a', null],
  ['12.3 MBs', null],
  ['-1MB', null],
  ['1.2.3MB', null],
  ['MB', null],
];

describe('size strings', () => {
  for (const [text, bytes] of SIZES) {
    it(`reads ${JSON.stringify(text)} as ${bytes} bytes`, () => {
      expect(parseSizeString(text)).toBe(bytes);
    });
  }
});

describeWithPostgres('size strings in PostgreSQL', (db) => {
  let postgres: PgClient;
  beforeAll(async () => {
    await db().ready;
    postgres = createPgClient({ url: db().url, statementTimeoutMs: 5000, log: createCapturingLogger().log });
  });
  afterAll(async () => {
    await postgres.close();
  });

  it('parses every size string in PostgreSQL exactly as parseSizeString does', async () => {
    const rows = await postgres.readOnly((q) =>
      q<{ text: string | null; bytes: number | null }>(`SELECT t.text, ${sizeBytesSql('t.text')} AS bytes FROM unnest($1::text[]) AS t(text)`, [SIZES.map(([text]) => text)]),
    );
    expect(rows.map((r) => [r.text, r.bytes])).toEqual(SIZES);
  });
});
