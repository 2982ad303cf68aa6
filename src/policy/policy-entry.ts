// One `accept:` entry of the policy file, checked field by field. Every rule here closes a way an
// exception could quietly outlive its purpose or cover more than was meant: unknown keys (a typo
// such as `expire:` must never become a permanent acceptance), a required reason, a real expiry
// within the cap, a `package` only where findings name packages, and image scopes that are
// recognisably one of the three image names. Each problem names the key's line; a missing key
// names the entry's line (its `-`).
import { normalizeDigest } from '../core/digest.js';
import { CATEGORIES, type Category } from '../core/categories.js';
import type { LineProblem, YamlPair, YamlTree } from './yaml-tree.js';
import { formatDay, parseDay } from './dates.js';
import { describe, didYouMean, quoted } from './yaml-words.js';

/** An image an entry is scoped to, as written: a repository id, `namespace/name`, or a digest. */
export type ImageRef =
  | { kind: 'repo-id'; value: string }
  | { kind: 'repo-name'; value: string }
  /** Always `sha256:` and 64 lower-case hex digits. */
  | { kind: 'digest'; value: string };

/** One accepted risk, checked. */
export interface AcceptEntry {
  /** Its position in `accept` (0-based), as problems name it (`accept[2]`). */
  index: number;
  /** The line of its `-`. */
  line: number;
  id: string;
  /** Trimmed; 1 to 500 characters. */
  reason: string;
  /** `YYYY-MM-DD`: the entry stops applying at 00:00 UTC on this date. */
  expires: string;
  category?: Category;
  /** CVE findings only: the name of one of the finding's packages. */
  package?: string;
  /** Absent: every image. */
  images?: ImageRef[];
}

/** What checking an entry needs besides the entry. */
export interface EntryRules {
  /** Today's UTC day number. */
  today: number;
  /** The longest an acceptance may run, in days; 0 means no cap. */
  maxAcceptDays: number;
}

export const ENTRY_KEYS = ['id', 'reason', 'expires', 'category', 'package', 'images'] as const;
const REQUIRED = ['id', 'reason', 'expires'] as const;
export const MAX_REASON = 500;
const MAX_NAME = 256;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const REPO_NAME = /^[^/\s]+\/[^/\s]+$/;
const REPO_ID = /^[^/\s]+$/;

/** Checks one entry; undefined when it has problems (each pushed to `problems`). */
export function checkEntry(
  item: { line: number; value: YamlTree | undefined },
  index: number,
  rules: EntryRules,
  problems: LineProblem[],
): AcceptEntry | undefined {
  const where = `accept[${index}]`;
  const before = problems.length;
  if (item.value?.kind !== 'map') {
    problems.push({
      line: item.line,
      message: `${where}: must be a mapping with id, reason and expires, not ${describe(item.value)}`,
    });
    return undefined;
  }
  const fields = new Map<string, YamlPair>();
  for (const pair of item.value.pairs) {
    const seen = fields.get(pair.key);
    if (seen) {
      problems.push({
        line: pair.line,
        message: `${where}.${pair.key}: given twice (also on line ${seen.line})`,
      });
    } else if (!(ENTRY_KEYS as readonly string[]).includes(pair.key)) {
      problems.push({
        line: pair.line,
        message: `${where}: unknown key ${quoted(pair.key)}${didYouMean(pair.key, ENTRY_KEYS)}`,
      });
    } else fields.set(pair.key, pair);
  }
  for (const key of REQUIRED)
    if (!fields.has(key))
      problems.push({ line: item.line, message: `${where}: \`${key}\` is required` });
  const field = (key: string) => {
    const pair = fields.get(key);
    return pair && { ...pair, where: `${where}.${key}` };
  };
  const check = new FieldChecks(problems);
  const id = check.name(field('id'));
  const reason = check.reason(field('reason'));
  const expires = check.expires(field('expires'), rules);
  const category = check.category(field('category'));
  const pkg = check.name(field('package'));
  const images = check.images(field('images'));
  const pkgPair = field('package');
  if (pkgPair && category && category !== 'cve-vulns') {
    problems.push({
      line: pkgPair.line,
      message: `${pkgPair.where}: only CVE findings name a package; with \`category: ${category}\` it could never match (use category cve-vulns or remove \`package\`)`,
    });
  }
  if (problems.length > before || !id || !reason || !expires) return undefined;
  return {
    index,
    line: item.line,
    id,
    reason,
    expires,
    ...(category ? { category } : {}),
    ...(pkg ? { package: pkg } : {}),
    ...(images ? { images } : {}),
  };
}

