import { expect, it } from 'vitest';
import { describeWithPostgres } from './postgres.js';

describeWithPostgres('test PostgreSQL harness', (db) => {
  it('clones the template with the CinemataCMS schema and generated data', async () => {
    const client = await db().client();
    const media = await client.query<{ n: string }>('SELECT count(*) AS n FROM files_media');
    expect(Number(media.rows[0]?.n)).toBeGreaterThanOrEqual(50_000);
    const index = await client.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'idx_media_state_enc_rev_date'`);
    expect(index.rowCount).toBe(1);
  });

  it('has pg_stat_statements preloaded', async () => {
    const client = await db().client();
    const preload = await client.query<{ shared_preload_libraries: string }>('SHOW shared_preload_libraries');
    expect(preload.rows[0]?.shared_preload_libraries).toContain('pg_stat_statements');
  });
});
