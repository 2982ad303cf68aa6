// The `report` JSON's parts for issue 18: accepted risks (per image `accepted` and
// `categories.<category>.accepted`, top-level `policy`) and gating only new findings (per image
// `baseline`, `categories.<category>.new/.inherited/.fixed`, each listed finding's `baseline`).
// Fields are only added (schema 1); a run without a policy file or a baseline reports exactly
// what it reported before.
//
// Decisions where the issue is silent:
// - Top-level `policy` is absent when no policy file was read (as `error` is absent when there
//   was none): `report.policy ?? null` reads the same either way, and old reports stay as they
//   were. Per image `accepted` and every `categories.<category>.accepted` are present exactly
//   when the run has a policy (0 and [] when nothing was accepted).
// - The `accepted` list is bounded like `findings`: at most `list-findings` per category; the
//   numbers in `categories` are always complete.
// - With a policy or a baseline, `findings` lists what was not accepted (accepted findings are in
//   `accepted`), new ones first, and `levels` counts what the limits count (unaccepted, and new
//   when a baseline was used).
// - A listed finding that counts although an expired entry matched it carries
//   `acceptanceExpired: {expires, policyLine}`.
// - Malicious files are always new: with a baseline used and no comparison of that category
//   (its list was not read), `categories.malicious-files.new` is its count.
import { CATEGORIES, type Category } from '../core/categories.js';
import type { Finding, Level } from '../core/findings.js';
import type { Today } from '../policy/dates.js';
import type { AcceptEntry, Policy } from '../policy/policy-file.js';
import type { PolicyApplication } from '../policy/accept.js';
import { levelCounts } from '../policy/count-rule.js';
import { policyReport, type PolicyReport } from '../policy/usage.js';
import { imageScopeOf, type BaselineOutcome, type ImageOutcome } from '../gate/outcome.js';
import type { ImageReport, ReportFinding } from './model.js';

export type { PolicyReport } from '../policy/usage.js';

/** One accepted finding, as the report lists it. */
export interface AcceptedFinding {
  category: Category;
  /** The id shown (CVE id, vulnerability name, sample name, check name). */
  id: string;
  level: Level;
  /** The package the entry names, else the finding's first package; null when it names none. */
  package: string | null;
  reason: string;
  /** `YYYY-MM-DD`: from this date on, the finding counts again. */
  expires: string;
  /** The line of the accepting entry's `-` in the policy file. */
  policyLine: number;
}

/** Per image: the baseline compared with, or why none was (then every finding was gated). */
export type BaselineReport =
  | {
      /** `image-tag` (with the `repo-id` it was looked up in, when known) or `image-digest`. */
      selectors: Record<string, string>;
      /** `sha256:`-prefixed. */
      digest: string;
      /** ISO 8601 time of the baseline's scan, when known. */
      scannedAt: string | null;
    }
  | { selectors: Record<string, string>; reason: string };

/** What a listed finding gains (issue 18). */
export interface FindingMarks {
  /** With a baseline: whether the baseline has it (`inherited`) or not (`new`). */
  baseline?: 'new' | 'inherited';
  /** It counts: the only entries matching it had expired. */
  acceptanceExpired?: { expires: string; policyLine: number };
}

/** The run's `PolicyReport` from the applications in the outcomes (the clock handed in). */
export function runPolicyReport(
  policy: Policy,
  today: Today,
  outcomes: readonly ImageOutcome[],
): PolicyReport {
  const apps: PolicyApplication[] = [];
  for (const o of outcomes)
    for (const c of CATEGORIES) {
      const app = o.policy?.[c];
      if (app) apps.push(app);
    }
  // Images that ended in error: an entry that may cover one is never called unused.
  const unread = outcomes
    .filter((o) => o.error !== undefined)
    .map((o) => imageScopeOf(o.target.selector, o.scan));
  return policyReport(policy, today, apps, unread);
}

