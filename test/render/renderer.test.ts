import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/render/json.js';
import { createJsonRenderer, createTerminalRenderer, type Renderer } from '../../src/render/renderer.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { createSampleReport } from './sample-report.js';

describe('renderer factories', () => {
  it('renders like renderTerminal with the options given when created for the terminal', () => {
    const renderer: Renderer<string> = createTerminalRenderer({ color: false, width: 72 });
    expect(renderer.id).toBe('terminal');
    expect(renderer.render(createSampleReport())).toBe(renderTerminal(createSampleReport(), { color: false, width: 72 }));
  });

  it('renders like renderJson when created for JSON', () => {
    const renderer = createJsonRenderer();
    expect(renderer.id).toBe('json');
    expect(renderer.render(createSampleReport())).toBe(renderJson(createSampleReport()));
  });
});
