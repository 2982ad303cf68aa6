// Judges one image from its evidence: a pure function of what collect.ts gathered (the scan
// proof's end, the count query's answer, the finding lists read) and the run's settings. Fail
// closed: an image ends with an evaluation only when the counts and every list a limit needs were
// established; anything else is an error naming what was missing. A list read only to show or to
// report that cannot be used is a note, never a reason to pass or to fail.
import type { CountAnswer } from '../alibaba/counts.js';
import {
  CATEGORIES,
  CATEGORY_INFO,
  isVulnerability,
  type Category,
  type Counts,
} from '../core/categories.js';
import type { CategoryFindings } from '../core/count.js';
import { judgeList } from '../core/list-trust.js';
import type { LevelCounts } from '../core/findings.js';
import { planLists, type ListPlan, type ListPlanSettings } from '../core/plan.js';
import type { BaselineRef, ImageSelector } from '../core/selector.js';
import type { Finding } from '../core/findings.js';
import { evaluate, type Evaluation } from '../core/verdict.js';
import { describeError, GateError } from '../infra/errors.js';
import type { Config } from '../inputs/config.js';
import {
  applyPolicy,
  categoriesToRead,
  matchableCategories,
  type ImageScope,
  type PolicyApplication,
} from '../policy/accept.js';
import { countCategory } from '../policy/count-rule.js';
import type { Policy } from '../policy/policy-file.js';
import { imageScopeOf, type BaselineOutcome, type BaselineSplit } from './outcome.js';
import type { ListResult } from './read-lists.js';
import type { ScanOutcome } from './scan-proof.js';

export type Settled<T> = { value: T } | { error: unknown };

/** What was learnt about one image before judging it. */
export interface Evidence {
  /** RequestIds of the scan proof and of the UUID lookup, in order. */
  requestIds: string[];
  /** The scan proof's end (require-scan), when it ended with an answer. */
  scan?: ScanOutcome;
  /** What the count query and the lists were asked for (a tag pinned to the proven digest). */
  selector: ImageSelector;
  /** Why collecting ended before the counts (the proof's failure, say): the image is an error. */
  failure?: unknown;
  /** The count query's answer or failure; absent when the image was decided before it came. */
  count?: Settled<CountAnswer>;
  /** The lists read (up front, and on a fail), by category; absent: not read or not waited for. */
  lists: Partial<Record<Category, ListResult>>;
  /** Set exactly when the target has a baseline: what was learnt of the baseline image. */
  baseline?: BaselineEvidence;
}

/** What was learnt of an image's baseline (issue 18, "gating only new findings"). */
export interface BaselineEvidence {
  ref: BaselineRef;
  /** The repository a tag was looked up in, when known. */
  repoId?: string;
  /** The baseline image, proven scanned (lower-case bare hex). */
  digest?: string;
  /** Epoch ms of its completed scan. */
  scannedAt?: number;
  /** Security Center does not know it, or it was never scanned: gated on all findings. */
  reason?: string;
  /** Its scan state could not be established: the image is an error. */
  failure?: unknown;
  /** Its lists, read with the image's risk-status and ignore-unfixable, by category. */
  lists: Partial<Record<Category, ListResult>>;
  requestIds: string[];
}

/** What judging needs of the run's settings. */
export type JudgeSettings = Pick<
  Config,
  'limits' | 'ignoreUnfixable' | 'listFindings' | 'readEveryList' | 'policy' | 'today'
>;

/** The image's verdict and what the report shows beside it. */
export interface Judgement {
  /** Set exactly when there is no error. */
  evaluation?: Evaluation;
  error?: string;
  /** Every RequestId of the calls whose answers were used, in order; the failing call's last. */
  requestIds: string[];
  /** The count query's RequestId, or the failing call's. */
  requestId?: string;
  /** Digests whose counts were gated (bare hex); absent on an error. */
  gatedDigests?: string[];
  /** Lists kept for the report: whole for SARIF, else the findings to show. */
  lists: Partial<Record<Category, CategoryFindings>>;
  notes: string[];
  /** Per enforced or reported category: the list's findings at each level (what counts). */
  levels: Partial<Record<Category, LevelCounts>>;
  /** The policy file applied, per category it could apply to (outcome.ts's `policy`). */
  policy?: Partial<Record<Category, PolicyApplication>>;
  /** With a baseline used: per category compared, new, inherited and fixed. */
  comparison?: Partial<Record<Category, BaselineSplit>>;
  /** Set when the evidence has a baseline and the image is not an error. */
  baseline?: BaselineOutcome;
}

