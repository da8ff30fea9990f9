import { describe, it } from 'vitest';
import { renderJson } from '../../src/render/json.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { expectGolden } from './golden.js';
import { createSampleReport } from './sample-report.js';

describe('golden output of the sample report', () => {
  it('matches terminal-100.txt when rendered without colour at width 100', () => {
    expectGolden('terminal-100.txt', renderTerminal(createSampleReport(), { color: false, width: 100 }));
  });

  it('matches terminal-60.txt when rendered without colour at width 60', () => {
    expectGolden('terminal-60.txt', renderTerminal(createSampleReport(), { color: false, width: 60 }));
  });

  it('matches report.json when rendered as JSON', () => {
    expectGolden('report.json', renderJson(createSampleReport()));
  });
});
