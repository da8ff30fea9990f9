import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { schedules } from '../../schedules/index.js';
import { createCommandRegistry } from '../../src/dispatch/registry.js';
import type { Command, OptionSpecs } from '../../src/dispatch/command.js';
import { validateSchedules } from '../../src/scheduler/scheduler.js';
import { testConfig } from '../helpers/test-app.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const root = join(import.meta.dirname, '..', '..');

function unitFiles(folder: string): string[] {
  return readdirSync(join(root, folder))
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
}

const noop = async () => {
  throw new Error('not run');
};
function fakeCommand(name: string, extra: Partial<Command<OptionSpecs>> = {}): Command<OptionSpecs> {
  return { name, summary: 's', description: 'd', options: {}, role: 'viewer', execute: noop, ...extra };
}

describe('command registry', () => {
  it('lists every file in commands/ and names each command after its file', () => {
    expect(commands.map((c) => c.name).sort()).toEqual(unitFiles('commands'));
  });

  it('lists every file in schedules/ and names each schedule after its file', () => {
    expect(schedules.map((s) => s.id).sort()).toEqual(unitFiles('schedules'));
  });

  it('accepts the shipped commands', () => {
    expect(createCommandRegistry(commands).size).toBe(commands.length);
  });

  it('fails loudly when two commands share a name', () => {
    expect(() => createCommandRegistry([fakeCommand('health'), fakeCommand('health')])).toThrow('two commands are named "health"');
  });

  it('fails loudly when a name is not kebab-case or the summary spans lines', () => {
    expect(() => createCommandRegistry([fakeCommand('Slow_Queries')])).toThrow(/kebab-case/);
    expect(() => createCommandRegistry([fakeCommand('x', { summary: 'a\nb' })])).toThrow(/one-line summary/);
  });

  it('refuses a rest-of-line option that is not the last positional string', () => {
    const options = {
      reason: { type: 'string' as const, positional: true, rest: true, description: 'r' },
      duration: { type: 'duration' as const, positional: true, description: 'd' },
    };
    expect(() => createCommandRegistry([fakeCommand('x', { options })])).toThrow(/only the last positional string option may take the rest/);
  });

  it('reserves --json and --help for every command', () => {
    expect(() => createCommandRegistry([fakeCommand('x', { options: { json: { type: 'boolean', description: 'j' } } })])).toThrow(/reserved/);
  });

  it('accepts the shipped schedules and refuses a bad cron override', () => {
    const dir = makeTempDir();
    expect(() => validateSchedules(schedules, testConfig(dir))).not.toThrow();
    const bad = { ...testConfig(dir), schedules: { 'daily-health': { enabled: true, cron: 'every morning' } } };
    expect(() => validateSchedules(schedules, bad)).toThrow('schedule "daily-health": "every morning" is not a valid cron expression');
    const unknown = { ...testConfig(dir), schedules: { 'weekly-nothing': { enabled: true } } };
    expect(() => validateSchedules(schedules, unknown)).toThrow(/names no schedule/);
  });
});

describe('layering', () => {
  it('lets commands/ and schedules/ import only src/sdk.ts and their own folder', () => {
    const offenders: string[] = [];
    for (const folder of ['commands', 'schedules']) {
      for (const file of readdirSync(join(root, folder)).filter((f) => f.endsWith('.ts'))) {
        const text = readFileSync(join(root, folder, file), 'utf8');
        for (const match of text.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)) {
          const from = match[1] ?? '';
          if (from !== '../src/sdk.js' && !from.startsWith('./')) offenders.push(`${folder}/${file}: ${from}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps the chat SDKs inside their adapters', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
        const path = `${dir}/${entry.name}`;
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts')) {
          const text = readFileSync(join(root, path), 'utf8');
          if (/from '@slack\//.test(text) && !path.startsWith('src/chat/slack/')) offenders.push(path);
          if (/from '(discord\.js|@discordjs\/[^']+)'/.test(text) && !path.startsWith('src/chat/discord/')) offenders.push(path);
        }
      }
    };
    for (const dir of ['src', 'commands', 'schedules']) walk(dir);
    expect(offenders).toEqual([]);
  });
});
