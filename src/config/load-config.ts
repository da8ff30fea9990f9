import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { envSchema, type EnvConfig } from './env-schema.js';
import { fileSchema, type FileConfig } from './file-schema.js';
import { buildRules, RulesError } from '../rules/build-rules.js';
import { problemsFromZod, type ConfigProblem } from './problems.js';

export const DEFAULT_CONFIG_FILE = 'cinemata-ops.yaml';

/** The validated, frozen configuration. */
export interface Config extends FileConfig {
  env: EnvConfig;
  /** Absolute path of the YAML file that was read, or undefined when none was found (defaults apply). */
  configFile: string | undefined;
}

export type ConfigResult =
  | { ok: true; config: Config }
  | { ok: false; problems: ConfigProblem[]; configFile: string | undefined };

/**
 * Reads env and the optional YAML file, validates both once and reports every problem with its key path.
 * Relative paths resolve against `cwd`.
 */
export function readConfig(env: NodeJS.ProcessEnv, cwd: string): ConfigResult {
  const problems: ConfigProblem[] = [];
  const envResult = envSchema.safeParse(env);
  if (!envResult.success) problems.push(...problemsFromZod('env', envResult.error));

  const explicit = env.CINEMATA_OPS_CONFIG !== undefined && env.CINEMATA_OPS_CONFIG !== '';
  const configFile = resolve(cwd, explicit ? (env.CINEMATA_OPS_CONFIG as string) : DEFAULT_CONFIG_FILE);
  let raw: unknown = {};
  let fileFound = false;
  if (existsSync(configFile)) {
    fileFound = true;
    try {
      raw = parseYaml(readFileSync(configFile, 'utf8')) ?? {};
    } catch (error) {
      const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : '';
      problems.push({ path: 'file', message: `${configFile} is not valid YAML${where}: ${firstLine(error)}` });
    }
  } else if (explicit) {
    problems.push({ path: 'env.CINEMATA_OPS_CONFIG', message: `no such file: ${configFile}` });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ path: 'file', message: 'the top level must be a mapping of keys to values' });
    raw = {};
  }
  const fileResult = fileSchema.safeParse(raw);
  if (!fileResult.success) problems.push(...problemsFromZod('file', fileResult.error));
  // Rules that parse can still name an unknown metric or contradict themselves: check them here, so `config`
  // lists them with everything else and the bot never starts with rules it cannot evaluate.
  if (fileResult.success) {
    try {
      buildRules(fileResult.data);
    } catch (error) {
      if (!(error instanceof RulesError)) throw error;
      problems.push(...error.problems);
    }
  }

  const usedFile = fileFound ? configFile : undefined;
  if (problems.length > 0 || !envResult.success || !fileResult.success) {
    return { ok: false, problems, configFile: usedFile };
  }
  const config: Config = {
    ...fileResult.data,
    env: { ...envResult.data, CINEMATA_OPS_DB: resolve(cwd, envResult.data.CINEMATA_OPS_DB), CINEMATA_OPS_LOG_FILE: resolve(cwd, envResult.data.CINEMATA_OPS_LOG_FILE) },
    configFile: usedFile,
  };
  return { ok: true, config: deepFreeze(config) };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
