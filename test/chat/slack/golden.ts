import { createGoldenChecker } from '../../helpers/golden.js';

const check = createGoldenChecker('slack');

/** Block Kit output as pretty JSON against test/fixtures/slack/<name>. */
export function expectSlackGolden(name: string, actual: unknown): void {
  check(name, JSON.stringify(actual, null, 2));
}
