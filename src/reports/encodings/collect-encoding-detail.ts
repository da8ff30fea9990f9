import type { Config } from '../../config/load-config.js';
import type { AppServices } from '../../dispatch/services.js';
import { queryEncodingById, queryEncodingsByToken } from '../../encodings/queries/encoding-lookup.js';
import { UserError } from '../../errors.js';
import { requirePostgres } from '../../postgres/require-postgres.js';
import type { Report } from '../report.js';
import { buildEncodingDetailReport } from './encoding-detail-report.js';

/** friendly_token is 9 characters in practice (FRIENDLY_TOKEN_LEN) and the column allows 12. */
const TARGET_RE = /^[A-Za-z0-9]{1,12}$/;
const MAX_INT4 = 2_147_483_647;
/** A media cut into 240 s chunks can have hundreds of rows; the table shows this many. */
const ENCODINGS_SHOWN = 40;

/**
 * `encoding <id|friendly_token>`: digits are tried as an encoding id first, then as a token (a token can be all
 * digits); anything else that is 1–12 letters and digits is a token.
 */
export async function collectEncodingDetailReport(services: AppServices, config: Config, now: () => number, target: string): Promise<Report> {
  if (!TARGET_RE.test(target)) {
    throw new UserError('bad_option', `encoding: "${target.slice(0, 40)}" is neither an encoding id nor a friendly_token`, {
      hint: 'give the number from files_encoding.id, or the media\'s friendly_token (letters and digits, as in /view?m=<token>)',
    });
  }
  const postgres = requirePostgres(services);
  const found = await postgres.readOnly(async (query) => {
    const asId = /^\d+$/.test(target) && Number(target) <= MAX_INT4 ? Number(target) : undefined;
    if (asId !== undefined) {
      const byId = await queryEncodingById(query, asId);
      if (byId) return { ...byId, total: 1, encodingId: asId };
    }
    const byToken = await queryEncodingsByToken(query, target, ENCODINGS_SHOWN);
    return byToken ? { ...byToken, encodingId: undefined } : undefined;
  });
  if (!found) {
    const what = /^\d+$/.test(target) ? `no encoding with id ${target} and no media with friendly_token "${target}"` : `no media with friendly_token "${target}"`;
    throw new UserError('not_found', `encoding: ${what}`, { hint: '`encodings` lists failed and stuck encodings with their media' });
  }
  return buildEncodingDetailReport({ ...found, now: now(), staleHeartbeatMs: config.encodings.staleHeartbeat });
}
