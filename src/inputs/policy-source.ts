// Where settings find the policy file (issue 18): under the root only (the action's workspace,
// the command line's working directory; a path
// leading out of it, through `..`, an absolute path or a symbolic link, is bad input), with the
// runner's clock for "today". The YAML parser is loaded only when a file is there to check, so a
// run without a policy file does not pay for it at start-up.
import { readConfinedText, type ConfinedRead } from '../infra/confined-path.js';
import type { ConfigSource } from './config.js';
import { DEFAULT_POLICY_FILE, MAX_POLICY_BYTES } from './policy.js';
import { InputReader } from './reader.js';

export async function policySource(
  env: NodeJS.ProcessEnv,
  root: string,
  now: Date,
  /** How messages name the root (default: the action's workspace). */
  rootName?: string,
): Promise<ConfigSource> {
  const read = (given: string): ConfinedRead =>
    readConfinedText(root, given, MAX_POLICY_BYTES, rootName);
  // Empty means the default path (inputs/policy.ts).
  const given = new InputReader(env).raw('policy-file') || DEFAULT_POLICY_FILE;
  // Read once here, to know whether the parser is needed; parseConfig gets the same answer.
  const first = read(given);
  const source: ConfigSource = {
    readPolicyFile: (path) => (path === given ? first : read(path)),
    now,
    ...(rootName !== undefined ? { rootName } : {}),
  };
  if (first && 'text' in first)
    source.parsePolicy = (await import('../policy/policy-file.js')).parsePolicy;
  return source;
}
