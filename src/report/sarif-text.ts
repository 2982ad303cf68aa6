// Text and identity helpers of the SARIF log: one clean line for Security Center text, the
// fingerprint GitHub matches alerts by, rule ids, severities and the Dockerfile URI. Pure.
import { sha256Hex } from '../infra/hash.js';
import type { Category } from '../core/categories.js';
import type { Finding, Level } from '../core/findings.js';
import { shorten } from '../infra/text.js';

/** security-severity when Security Center gives no CVSS score. */
export const DEFAULT_SEVERITY: Record<Level, number> = { high: 8.0, medium: 5.5, low: 2.0 };
/** A malicious file at level high (serious): critical on GitHub's scale (over 9.0). */
export const MALICIOUS_HIGH_SEVERITY = 9.5;

export const LIMIT = {
  ruleId: 200,
  ruleName: 255,
  shortDescription: 1024,
  title: 1000,
  field: 300,
  message: 2000,
  description: 4000,
};
/** Paths, packages and images named in one message before "and N more". */
export const LIST_MAX = 5;
export const CVES_SHOWN = 20;

// Line breaks of every kind (CR, LF, NEL, VT, FF, LS, PS) and tabs become one space.
// eslint-disable-next-line no-control-regex -- matching line-break control characters is the point
const BREAKS = /[\r\n\t\u000b\u000c\u0085\u2028\u2029]+/g;
// Other control characters, and bidirectional overrides and marks that could make rendered text
// read differently from what it is.
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Security Center text as one clean line: no breaks, no control characters, no lone halves. */
export function flatten(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(BREAKS, ' ')
    .replace(INVISIBLE, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** At most `max` UTF-16 units (infra/text.ts: scrubbed first, '…' when cut, pairs kept whole). */
export function cap(text: string, max: number): string {
  return shorten(text, max);
}

export const clean = (text: string | undefined, max: number): string =>
  cap(flatten(text ?? ''), max);

export const sha256 = sha256Hex;

/**
 * The alert identity GitHub matches across uploads: stable for one repository, category,
 * finding and package, different for any other. The raw values are hashed (JSON-encoded, so no
 * separator can make two tuples collide).
 */
export function fingerprint(
  identity: string,
  category: Category,
  key: string,
  packageName?: string,
): string {
  return sha256(
    JSON.stringify(['sas-image-gate/v1', identity, category, key, packageName ?? null]),
  ).slice(0, 32);
}

/** Rule id: the category, then the finding id; a long id keeps a hash so ids never merge. */
export function ruleIdFor(category: Category, finding: Finding): string {
  const raw = finding.id || finding.key || '(unnamed)';
  const id = flatten(raw) || '(unnamed)';
  const full = `${category}/${id}`;
  if (full.length <= LIMIT.ruleId && id === raw) return full;
  // Shortened or cleaned: a hash of the raw id keeps two different ids apart.
  return `${cap(full, LIMIT.ruleId - 10)}~${sha256(raw).slice(0, 8)}`;
}

/** security-severity of one finding: CVSS when Security Center gives one, else by level. */
export function findingSeverity(category: Category, finding: Finding): number {
  const { cvss } = finding;
  if (typeof cvss === 'number' && Number.isFinite(cvss) && cvss > 0 && cvss <= 10) return cvss;
  if (category === 'malicious-files' && finding.level === 'high') return MALICIOUS_HIGH_SEVERITY;
  return DEFAULT_SEVERITY[finding.level] ?? DEFAULT_SEVERITY.high;
}

export function severityText(severity: number): string {
  return Math.min(10, Math.max(0.1, Math.round(severity * 10) / 10)).toFixed(1);
}

/**
 * Repository-relative URI of the Dockerfile (GitHub resolves it against the checkout): forward
 * slashes, no '.' or empty segments (so no leading '/'), each segment percent-encoded.
 */
export function dockerfileUri(path: string): string {
  const segments = flatten(path)
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '.' && s !== '');
  return segments.length === 0 ? 'Dockerfile' : segments.map(encodeURIComponent).join('/');
}

export const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export function list(items: string[], max = LIST_MAX): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export function unique(items: string[]): string[] {
  return [...new Set(items.filter((s) => s !== ''))];
}

export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