/**
 * For whom a plan is made: the whole run (the printed RAM policy: every list any image may read),
 * or one image, by the names known of it. `covers`: entries whose scope covers it for sure (what
 * the limits need); `may-cover`: also those that may once its names are known (what is read up
 * front, before the scan proof's rows name its repository).
 */
export interface PlanFor {
  image: ImageScope;
  rule: 'covers' | 'may-cover';
}

/**
 * The categories a policy file makes an image read whole (when enforced): those an entry in
 * force covering it could match (issue 18); without `target`, those of any image. An entry
 * scoped to other images costs this image neither a list nor a verdict. Without a date (settings
 * built by hand) every entry counts as in force: more is read, not less.
 */
export function policyCategories(
  settings: Pick<Config, 'policy' | 'today'>,
  target?: PlanFor,
): Category[] {
  if (!settings.policy) return [];
  return categoriesToRead(
    settings.policy,
    settings.today ?? new Date(0),
    target?.image,
    target?.rule,
  );
}

/** What core/plan.ts needs of the run's settings. */
export function planSettingsOf(
  settings: Pick<
    Config,
    'limits' | 'ignoreUnfixable' | 'listFindings' | 'readEveryList' | 'policy' | 'today'
  >,
  withBaseline = false,
  target?: PlanFor,
): ListPlanSettings {
  // With a baseline, every enforced vulnerability and baseline-risk category is counted from
  // lists (malicious files are always new: their count needs no comparison).
  const compared = withBaseline ? COMPARED : [];
  const policy = policyCategories(settings, target);
  const alsoRead = CATEGORIES.filter((c) => compared.includes(c) || policy.includes(c));
  return {
    limits: settings.limits,
    ignoreUnfixable: settings.ignoreUnfixable,
    sarif: settings.readEveryList === true,
    listFindings: settings.listFindings,
    ...(alsoRead.length > 0 ? { alsoRead } : {}),
  };
}

/** Which lists the run (or one image) reads, and why (core/plan.ts), from the run's settings. */
export function planOf(settings: JudgeSettings, withBaseline = false, target?: PlanFor): ListPlan {
  return planLists(planSettingsOf(settings, withBaseline, target));
}

/** The categories compared with a baseline: malicious files are always new. */
const COMPARED: readonly Category[] = CATEGORIES.filter((c) => c !== 'malicious-files');

/** The enforced categories compared with a baseline, under a plan made with one. */
export function compared(plan: ListPlan): Category[] {
  return COMPARED.filter((c) => plan.enforced.includes(c));
}

/** The names the image is known by so far, for entries' `images` scopes (outcome.ts). */
export function imageScope(e: Evidence): ImageScope {
  return imageScopeOf(e.selector, e.scan);
}

const label = (c: Category) => CATEGORY_INFO[c].label;

/**
 * Whether the answers so far already make the image an error, whatever the others still to come
 * say: a failed count query, or a list a limit needs that failed or cannot be trusted.
 */
export function decided(e: Evidence, enforced: readonly Category[]): boolean {
  if (e.failure !== undefined || (e.count && 'error' in e.count)) return true;
  const counts = e.count && 'value' in e.count ? e.count.value.counts : undefined;
  return enforced.some((c) => {
    const read = e.lists[c];
    if (!read) return false;
    if (!read.ok) return true;
    return counts !== undefined && 'problem' in judgeList(label(c), read, counts[c]);
  });
}

