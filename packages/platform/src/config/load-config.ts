import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/** Thrown by {@link parseConfig}: names every bad key and why, never a value. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** The exit code for bad configuration (EX_CONFIG in sysexits.h). */
export const EX_CONFIG = 78;

/**
 * Reads `schema`'s keys from `env`, `FOO_FILE=/path` supplying `FOO` from that file (trailing
 * newline trimmed). An empty value counts as unset. Throws a {@link ConfigError} on bad input.
 */
export function parseConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const problems: string[] = [];
  const values: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const inline = env[key];
    const file = env[`${key}_FILE`];
    if (inline && file) problems.push(`${key}: set ${key} or ${key}_FILE, not both`);
    else if (file) {
      try {
        values[key] = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
        problems.push(`${key}_FILE: cannot read the file (${code})`);
      }
    } else if (inline) values[key] = inline;
  }
  const result = schema.safeParse(values);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return result.data as z.infer<S>;
}

/**
 * Validates the environment once at startup. On bad config, prints one message naming every bad
 * key and exits with 78; the process never runs half-configured.
 *
 * @example
 * const config = loadConfig(z.object({ ...platformConfig, DATABASE_PATH: z.string() }));
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  try {
    return parseConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(EX_CONFIG);
  }
}
