// The `report` output: one JSON document describing the run. Public API: fields are only ever
// added, never renamed or removed (schemaVersion changes if that ever has to happen).
export type { ImageOutcome } from '../gate/outcome.js';
import {
  CATEGORIES,
  isVulnerability,
  type Category,
  type Counts,
  type Limit,
  type Limits,
} from '../core/categories.js';
import { advisoryLink, type Finding, type LevelCounts } from '../core/findings.js';
import type { LimitSpecs } from '../core/limits.js';
import {
  limitValue,
  unionExceeded,
  worstResult,
  type CategoryStatus,
  type Result,
} from '../core/verdict.js';
import { SELECTOR_INPUTS, type ImageTarget, type RiskStatus } from '../core/selector.js';
import type { ImageOutcome } from '../gate/outcome.js';
import type { ScanOutcome } from '../gate/scan-proof.js';
import type { ScanStatus } from '../core/scan.js';
import type { Policy } from '../policy/policy-file.js';
import {
  addPolicyParts,
  runPolicyReport,
  type AcceptedFinding,
  type BaselineReport,
  type FindingMarks,
  type PolicyReport,
} from './policy-model.js';

export interface CategoryEntry {
  count: number | null;
  /** A whole number for a plain total limit, 'off', else the terms as written. */
  limit: Limit;
  /** The limit input as written, e.g. "high:0,medium:2" ("0" for the default). */
  limitText: string;
  status: CategoryStatus | 'unknown';
  /** The terms over their limit (e.g. "high:0"); empty unless the status is fail. */
  exceededTerms: string[];
  /** With a policy file: findings (baseline risks: checks) accepted in this category. */
  accepted?: number;
  /** With a baseline: unaccepted findings it does not have (what counts), has, and lost. */
  new?: number;
  inherited?: number;
  fixed?: number;
}

/** A listed finding, as the report, the summary and the comment show it. */
export type ReportFinding = Omit<Finding, 'category' | 'handling'> &
  FindingMarks & {
    /** https://avd.aliyun.com/detail/<CVE-ID> for each CVE id. */
    links: string[];
    /** Output only: paths not listed to keep the `report` output bounded (report-file has all). */
    pathsLeftOut?: number;
    /** Output only: packages not listed to keep the `report` output bounded. */
    packagesLeftOut?: number;
  };

export interface ScanReport {
  /** false when require-scan is off: the status is then unknown (not checked). */
  checked: boolean;
  status: ScanStatus;
  /** ISO 8601 time of the (oldest) completed scan, when known. */
  scannedAt: string | null;
  taskId: string | null;
  /** sha256:-prefixed digests Security Center resolved the selection to. */
  digests: string[];
}

export interface ImageReport {
  selectors: Record<string, string>;
  site: string;
  result: Result;
  exceeded: Category[];
  categories: Record<Category, CategoryEntry>;
  /** RequestId of the count query whose numbers were gated (or of the call that failed). */
  requestId: string;
  /** Every RequestId of this image's calls (scan state, scan task, counts). */
  requestIds: string[];
  scan: ScanReport;
  /** sha256:-prefixed digests whose counts were gated (empty for an error). */
  gatedDigests: string[];
  /** Per category whose list was read: the findings at exactly each level that count. */
  levels: Partial<Record<Category, LevelCounts>>;
  /** Per category whose list was read: the first list-findings findings, most severe first. */
  findings: Partial<Record<Category, ReportFinding[]>>;
  /** Per vulnerability category, under ignore-unfixable: findings left out as having no fix. */
  unfixableIgnored: Partial<Record<Category, number>>;
  /** Lists not read and why, gaps between a list and its count, unknown levels. */
  notes: string[];
  error?: string;
  /** Output only: listed findings left out per category to keep the `report` output bounded. */
  findingsLeftOut?: Partial<Record<Category, number>>;
  /** With a policy file: the accepted findings, at most list-findings per category. */
  accepted?: AcceptedFinding[];
  /** With a baseline configured: the one compared with, or why none was. */
  baseline?: BaselineReport;
}

export interface Report {
  schemaVersion: 1;
  result: Result;
  exceeded: Category[];
  limits: Limits;
  riskStatus: string;
  /** Sums over the images whose counts were obtained; null when none were. */
  counts: Counts | null;
  images: ImageReport[];
  /** A problem that stopped the whole run (bad input, unexpected failure). */
  error?: string;
  /** Bad input: each problem found, in the order found (`error` holds them all as one text). */
  problems?: string[];
  /** Output only: images left out to keep the `report` output bounded (thousands of images). */
  imagesLeftOut?: number;
  /** Output only: true when the `report` output leaves out anything report-file holds. */
  truncated?: true;
  /** What became of the policy file's entries; absent when no policy file was read. */
  policy?: PolicyReport;
}

export const DEFAULT_LIMITS: Limits = {
  'baseline-risks': 0,
  'malicious-files': 0,
  'sca-vulns': 0,
  'cve-vulns': 0,
};

export function selectorsOf(target: ImageTarget): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, field] of SELECTOR_INPUTS) {
    const value = target.selector[field];
    if (value !== undefined) out[name] = field === 'digest' ? `sha256:${value}` : value;
  }
  return out;
}

/** The report's form of every limit: a number, 'off', or the terms as written. */
export function limitValues(limits: LimitSpecs): Limits {
  const out = {} as Limits;
  for (const c of CATEGORIES) out[c] = limitValue(limits[c]);
  return out;
}