function isoTime(ms: number | undefined): string | null {
  if (!ms || !Number.isFinite(ms)) return null;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function baselineReport(baseline: BaselineOutcome): BaselineReport {
  const selectors: Record<string, string> = {};
  if (baseline.repoId !== undefined) selectors['repo-id'] = baseline.repoId;
  if ('tag' in baseline.ref) selectors['image-tag'] = baseline.ref.tag;
  else selectors['image-digest'] = `sha256:${baseline.ref.digest}`;
  return baseline.used
    ? { selectors, digest: `sha256:${baseline.digest}`, scannedAt: isoTime(baseline.scannedAt) }
    : { selectors, reason: baseline.reason };
}

function packageOf(finding: Finding, entry: AcceptEntry): string | null {
  if (entry.package !== undefined) return entry.package;
  return finding.packages[0]?.name ?? null;
}

/**
 * Adds the policy and baseline parts to an image's report entry (built by model.ts from the
 * same outcome): counts, the accepted list, the baseline, and the listed findings' marks.
 */
export function addPolicyParts(
  entry: ImageReport,
  outcome: ImageOutcome,
  settings: { policy?: Policy; listFindings: number },
  toReport: (f: Finding) => ReportFinding,
): void {
  const hasPolicy = settings.policy !== undefined;
  const used = outcome.baseline?.used === true;
  if (outcome.baseline) entry.baseline = baselineReport(outcome.baseline);
  if (hasPolicy) entry.accepted = [];
  for (const c of CATEGORIES) {
    const app = outcome.policy?.[c];
    const split = used ? outcome.comparison?.[c] : undefined;
    const cat = entry.categories[c];
    if (hasPolicy) cat.accepted = app?.accepted.length ?? 0;
    if (split) {
      cat.new = split.new.length;
      cat.inherited = split.inherited.length;
      cat.fixed = split.fixed.length;
    } else if (used && c === 'malicious-files' && cat.count !== null) {
      cat.new = cat.count;
      cat.inherited = 0;
      cat.fixed = 0;
    }
    if (app && entry.accepted) {
      for (const { finding, entry: e } of app.accepted.slice(0, settings.listFindings)) {
        entry.accepted.push({
          category: c,
          id: finding.id,
          level: finding.level,
          package: packageOf(finding, e),
          reason: e.reason,
          expires: e.expires,
          policyLine: e.line,
        });
      }
    }
    const list = outcome.lists[c];
    // Marked new / inherited only where compared (malicious files: always new).
    const compared = used && (split !== undefined || c === 'malicious-files');
    if (!list || (!app && !compared)) continue;
    // What is listed: what was not accepted, new first; what the levels count: what counts.
    const unaccepted = app ? app.counted : list.findings;
    const inherited = new Set(split?.inherited ?? []);
    const fresh = unaccepted.filter((f) => !inherited.has(f));
    const listed = compared
      ? [...fresh, ...unaccepted.filter((f) => inherited.has(f))]
      : unaccepted;
    const expired = new Map(app?.expiredMatches.map((m) => [m.finding, m.entry]) ?? []);
    entry.levels[c] = levelCounts(compared ? fresh : unaccepted);
    entry.findings[c] = listed.slice(0, settings.listFindings).map((f) => {
      const shown: ReportFinding = toReport(f);
      if (compared) shown.baseline = inherited.has(f) ? 'inherited' : 'new';
      const lapsed = expired.get(f);
      if (lapsed) shown.acceptanceExpired = { expires: lapsed.expires, policyLine: lapsed.line };
      return shown;
    });
  }
}

/** Findings accepted in an image (complete, whatever was listed). */
export function acceptedCount(image: ImageReport): number {
  return CATEGORIES.reduce((n, c) => n + (image.categories[c].accepted ?? 0), 0);
}

/** New findings that count in an image compared with a baseline (enforced categories only). */
export function newCount(image: ImageReport): number {
  return CATEGORIES.reduce((n, c) => {
    const cat = image.categories[c];
    return n + (cat.status === 'off' ? 0 : (cat.new ?? 0));
  }, 0);
}

/** Whether the image was compared with a baseline. */
export function comparedWithBaseline(image: ImageReport): boolean {
  return image.baseline !== undefined && 'digest' in image.baseline;
}
