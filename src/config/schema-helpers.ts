import { z } from 'zod';
import { parseDuration } from './duration.js';

/** A duration string such as `15s` or `24h`, parsed to milliseconds. */
export function durationMs(options: { min?: number; max?: number } = {}) {
  return z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected a duration like 30s, 5m, 24h or 7d, got "${text}"` });
      return z.NEVER;
    }
    if (options.min !== undefined && ms < options.min) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is too short (minimum ${options.min} ms)` });
      return z.NEVER;
    }
    if (options.max !== undefined && ms > options.max) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is too long (maximum ${options.max} ms)` });
      return z.NEVER;
    }
    return ms;
  });
}

/** A warning/critical pair where higher is worse; critical must not be below warning. */
export function thresholdPair(defaults: { warning: number; critical: number }, max = 100) {
  return z
    .strictObject({
      warning: z.number().min(0).max(max).default(defaults.warning),
      critical: z.number().min(0).max(max).default(defaults.critical),
    })
    .refine((pair) => pair.critical >= pair.warning, {
      message: 'critical must be greater than or equal to warning',
      path: ['critical'],
    })
    .default(defaults);
}

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** systemd unit names; anything else could smuggle options into the systemctl argv. */
export const unitNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9@._-]+$/, 'a systemd unit name may only contain letters, digits, @ . _ -');
