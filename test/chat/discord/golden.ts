import { createGoldenChecker } from '../../helpers/golden.js';

const check = createGoldenChecker('discord');

/** Discord payloads as pretty JSON against test/fixtures/discord/<name>. */
export function expectDiscordGolden(name: string, value: unknown): void {
  check(name, JSON.stringify(value, null, 2));
}
