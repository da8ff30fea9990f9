import { randomBytes } from 'node:crypto';

/**
 * Stable codes for errors whose message is safe to show to the person who typed the command.
 * Tests assert on these, never on message text.
 */
export const USER_ERROR_CODES = [
  'unknown_command',
  'unknown_option',
  'bad_option',
  'missing_argument',
  'too_many_arguments',
  'forbidden',
  'config_invalid',
  'not_found',
  'unavailable',
] as const;
export type UserErrorCode = (typeof USER_ERROR_CODES)[number];

/** Codes that mean "you used it wrong" (exit code 2 on the CLI) rather than "it could not be done". */
const USAGE_CODES: ReadonlySet<UserErrorCode> = new Set([
  'unknown_command',
  'unknown_option',
  'bad_option',
  'missing_argument',
  'too_many_arguments',
  'config_invalid',
]);

/** An expected failure: its message is shown to the user as is, with an optional hint on a second line. */
export class UserError extends Error {
  override name = 'UserError' as const;
  readonly code: UserErrorCode;
  readonly hint: string | undefined;

  constructor(code: UserErrorCode, message: string, options: { hint?: string | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }

  get isUsage(): boolean {
    return USAGE_CODES.has(this.code);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** A short id that ties the "something went wrong" message to the full error in the log. */
export function createErrorRef(): string {
  return randomBytes(4).toString('hex');
}

export function internalErrorMessage(ref: string): string {
  return `something went wrong (ref ${ref})`;
}

/** The message of any thrown value, for logs and probe failures. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
