// The policy-file tests' shared helpers: the options, one-entry files, and the two outcomes.
import { parsePolicy, type PolicyOptions } from '../../../src/policy/policy-file.js';

export const PATH = '.github/sas-image-gate.yml';
export const OPTIONS: PolicyOptions = { path: PATH, today: '2026-12-01', maxAcceptDays: 365 };
export const ID = 'id: CVE-2024-6387';
export const REASON = 'reason: "sshd is not started; SEC-142"';
export const EXPIRES = 'expires: 2027-03-31';

/** The problems of a file that must be refused. */
export function problems(text: string, options: Partial<PolicyOptions> = {}): string[] {
  const parsed = parsePolicy(text, { ...OPTIONS, ...options });
  if (parsed.ok) throw new Error(`expected problems, got ${JSON.stringify(parsed.policy)}`);
  return parsed.problems;
}

/** The entries of a file that must be read. */
export function entries(text: string, options: Partial<PolicyOptions> = {}) {
  const parsed = parsePolicy(text, { ...OPTIONS, ...options });
  if (!parsed.ok) throw new Error(`expected a policy, got ${parsed.problems.join('\n')}`);
  return parsed.policy.entries;
}

/** A file with one entry (line 3): the given lines are the entry's keys. */
export function oneEntry(...lines: string[]): string {
  return ['version: 1', 'accept:', `  - ${lines[0]}`, ...lines.slice(1).map((l) => `    ${l}`)]
    .join('\n')
    .concat('\n');
}