type Field = (YamlPair & { where: string }) | undefined;

/** The checks of each field: each returns the value, or undefined after pushing a problem. */
class FieldChecks {
  constructor(private readonly problems: LineProblem[]) {}

  private fail(field: { line: number; where: string }, message: string): undefined {
    this.problems.push({ line: field.line, message: `${field.where}: ${message}` });
    return undefined;
  }

  /** Text as written (a plain number, boolean or empty value is not text). */
  private text(f: NonNullable<Field>): string | undefined {
    const v = f.value;
    if (v?.kind === 'scalar' && typeof v.value === 'string') return v.value.trim();
    const hint = v?.kind === 'scalar' && v.value !== null ? ' (quote it)' : '';
    return this.fail(f, `must be text, not ${describe(v)}${hint}`);
  }

  /** An id or a package name: one line, not empty, at most 256 characters. */
  name(f: Field): string | undefined {
    if (!f) return undefined;
    const s = this.text(f);
    if (s === undefined) return undefined;
    if (s === '') return this.fail(f, 'must not be empty');
    if (s.length > MAX_NAME || CONTROL.test(s))
      return this.fail(f, `must be one line of at most ${MAX_NAME} characters`);
    return s;
  }

  reason(f: Field): string | undefined {
    if (!f) return undefined;
    const s = this.text(f);
    if (s === undefined) return undefined;
    if (s === '') return this.fail(f, 'must not be empty: say why this risk is accepted');
    const length = [...s].length;
    if (length > MAX_REASON) return this.fail(f, `is ${length} characters; at most ${MAX_REASON}`);
    if (CONTROL_BUT_LINES.test(s)) return this.fail(f, 'must not hold control characters');
    return s;
  }

  expires(f: Field, rules: EntryRules): string | undefined {
    if (!f) return undefined;
    const v = f.value;
    if (v?.kind !== 'scalar' || (typeof v.value !== 'string' && typeof v.value !== 'number'))
      return this.fail(f, `must be a date (YYYY-MM-DD), not ${describe(v)}`);
    const text = v.text.trim();
    const day = parseDay(text);
    if (day === undefined) {
      const shape = /^\d{4}-\d{2}-\d{2}$/.test(text) ? 'is not a real date' : 'is not a date';
      return this.fail(f, `${quoted(text)} ${shape} (use YYYY-MM-DD)`);
    }
    if (rules.maxAcceptDays > 0 && day - rules.today > rules.maxAcceptDays) {
      return this.fail(
        f,
        `${text} is ${day - rules.today} days after today (${formatDay(rules.today)}); max-accept-days allows at most ${rules.maxAcceptDays}`,
      );
    }
    return text;
  }

  category(f: Field): Category | undefined {
    if (!f) return undefined;
    const s = this.text(f);
    if (s === undefined) return undefined;
    const category = CATEGORIES.find((c) => c === s);
    return (
      category ?? this.fail(f, `${quoted(s)} is not a category (one of ${CATEGORIES.join(', ')})`)
    );
  }

  images(f: Field): ImageRef[] | undefined {
    if (!f) return undefined;
    const v = f.value;
    if (v?.kind !== 'seq')
      return this.fail(f, `must be a list such as [crr-frontend], not ${describe(v)}`);
    if (v.items.length === 0)
      return this.fail(f, 'an empty list covers no image; leave `images` out to cover every image');
    const refs: ImageRef[] = [];
    v.items.forEach((item, i) => {
      const ref = this.image({
        key: 'images',
        line: item.line,
        value: item.value,
        where: `${f.where}[${i}]`,
      });
      if (ref && !refs.some((r) => r.kind === ref.kind && r.value === ref.value)) refs.push(ref);
    });
    return refs;
  }

  private image(f: NonNullable<Field>): ImageRef | undefined {
    const s = this.name(f);
    if (s === undefined) return undefined;
    const digest = normalizeDigest(s);
    if (digest) return { kind: 'digest', value: `sha256:${digest}` };
    if (/^sha256:/i.test(s))
      return this.fail(f, `${quoted(s)} is not a sha256 digest (sha256: and 64 hex digits)`);
    if (REPO_NAME.test(s)) return { kind: 'repo-name', value: s };
    if (REPO_ID.test(s)) return { kind: 'repo-id', value: s };
    return this.fail(
      f,
      `${quoted(s)} is not a repository id, a repository name (namespace/name) or a sha256 digest`,
    );
  }
}
