import { z } from 'zod';

export const ONCALL_ROLES = ['primary', 'secondary'] as const;
export type OncallRole = (typeof ONCALL_ROLES)[number];

/**
 * Who an escalation step notifies, as written in `oncall.policies[].steps[].notify`:
 * - `primary`, `secondary`: whoever holds that role when the step fires (rotation, then overrides);
 * - `contacts`: everyone in `oncall.contacts` (the escalation list);
 * - `contact:<name>`: one person of the contacts or the rotation, by name;
 * - `email:<address>` or a bare address: that mailbox;
 * - `slack:<channel id>`, `discord:<channel id>`: a chat channel, through the outbox like any other message.
 */
export type EscalationTarget =
  | { kind: 'role'; role: OncallRole }
  | { kind: 'contacts' }
  | { kind: 'person'; name: string }
  | { kind: 'email'; address: string }
  | { kind: 'channel'; platform: 'slack' | 'discord'; id: string };

const emailSchema = z.email();

export function isEmailAddress(text: string): boolean {
  return emailSchema.safeParse(text).success;
}

export type TargetParse = { ok: true; target: EscalationTarget } | { ok: false; message: string };

export function parseTarget(text: string): TargetParse {
  const value = text.trim();
  if (value === 'primary' || value === 'secondary') return { ok: true, target: { kind: 'role', role: value } };
  if (value === 'contacts') return { ok: true, target: { kind: 'contacts' } };
  const colon = value.indexOf(':');
  const prefix = colon < 0 ? '' : value.slice(0, colon);
  const rest = colon < 0 ? '' : value.slice(colon + 1).trim();
  if (prefix === 'contact' && rest !== '') return { ok: true, target: { kind: 'person', name: rest } };
  if (prefix === 'email' || (colon < 0 && value.includes('@'))) {
    const address = prefix === 'email' ? rest : value;
    return isEmailAddress(address)
      ? { ok: true, target: { kind: 'email', address } }
      : { ok: false, message: `"${address}" is not an email address` };
  }
  if ((prefix === 'slack' || prefix === 'discord') && /^[\w-]+$/.test(rest)) {
    return { ok: true, target: { kind: 'channel', platform: prefix, id: rest } };
  }
  return {
    ok: false,
    message: `unknown target "${value}": use primary, secondary, contacts, contact:<name>, an email address, slack:<channel> or discord:<channel>`,
  };
}

/** The text form again, for reports and logs. */
export function formatTarget(target: EscalationTarget): string {
  switch (target.kind) {
    case 'role':
      return target.role;
    case 'contacts':
      return 'contacts';
    case 'person':
      return `contact:${target.name}`;
    case 'email':
      return target.address;
    case 'channel':
      return `${target.platform}:${target.id}`;
  }
}

/** For people: `the secondary on-call, the escalation contacts and dba@example.org`. */
export function describeTargets(targets: readonly EscalationTarget[]): string {
  const words = targets.map((target) => {
    switch (target.kind) {
      case 'role':
        return `the ${target.role} on-call`;
      case 'contacts':
        return 'the escalation contacts';
      case 'person':
        return target.name;
      default:
        return formatTarget(target);
    }
  });
  return words.length <= 1 ? (words[0] ?? 'nobody') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
