// The policy file (`.github/sas-image-gate.yml`): its text in, the checked accepted risks out, or
// every problem at once, each as `path:line: where: what`. The caller reads the file (and decides
// what a missing file means); this module only judges the text, with today's date handed in for
// the `max-accept-days` cap. Nothing is guessed: a file that is not exactly format version 1 is
// bad input, because a policy that is half understood would accept what nobody reviewed.
//
// Decisions where issue 18 is silent:
// - A file that is empty or holds only comments is bad input ("no `version`"): someone created
//   the file, and silence must not read as "nothing to check".
// - `accept` may be left out, empty or `[]`: a valid policy that accepts nothing.
// - `version` must be the number 1 (a quoted "1" is text, not a version).
// - Text fields must be YAML text: `id: 12345` (a number) is refused with "quote it", so an id that
//   looks like a number is never read in a changed form.
// - An exact duplicate is the same id (case-insensitive, as matching is), scope (category,
//   package, images, in any order), reason and expiry. Entries for one finding that differ in
//   reason or expiry are allowed (an expired entry and its renewal, say): a finding several
//   entries in force match is accepted by the one that runs longest (accept.ts), whatever the
//   order of the file.
// - `images: []` is bad input (a scope that covers no image is a mistake, not a way to disable).
import type { Category } from '../core/categories.js';
import { dayOf, type Today } from './dates.js';
import { checkEntry, type AcceptEntry, type ImageRef } from './policy-entry.js';
import { parseYamlTree, type LineProblem, type YamlTree } from './yaml-tree.js';
import { describe, didYouMean, quoted } from './yaml-words.js';

export type { AcceptEntry, ImageRef } from './policy-entry.js';

/** The checked policy file. */
export interface Policy {
  /** The path as the user gave it, for messages and the report. */
  path: string;
  /** The accepted risks, in file order. */
  entries: AcceptEntry[];
}

export interface PolicyOptions {
  /** The path as the user gave it (problems start with it). */
  path: string;
  today: Today;
  /** `max-accept-days`: the longest an acceptance may run, in days; 0 means no cap. */
  maxAcceptDays: number;
}

export type PolicyParse = { ok: true; policy: Policy } | { ok: false; problems: string[] };

const TOP_KEYS = ['version', 'accept'] as const;

/** Checks the policy file's text: the policy, or every problem found, ordered by line. */
export function parsePolicy(text: string, options: PolicyOptions): PolicyParse {
  if (!Number.isInteger(options.maxAcceptDays) || options.maxAcceptDays < 0)
    throw new Error(`maxAcceptDays must be a whole number ≥ 0, not ${options.maxAcceptDays}`);
  const rules = { today: dayOf(options.today), maxAcceptDays: options.maxAcceptDays };
  const parsed = parseYamlTree(text);
  const problems: LineProblem[] = [...parsed.problems];
  const entries = parsed.fatal ? [] : checkTop(parsed.tree, rules, problems);
  if (problems.length > 0) {
    const lines = [...problems].sort((a, b) => a.line - b.line);
    return { ok: false, problems: lines.map((p) => `${options.path}:${p.line}: ${p.message}`) };
  }
  return { ok: true, policy: { path: options.path, entries } };
}

function checkTop(
  tree: YamlTree | undefined,
  rules: { today: number; maxAcceptDays: number },
  problems: LineProblem[],
): AcceptEntry[] {
  if (tree === undefined) {
    problems.push({ line: 1, message: 'no `version`: the file must start with `version: 1`' });
    return [];
  }
  if (tree.kind !== 'map') {
    problems.push({
      line: tree.line,
      message: `the file must be a mapping with \`version: 1\` and \`accept:\`, not ${describe(tree)}`,
    });
    return [];
  }
  const seen = new Map<string, number>();
  let accept: YamlTree | undefined;
  let version = false;
  for (const pair of tree.pairs) {
    const twice = seen.get(pair.key);
    seen.set(pair.key, pair.line);
    if (twice !== undefined) {
      problems.push({
        line: pair.line,
        message: `${pair.key}: given twice (also on line ${twice})`,
      });
    } else if (pair.key === 'version') {
      version = true;
      checkVersion(pair.value, pair.line, problems);
    } else if (pair.key === 'accept') {
      accept = pair.value;
    } else {
      problems.push({
        line: pair.line,
        message: `unknown key ${quoted(pair.key)}${didYouMean(pair.key, TOP_KEYS)}`,
      });
    }
  }
  if (!version)
    problems.push({
      line: tree.line,
      message: 'no `version`: the file must start with `version: 1`',
    });
  const acceptLine = tree.pairs.find((p) => p.key === 'accept')?.line ?? tree.line;
  return checkAccept(accept, acceptLine, rules, problems);
}

function checkVersion(value: YamlTree | undefined, line: number, problems: LineProblem[]): void {
  if (value?.kind === 'scalar' && value.value === 1) return;
  const shown = value?.kind === 'scalar' ? quoted(value.text) : describe(value);
  problems.push({ line, message: `version: must be 1 (the only format version), not ${shown}` });
}

function checkAccept(
  accept: YamlTree | undefined,
  line: number,
  rules: { today: number; maxAcceptDays: number },
  problems: LineProblem[],
): AcceptEntry[] {
  if (accept === undefined || (accept.kind === 'scalar' && accept.value === null)) return [];
  if (accept.kind !== 'seq') {
    problems.push({ line, message: `accept: must be a list of entries, not ${describe(accept)}` });
    return [];
  }
  const entries: AcceptEntry[] = [];
  accept.items.forEach((item, index) => {
    const entry = checkEntry(item, index, rules, problems);
    if (entry) entries.push(entry);
  });
  checkDuplicates(entries, problems);
  return entries;
}

/** Same id (any case), scope, reason and expiry: the later entry is reported. */
function checkDuplicates(entries: AcceptEntry[], problems: LineProblem[]): void {
  const first = new Map<string, AcceptEntry>();
  for (const entry of entries) {
    const key = scopeKey(entry);
    const earlier = first.get(key);
    if (earlier) {
      problems.push({
        line: entry.line,
        message: `accept[${entry.index}]: duplicates accept[${earlier.index}] (line ${earlier.line}): same id, scope, reason and expires; remove one`,
      });
    } else first.set(key, entry);
  }
}

function scopeKey(entry: AcceptEntry): string {
  const images = (entry.images ?? []).map((r: ImageRef) => `${r.kind}:${r.value}`).sort();
  const category: Category | '' = entry.category ?? '';
  return JSON.stringify([
    entry.id.toLowerCase(),
    category,
    entry.package ?? '',
    images,
    entry.reason,
    entry.expires,
  ]);
}
