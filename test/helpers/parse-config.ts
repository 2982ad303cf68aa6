// parseConfig returns its problems rather than throwing; unit tests that expect a Config or an
// InputError use this to keep their assertions short.
import { InputError } from '../../src/infra/errors.js';
import { parseConfig, type Config } from '../../src/inputs/config.js';

export function parseOrThrow(env: NodeJS.ProcessEnv, mask: (secret: string) => void): Config {
  const parsed = parseConfig(env, mask);
  if ('problems' in parsed) throw new InputError(parsed.problems);
  return parsed.config;
}
