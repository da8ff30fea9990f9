import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/reports/report.js';
import { ERROR_SCHEMA, REPORT_SCHEMA, renderJson, renderJsonError } from '../../src/render/json.js';
import { GENERATED_AT, createSampleReport } from './sample-report.js';

describe('renderJson', () => {
  it('puts the schema marker first', () => {
    const out = renderJson(createSampleReport());
    expect(out.startsWith(`{\n  "schema": "${REPORT_SCHEMA}",`)).toBe(true);
    expect(Object.keys(JSON.parse(out) as object)[0]).toBe('schema');
  });

  it('round-trips through JSON.parse to an equivalent report', () => {
    const report = createSampleReport();
    const { schema, ...rest } = JSON.parse(renderJson(report)) as Report & { schema: string };
    expect(schema).toBe(REPORT_SCHEMA);
    expect(rest).toStrictEqual(report);
  });

  it('keeps series points as [ms, value] arrays on one line', () => {
    const out = renderJson(createSampleReport());
    expect(out).toMatch(/\n {16}\[1736827260000, 30\],\n/);
  });

  it('leaves keys out when their value is undefined', () => {
    const report: Report = {
      title: 't',
      severity: 'ok',
      summary: undefined,
      sections: [{ title: undefined, blocks: [{ kind: 'fields', fields: [{ label: 'a', value: 'b', severity: undefined }] }] }],
      actions: undefined,
      generatedAt: GENERATED_AT,
    };
    const out = renderJson(report);
    expect(out).not.toMatch(/summary|actions|footnotes|"title": undefined|severity": null/);
    expect(JSON.parse(out)).toEqual({
      schema: REPORT_SCHEMA,
      title: 't',
      severity: 'ok',
      sections: [{ blocks: [{ kind: 'fields', fields: [{ label: 'a', value: 'b' }] }] }],
      generatedAt: GENERATED_AT,
    });
  });

  it('writes the same keys in the same order whatever order the report was built in', () => {
    const a: Report = { title: 't', severity: 'ok', sections: [], generatedAt: 1, footnotes: ['n'] };
    const b: Report = { footnotes: ['n'], generatedAt: 1, sections: [], severity: 'ok', title: 't' };
    expect(renderJson(b)).toBe(renderJson(a));
  });

  it('escapes control characters when strings hold them', () => {
    const out = renderJson({ title: 'a\u001b[31mb', severity: 'ok', sections: [], generatedAt: 1 });
    expect(out).not.toContain('\u001b');
    expect(out).toContain('"a\\u001b[31mb"');
  });
});

describe('renderJsonError', () => {
  it('wraps the error under a schema marker and leaves out unset keys', () => {
    const out = renderJsonError({ code: 'not_found', message: 'no such alert', hint: undefined, ref: 'ab12cd34' });
    expect(JSON.parse(out)).toStrictEqual({ schema: ERROR_SCHEMA, error: { code: 'not_found', message: 'no such alert', ref: 'ab12cd34' } });
    expect(out.startsWith(`{\n  "schema": "${ERROR_SCHEMA}"`)).toBe(true);
  });
});