export function judge(e: Evidence, settings: JudgeSettings): Judgement {
  const j: Judgement = { requestIds: [...e.requestIds], lists: {}, notes: [], levels: {} };
  if (e.failure !== undefined) return failed(e.failure, j);
  if (e.count && 'error' in e.count) return failed(e.count.error, j);
  if (e.baseline?.failure !== undefined) {
    j.requestIds.push(...e.baseline.requestIds);
    return failed(e.baseline.failure, j);
  }
  const used = e.baseline !== undefined && e.baseline.reason === undefined;
  const scope = imageScope(e);
  // What this image's limits need: entries scoped to other images need nothing of it.
  const plan = planOf(settings, used, { image: scope, rule: 'covers' });
  // Decided by a list before the count query answered: that list's failure is the error.
  if (!e.count)
    return failed(listFailure(e, plan, j) ?? new GateError('The count query was not answered.'), j);
  try {
    const answer = e.count.value;
    if (answer.requestId) j.requestIds.push(answer.requestId);
    j.requestId = answer.requestId;
    j.gatedDigests = e.selector.digest ? [e.selector.digest] : (e.scan?.digests ?? []);
    const policy = settings.policy;
    // Categories not off that an entry could match, expired or scoped to other images too: their
    // lists are kept whole when read, and the policy applied to them (what an entry matched, or
    // that it was checked and matched nothing). Those enforced are counted with what the policy
    // accepts taken out (when an entry in force covering the image could match, the plan reads
    // them up front).
    const covering = policy
      ? policyCategoriesOf(policy).filter((c) => !settings.limits[c].off)
      : [];
    const applying = covering.filter((c) => plan.enforced.includes(c));
    // With a baseline used: the enforced categories compared, read whole for both images.
    const compared = used ? COMPARED.filter((c) => plan.enforced.includes(c)) : [];
    for (const c of plan.upFront) {
      const whole = covering.includes(c) || compared.includes(c);
      const levels = keep(c, e, answer, plan.enforced.includes(c), settings, j, whole);
      if (levels) j.levels[c] = levels;
    }
    if (e.baseline) {
      j.requestIds.push(...e.baseline.requestIds);
      j.baseline = baselineOutcome(e.baseline);
    }
    const counts: Counts = { ...answer.counts };
    // The order of issue 18: read → apply the policy file → compare with the baseline → judge.
    for (const c of CATEGORIES) {
      const applies = policy !== undefined && applying.includes(c);
      if (!applies && !compared.includes(c)) continue;
      const list = j.lists[c];
      if (!list) throw new GateError(`The ${label(c)} list was not read whole.`);
      const application = applies
        ? applyPolicy(list.findings, {
            policy,
            category: c,
            image: scope,
            today: todayOf(settings),
          })
        : undefined;
      if (application) (j.policy ??= {})[c] = application;
      const base = compared.includes(c) ? baselineList(e, c, j) : undefined;
      const counted = countCategory({
        category: c,
        findings: list.findings,
        ...(application ? { application } : {}),
        ...(base ? { baseline: base } : {}),
        // Under ignore-unfixable a vulnerability list is the count (the count query's total
        // holds the unfixable findings it leaves out): the total is the list's.
        ...(settings.ignoreUnfixable && isVulnerability(c)
          ? {}
          : { countQueryTotal: answer.counts[c] }),
      });
      counts[c] = counted.total;
      j.levels[c] = counted.levels;
      if (counted.baseline) (j.comparison ??= {})[c] = counted.baseline;
    }
    j.evaluation = evaluate(counts, settings.limits, {
      levels: j.levels,
      ignoreUnfixable: settings.ignoreUnfixable,
    });
    // Read only to show what to fix: its gaps are notes.
    if (j.evaluation.result === 'fail')
      for (const c of plan.onFail) keep(c, e, answer, false, settings, j, covering.includes(c));
    if (policy) showExpired(covering, applying, policy, scope, settings, j);
    return j;
  } catch (err) {
    return failed(err, j);
  }
}

/**
 * Lists read anyway (for the SARIF log, or to show what to fix) of a category no entry in force
 * covering the image could match: a finding an expired entry matches is shown with it
 * ("acceptance expired on …") and counted in its `matched`. They count as before: no entry in
 * force can match them (it would have made the category enforced), and if one did the image is
 * an error.
 */
