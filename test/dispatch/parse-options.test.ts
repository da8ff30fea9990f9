import { describe, expect, it } from 'vitest';
import { defineCommand, type Command, type OptionSpecs } from '../../src/dispatch/command.js';
import { parseOptions } from '../../src/dispatch/parse-options.js';
import { UserError } from '../../src/errors.js';

const slowQueries = defineCommand({
  name: 'slow-queries',
  summary: 'test',
  description: 'test',
  options: {
    target: { type: 'string', positional: true, choices: ['search', 'list'], description: 'which' },
    term: { type: 'string', positional: true, description: 'search term' },
    limit: { type: 'integer', default: 10, min: 1, max: 100, description: 'rows' },
    since: { type: 'duration', default: '24h', min: 60_000, description: 'window' },
    verbose: { type: 'boolean', description: 'more' },
  },
  role: 'viewer',
  execute: async () => {
    throw new Error('not run here');
  },
}) as unknown as Command<OptionSpecs>;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error.code;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('parseOptions', () => {
  it('applies defaults when nothing is given', () => {
    expect(parseOptions(slowQueries, [])).toEqual({ limit: 10, since: 86_400_000 });
  });

  it('reads --name value, --name=value, flags and positionals in order', () => {
    expect(parseOptions(slowQueries, ['search', 'cats', '--limit', '5', '--since=7d', '--verbose'])).toEqual({
      target: 'search',
      term: 'cats',
      limit: 5,
      since: 7 * 86_400_000,
      verbose: true,
    });
  });

  it('reads --no-flag as false', () => {
    expect(parseOptions(slowQueries, ['--no-verbose']).verbose).toBe(false);
  });

  it('refuses an unknown option and suggests the close one', () => {
    try {
      parseOptions(slowQueries, ['--limt', '5']);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe('unknown_option');
      expect((error as UserError).hint).toBe('did you mean --limit?');
    }
  });

  it.each([
    [['--limit', 'ten'], 'bad_option'],
    [['--limit', '2.5'], 'bad_option'],
    [['--limit', '0'], 'bad_option'],
    [['--limit', '101'], 'bad_option'],
    [['--since', 'yesterday'], 'bad_option'],
    [['--since', '10s'], 'bad_option'],
    [['nope'], 'bad_option'],
    [['--verbose=maybe'], 'bad_option'],
    [['--limit'], 'missing_argument'],
    [['search', 'cats', 'dogs'], 'too_many_arguments'],
  ])('refuses %j with %s', (args, code) => {
    expect(codeOf(() => parseOptions(slowQueries, args))).toBe(code);
  });

  it('names the option and the bad value in the message', () => {
    expect(() => parseOptions(slowQueries, ['--limit', 'ten'])).toThrow('slow-queries: limit must be a whole number, got "ten"');
  });

  it('requires a required option when it is missing', () => {
    const cmd = defineCommand({
      name: 'encoding',
      summary: 's',
      description: 'd',
      options: { id: { type: 'string', positional: true, required: true, description: 'id' } },
      role: 'viewer',
      execute: async () => {
        throw new Error('x');
      },
    }) as unknown as Command<OptionSpecs>;
    expect(() => parseOptions(cmd, [])).toThrow('encoding: <id> is required');
  });
});

describe('parseOptions with a rest-of-line positional', () => {
  const silence = defineCommand({
    name: 'silence',
    summary: 's',
    description: 'd',
    options: {
      matcher: { type: 'string', positional: true, required: true, description: 'm' },
      duration: { type: 'duration', positional: true, required: true, description: 'd' },
      reason: { type: 'string', positional: true, rest: true, required: true, description: 'r' },
    },
    role: 'operator',
    execute: async () => {
      throw new Error('not run here');
    },
  }) as unknown as Command<OptionSpecs>;

  it('joins the remaining words into the last positional', () => {
    expect(parseOptions(silence, ['mount=/', '2h', 'resizing', 'the', 'volume'])).toEqual({ matcher: 'mount=/', duration: 7_200_000, reason: 'resizing the volume' });
  });

  it('still accepts a quoted reason as one word', () => {
    expect(parseOptions(silence, ['mount=/', '2h', 'resizing the volume']).reason).toBe('resizing the volume');
  });

  it('still requires the reason', () => {
    expect(() => parseOptions(silence, ['mount=/', '2h'])).toThrow('silence: <reason> is required');
  });
});
