/** The template database the global setup builds once and every PostgreSQL test file clones. */
export const TEMPLATE_DB = 'cinemata_ops_template';

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
