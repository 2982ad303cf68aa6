// The `policy-file` and `max-accept-days` inputs (issue 18): which policy file to read, and the
// policy it holds, checked with every other input before any network call. Reading a file is
// I/O, so this module stays pure over its source: the front end hands in a `ReadPolicyFile` port
// (the action's reads under the workspace, refusing paths that lead out; a CLI's under its
// working directory), today's date, and policy/'s parser: handed in rather than imported, so a
// front end loads the YAML parser (about a fifth of the action's bundle) only when there is a
// policy file to check.
//
// What a missing file means: nothing to read at the default path (`.github/sas-image-gate.yml`,
// defaulted, written out, or an empty input, which means the default as for every other input);
// anywhere else, a mistake (a path that was meant to hold a policy and does not must not
// silently gate without it). An empty input still reads a file at the default path: a policy
// committed to the repository is never skipped by a blank in the workflow.
import path from 'node:path';
import type { Policy, PolicyOptions, PolicyParse } from '../policy/policy-file.js';
import { show } from '../infra/text.js';
import type { InputReader } from './reader.js';

export const DEFAULT_POLICY_FILE = '.github/sas-image-gate.yml';
/** Larger policy files are bad input (issue 18). */
export const MAX_POLICY_BYTES = 1024 * 1024;
export const DEFAULT_MAX_ACCEPT_DAYS = 365;
/** Ten years: `0` is the way to say "no cap". */
export const MAX_ACCEPT_DAYS_LIMIT = 3650;

/** What the front end found at a policy-file path. */
export type PolicyFileRead =
  /** The text, and the path relative to the workspace (for messages and annotations). */
  | { text: string; relative?: string }
  /** Nothing there; `relative`: where it would be, relative to the root, when known. */
  | { missing: true; relative?: string }
  /** Why the path or the file cannot be used: a phrase after the path ("lies outside …"). */
  | { problem: string };

/** The front end's port: reads the file the input names (relative to its root). */
export type ReadPolicyFile = (given: string) => PolicyFileRead;

/** policy/policy-file.ts's `parsePolicy`, handed in by the front end once a file was found. */
export type ParsePolicy = (text: string, options: PolicyOptions) => PolicyParse;

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

/** `./a//b` → `a/b`: how a written-out default path is recognised. */
function normalPath(raw: string): string {
  return path.posix.normalize(raw.replace(/\\/g, '/')).replace(/^(\.\/)+/, '');
}

export interface PolicyInputs {
  policy?: Policy;
  maxAcceptDays: number;
}

/**
 * Reads `max-accept-days` and `policy-file`, and checks the file. Its problems join the other
 * input problems, each prefixed `policy-file: `.
 */
export function readPolicyInputs(
  input: InputReader,
  source: {
    readPolicyFile?: ReadPolicyFile;
    parsePolicy?: ParsePolicy;
    now?: Date;
    /** How messages name the root the path is read under (default: the workspace). */
    rootName?: string;
  },
): PolicyInputs {
  const root = source.rootName ?? 'the workspace';
  // The action's workspace is the repository's checkout: paths are relative to its root.
  const inRepo = source.rootName === undefined;
  const before = input.problems.length;
  const maxAcceptDays = input.integer(
    'max-accept-days',
    DEFAULT_MAX_ACCEPT_DAYS,
    0,
    MAX_ACCEPT_DAYS_LIMIT,
    ' (0: no cap)',
  );
  // With a refused cap, the file is still checked for everything else (no cap: no false alarm).
  const cap = input.problems.length > before ? 0 : maxAcceptDays;
  const raw = input.raw('policy-file') || DEFAULT_POLICY_FILE;
  if (CONTROL.test(raw) || raw.length > 4096) {
    input.problem(
      `policy-file: ${show(raw)} is not a file path; give a path relative to ${root}, such as ${DEFAULT_POLICY_FILE}`,
    );
    return { maxAcceptDays };
  }
  const isDefault = normalPath(raw) === DEFAULT_POLICY_FILE;
  // A caller with no files to read (unit tests): nothing at the default path. Skipping a policy
  // only ever counts more; a path named on purpose is never skipped.
  if (isDefault && !source.readPolicyFile) return { maxAcceptDays };
  if (!source.readPolicyFile || !source.now)
    throw new Error('parseConfig needs readPolicyFile and now to read a policy file');
  const read = source.readPolicyFile(raw);
  if ('missing' in read) {
    // The default path written out in any form (`./…`, absolute inside the root) is the default.
    if (!isDefault && read.relative !== DEFAULT_POLICY_FILE)
      input.problem(
        `policy-file: ${show(raw)} does not exist in ${root}; check the path${inRepo ? ' (relative to the repository root)' : ''}, or leave policy-file out for the default ${DEFAULT_POLICY_FILE} (none there: no policy)`,
      );
    return { maxAcceptDays };
  }
  if ('problem' in read) {
    input.problem(
      `policy-file: ${show(raw)} ${read.problem}; give a file in ${root}${inRepo ? ', relative to the repository root' : ''}, at most ${MAX_POLICY_BYTES} bytes`,
    );
    return { maxAcceptDays };
  }
  if (!source.parsePolicy) throw new Error('parseConfig needs parsePolicy to check a policy file');
  const shownPath = read.relative ?? normalPath(raw);
  const parsed = source.parsePolicy(read.text, {
    path: shownPath,
    today: source.now,
    maxAcceptDays: cap,
  });
  if (!parsed.ok) {
    for (const p of parsed.problems) input.problem(`policy-file: ${p}`);
    return { maxAcceptDays };
  }
  return { policy: parsed.policy, maxAcceptDays };
}