/** A finding as listed: the model's fields, plus its advisory links. */
export function reportFinding(f: Finding): ReportFinding {
  // The handling states decided what counts; the report shows the finding itself.
  const { category, handling, ...rest } = f;
  const links = f.cveIds.flatMap((id) => advisoryLink(id) ?? []);
  return { ...rest, links };
}

export function imageReport(outcome: ImageOutcome, config: ReportSettings): ImageReport {
  const { evaluation } = outcome;
  const categories = {} as Record<Category, CategoryEntry>;
  for (const c of CATEGORIES) {
    const spec = config.limits[c];
    categories[c] = evaluation
      ? { ...evaluation.categories[c] }
      : {
          count: null,
          limit: limitValue(spec),
          limitText: spec.text,
          status: 'unknown',
          exceededTerms: [],
        };
  }
  // Fail closed: without an evaluation there is no pass, whatever else happened.
  const result: Result = outcome.error !== undefined || !evaluation ? 'error' : evaluation.result;
  const levels: ImageReport['levels'] = {};
  const findings: ImageReport['findings'] = {};
  const unfixableIgnored: ImageReport['unfixableIgnored'] = {};
  for (const c of CATEGORIES) {
    const list = outcome.lists[c];
    if (!list) continue;
    levels[c] = { ...list.levels };
    findings[c] = list.findings.slice(0, config.listFindings).map(reportFinding);
    if (config.ignoreUnfixable && isVulnerability(c)) unfixableIgnored[c] = list.unfixableIgnored;
  }
  const entry: ImageReport = {
    selectors: selectorsOf(outcome.target),
    site: outcome.target.endpoint.site,
    result,
    exceeded: evaluation?.exceeded ?? [],
    categories,
    requestId: outcome.requestId ?? '',
    requestIds: outcome.requestIds,
    scan: scanReport(outcome.scan),
    gatedDigests: result === 'error' ? [] : (outcome.gatedDigests ?? []).map((d) => `sha256:${d}`),
    levels,
    findings,
    unfixableIgnored,
    notes: outcome.notes,
  };
  if (result === 'error') entry.error = outcome.error ?? 'the counts were not established';
  addPolicyParts(entry, outcome, config, reportFinding);
  return entry;
}

/** What the report needs of the settings (both front ends' settings satisfy it). */
export interface ReportSettings {
  limits: LimitSpecs;
  listFindings: number;
  ignoreUnfixable: boolean;
  riskStatus: RiskStatus;
  /** The policy file read, if any (its accepted risks are reported). */
  policy?: Policy;
  /** Set with a policy file: its UTC date is "today" for the expiry rules. */
  today?: Date;
}

/** ISO 8601, or null for a time that is missing or cannot be a date (never throws). */
function isoTime(ms: number | undefined): string | null {
  if (!ms || !Number.isFinite(ms)) return null;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function scanReport(scan: ScanOutcome | undefined): ScanReport {
  if (!scan)
    return { checked: false, status: 'unknown', scannedAt: null, taskId: null, digests: [] };
  return {
    checked: true,
    status: scan.status,
    scannedAt: isoTime(scan.scannedAt),
    taskId: scan.taskId ?? null,
    digests: scan.digests.map((d) => `sha256:${d}`),
  };
}

export function buildReport(
  config: ReportSettings,
  outcomes: readonly ImageOutcome[],
  /** The run's policy usage; by default made from the outcomes when there is a policy file. */
  extra: { policy?: PolicyReport } = {},
): Report {
  const policy = extra.policy ?? runPolicy(config, outcomes);
  const images = outcomes.map((o) => imageReport(o, config));
  let counts: Counts | null = null;
  for (const image of images) {
    if (image.result === 'error') continue;
    counts ??= { 'baseline-risks': 0, 'malicious-files': 0, 'sca-vulns': 0, 'cve-vulns': 0 };
    for (const c of CATEGORIES) counts[c] += image.categories[c].count ?? 0;
  }
  return {
    schemaVersion: 1,
    result: worstResult(images.map((i) => i.result)),
    exceeded: unionExceeded(images.map((i) => i.exceeded)),
    limits: limitValues(config.limits),
    riskStatus: config.riskStatus,
    counts,
    images,
    ...(policy ? { policy } : {}),
  };
}

/** What became of the policy file's entries over the run (both front ends report it). */
function runPolicy(
  config: ReportSettings,
  outcomes: readonly ImageOutcome[],
): PolicyReport | undefined {
  if (!config.policy) return undefined;
  if (!config.today) throw new Error('a policy file is reported with the date it was applied on');
  return runPolicyReport(config.policy, config.today, outcomes);
}

/**
 * The report as JSON, for the `report` output, report-file and `--format json`: what only the
 * renderers use (an expiring entry's `days`, for "expires in N days") left out, so each policy
 * entry is `{id, line, expires}` (issue 18).
 */
export function reportJson(report: Report): string {
  const policy = report.policy;
  if (!policy) return JSON.stringify(report);
  const expiring = policy.expiring.map(({ id, line, expires }) => ({ id, line, expires }));
  return JSON.stringify({ ...report, policy: { ...policy, expiring } });
}

/** The report of a run that stopped before any image was gated. */
export function failedRunReport(error: string, problems?: string[]): Report {
  return {
    ...(problems && problems.length > 0 ? { problems } : {}),
    schemaVersion: 1,
    result: 'error',
    exceeded: [],
    limits: DEFAULT_LIMITS,
    riskStatus: 'unhandled',
    counts: null,
    images: [],
    error,
  };
}
