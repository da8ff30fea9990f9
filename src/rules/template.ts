/** Placeholders every summary may use besides the series' labels. */
export const TEMPLATE_VARIABLES = ['value', 'threshold', 'current', 'eta', 'duration', 'rule', 'severity'] as const;

const PLACEHOLDER = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g;

export function templateNames(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
}

/** Fills `{{name}}` placeholders; a name without a value stays visible as `?` rather than vanishing. */
export function renderTemplate(template: string, values: Readonly<Record<string, string | undefined>>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => values[name] ?? '?');
}

/** A number as people read it in chat: 96.4, 0.12, 1234, never 96.39999999. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return String(Number(value.toFixed(digits)));
}
