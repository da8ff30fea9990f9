import type { z } from 'zod';

/** One thing wrong with the configuration, with the key path an operator can find in their file. */
export interface ConfigProblem {
  /** `env.SLACK_BOT_TOKEN`, `file.thresholds.cpu.critical`, `file` (the file as a whole). */
  path: string;
  message: string;
}

export function problemsFromZod(prefix: string, error: z.ZodError): ConfigProblem[] {
  return error.issues.flatMap((issue) => {
    const path = [prefix, ...issue.path.map(String)].join('.');
    // zod folds unknown keys into one issue; list each so every one gets its own path.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: `${path}.${key}`, message: 'unknown key (check the spelling)' }));
    }
    return [{ path, message: issue.message }];
  });
}

export function formatProblems(problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
}