function showExpired(
  covering: readonly Category[],
  applying: readonly Category[],
  policy: Policy,
  scope: ImageScope,
  settings: JudgeSettings,
  j: Judgement,
): void {
  for (const c of covering) {
    const list = j.lists[c];
    if (applying.includes(c) || !list) continue;
    const shown = applyPolicy(list.findings, {
      policy,
      category: c,
      image: scope,
      today: todayOf(settings),
    });
    if (shown.accepted.length > 0)
      throw new GateError(`The policy file accepted ${label(c)} findings that are not counted.`);
    (j.policy ??= {})[c] = shown;
  }
}

/** The categories the policy's entries could match, expired ones too. */
function policyCategoriesOf(policy: Policy): Category[] {
  const wanted = new Set(policy.entries.flatMap(matchableCategories));
  return CATEGORIES.filter((c) => wanted.has(c));
}

/** The baseline image's findings of a category: read whole, or the image is an error. */
function baselineList(e: Evidence, c: Category, j: Judgement): readonly Finding[] {
  const read = e.baseline?.lists[c];
  if (read) j.requestIds.push(...read.requestIds);
  if (!read) throw new GateError(`The baseline image's ${label(c)} list was not read.`);
  if (!read.ok) throw new GateError(`The baseline image's ${label(c)} list: ${read.problem}`);
  return read.list.findings;
}

/** Which baseline the image was compared with, or why none was. */
function baselineOutcome(b: BaselineEvidence): BaselineOutcome {
  const repo = b.repoId !== undefined ? { repoId: b.repoId } : {};
  if (b.reason !== undefined || b.digest === undefined)
    return { used: false, ref: b.ref, ...repo, reason: b.reason ?? 'the baseline is unknown' };
  return {
    used: true,
    ref: b.ref,
    ...repo,
    digest: b.digest,
    ...(b.scannedAt !== undefined ? { scannedAt: b.scannedAt } : {}),
  };
}

/** Today for the policy's expiry rules: handed in with the settings, never read here. */
function todayOf(settings: JudgeSettings): Date {
  if (!settings.today) throw new GateError('No date was given to apply the policy file on.');
  return settings.today;
}

/** The image is an error: no evaluation, no gated digest, the failing call's RequestId last. */
function failed(err: unknown, j: Judgement): Judgement {
  delete j.evaluation;
  delete j.gatedDigests;
  delete j.policy;
  delete j.comparison;
  delete j.baseline;
  j.error = describeError(err);
  if (err instanceof GateError && err.requestId) j.requestIds.push(err.requestId);
  // The last call's RequestId is the one support needs for this error.
  j.requestId = j.requestIds.at(-1);
  return j;
}

/** The first list a limit needs that failed, its RequestIds and those before it taken. */
function listFailure(e: Evidence, plan: ListPlan, j: Judgement): GateError | undefined {
  for (const c of plan.upFront) {
    const read = e.lists[c];
    if (!read) continue;
    j.requestIds.push(...read.requestIds);
    if (!read.ok && plan.enforced.includes(c)) return new GateError(read.problem);
  }
  return undefined;
}

/**
 * Keeps a read list for the report, or says why not: an error (thrown) for a list the limits
 * need, a note for one read only to show or to report. Returns its level counts when kept.
 */
function keep(
  category: Category,
  e: Evidence,
  answer: CountAnswer,
  enforced: boolean,
  settings: JudgeSettings,
  j: Judgement,
  whole = false,
): LevelCounts | undefined {
  const read = e.lists[category];
  if (!read) return undefined;
  j.requestIds.push(...read.requestIds);
  const judged = judgeList(label(category), read, answer.counts[category]);
  if ('problem' in judged) {
    if (enforced) throw new GateError(judged.problem);
    j.notes.push(judged.problem);
    return undefined;
  }
  // Only what is shown stays in memory, unless the SARIF log reports every finding or the
  // policy file is applied to the list (its accepted findings are recognised by identity).
  const list = judged.keep;
  j.lists[category] =
    settings.readEveryList === true || whole
      ? list
      : { ...list, findings: list.findings.slice(0, settings.listFindings), unfixable: [] };
  j.notes.push(...judged.notes);
  return list.levels;
}
