// Collects one image's evidence through the Security Center port: the scan proof, the count
// query and the finding lists the plan (core/plan.ts) names. Judging is judge.ts's; this module
// only decides what to ask, when, and which answers to keep.
//
// Latency: with a digest, the proof's first request goes out first, then the count query and the
// lists go out with it instead of after it. Their answers are used only when the proof found the
// scan complete at once and that scan finished at least a minute before Security Center gave
// them (acceptsEarly in scan-state.ts); otherwise they are asked again after the proof. What was
// not sent early goes out as soon as the proof ends. The baseline list needs the image's UUID,
// which the proof's row gives: it is not sent early unless the UUID is known.
//
// Baseline (issue 18): the baseline image's proof runs beside the image's own. The lists only a
// comparison needs are asked once that proof shows the baseline usable: a baseline Security
// Center does not know, or never scanned, gates the image as without one, and a list it would
// have needed can then never make the image an error. A tag is looked up in the image's
// repository: its repo-id, else the repository the image's own rows name.
//
// Stopping: once the answers decide the image (a failed count query, a failed list a limit needs)
// or the image is done, every request still in flight for it is aborted; nothing that no longer
// matters holds the step open.
import type { CountAnswer, CountQuery } from '../alibaba/counts.js';
import type { ImageFacts } from '../alibaba/list-target.js';
import type { Category } from '../core/categories.js';
import type { ListPlan } from '../core/plan.js';
import type { ImageSelector, ImageTarget } from '../core/selector.js';
import { GateError } from '../infra/errors.js';
import type { Config } from '../inputs/config.js';
import {
  compared,
  decided,
  imageScope,
  judge,
  planOf,
  type BaselineEvidence,
  type Evidence,
  type PlanFor,
  type Settled,
} from './judge.js';
import type { ListResult } from './read-lists.js';
import type { ScanOutcome } from './scan-proof.js';
import type { SecurityCenterPort } from './sas-port.js';
import { acceptsEarly } from './scan-state.js';

export type { Evidence, Settled } from './judge.js';

/** What collecting needs of the run's settings. */
export type CollectSettings = Pick<
  Config,
  | 'scan'
  | 'limits'
  | 'ignoreUnfixable'
  | 'listFindings'
  | 'readEveryList'
  | 'riskStatus'
  | 'scanRange'
  | 'instanceUuids'
  | 'policy'
  | 'today'
>;

/** The reason the image's remaining requests are aborted with (never shown: nobody awaits them). */
export class Stopped extends GateError {
  constructor() {
    super("stopped: the image's verdict no longer depends on this request");
    this.name = 'Stopped';
  }
}

function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** Answers asked together. */
interface Asked {
  count?: Promise<Settled<CountAnswer>>;
  lists: Map<Category, Promise<ListResult>>;
}

/** One image's collection: what to ask through the port, and the answers kept until it is decided. */
class Collection {
  readonly evidence: Evidence;
  /** The lists read: without a baseline's comparison until the baseline is shown usable. */
  plan: ListPlan;
  /** The plan with the baseline's comparison (the plan itself when the image has no baseline). */
  readonly withBaseline: ListPlan;
  private readonly stop = new AbortController();
  private readonly pending: Array<Promise<void>> = [];
  /** The baseline was shown usable: its comparison's lists are needed. */
  private compares = false;
  private uuid: string | undefined;
  private uuidProblem: string | undefined;
  /** What the image's own rows say (UUID, repository): list rows that say otherwise are another's. */
  private facts: Promise<ImageFacts | undefined> | undefined;

  constructor(
    private readonly target: ImageTarget,
    private readonly settings: CollectSettings,
    private readonly port: SecurityCenterPort,
  ) {
    this.evidence = { requestIds: [], selector: target.selector, lists: {} };
    // Read up front: what the limits may need once the image's names are all known (a policy
    // entry scoped by repo-id may cover an image chosen by digest: its rows will tell).
    const upFront: PlanFor = { image: imageScope(this.evidence), rule: 'may-cover' };
    this.plan = planOf(settings, false, upFront);
    this.withBaseline = target.baseline ? planOf(settings, true, upFront) : this.plan;
    this.uuid = target.selector.uuid;
    const given = target.selector.uuid;
    this.facts = given ? Promise.resolve({ uuid: given }) : undefined;
  }

  /** The proof's row facts, once it answers (an image-uuid given wins over the rows' UUID). */
  factsFrom(proof: Promise<Settled<ScanOutcome>>): void {
    const given = this.target.selector.uuid;
    this.facts = proof.then((p) =>
      'value' in p ? { ...p.value.rowFacts, ...(given ? { uuid: given } : {}) } : undefined,
    );
  }

  get signal(): AbortSignal {
    return this.stop.signal;
  }

  /** Aborts whatever is still in flight for this image. */
  end(): void {
    if (!this.stop.signal.aborted) this.stop.abort(new Stopped());
  }

  ask(selector: ImageSelector, categories: readonly Category[], withCount: boolean): Asked {
    const asked: Asked = { lists: new Map() };
    const { endpoint } = this.target;
    if (withCount) {
      const query: CountQuery = {
        selector,
        scanRange: this.settings.scanRange,
        instanceUuids: this.settings.instanceUuids,
        riskStatus: this.settings.riskStatus,
      };
      asked.count = settle(this.port.countQuery(endpoint, query, this.signal));
    }
    const spec = {
      endpoint,
      selector,
      uuid: this.uuid,
      uuidProblem: this.uuidProblem,
      facts: this.facts,
    };
    const opts = {
      riskStatus: this.settings.riskStatus,
      ignoreUnfixable: this.settings.ignoreUnfixable,
    };
    for (const c of categories) {
      const read = this.port.readList(c, spec, opts, this.signal);
      // Taken later (or never, when the image ends first): none may go unhandled meanwhile.
      read.catch(() => undefined);
      asked.lists.set(c, read);
    }
    return asked;
  }

  /** Keeps the answer the verdict will use, unless the image was decided before it came. */
  keepCount(answer: Promise<Settled<CountAnswer>>): void {
    this.track(answer, (count) => (this.evidence.count = count));
  }

  keepList(category: Category, result: Promise<ListResult>): void {
    this.track(result, (r) => (this.evidence.lists[category] = r));
  }

  keepAll(asked: Asked): void {
    if (asked.count) this.keepCount(asked.count);
    for (const [c, p] of asked.lists) this.keepList(c, p);
  }

  private track<T>(answer: Promise<T>, keep: (value: T) => void): void {
    const kept = answer.then(
      (value) => {
        if (this.signal.aborted) return;
        keep(value);
        if (decided(this.evidence, this.needed())) this.end();
      },
      (err: unknown) => {
        // Not an answer but a fault of the collection itself: the image is an error.
        if (this.signal.aborted) return;
        this.evidence.failure ??= err;
        this.end();
      },
    );
    this.pending.push(kept);
  }

  /** Every answer kept, or the image decided (then what is still in flight does not count). */
  async settled(): Promise<void> {
    const stopped = new Promise<void>((resolve) => {
      if (this.signal.aborted) resolve();
      else this.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await Promise.race([Promise.all(this.pending), stopped]);
  }

  /**
   * The baseline is usable: its comparison's plan applies from now on (a list read only to
   * show that a comparison now needs whole may decide the image). Returns the lists to ask.
   */
  useBaseline(): Category[] {
    const more = this.withBaseline.upFront.filter((c) => !this.plan.upFront.includes(c));
    this.plan = this.withBaseline;
    this.compares = true;
    if (decided(this.evidence, this.needed())) this.end();
    return more;
  }

  /**
   * The lists whose failure makes the image an error, by what is known of it now (judge.ts
   * decides with the same rule once all is in): a policy entry only once it surely covers the
   * image. Deciding later than possible only costs time; never earlier than judge would.
   */
  private needed(): Category[] {
    const image = imageScope(this.evidence);
    return planOf(this.settings, this.compares, { image, rule: 'covers' }).enforced;
  }

  /** Once the proof is in, and before the first answer is kept. */
  proven(scanUuid: string | undefined): void {
    this.uuid ??= scanUuid;
  }

  async lookUpUuid(): Promise<void> {
    // The baseline's comparison may add the list later: the widest plan decides.
    if (!this.withBaseline.upFront.includes('baseline-risks') || this.uuid) return;
    const found = await this.port.lookUpUuid(this.target.endpoint, this.evidence.selector);
    this.evidence.requestIds.push(...found.requestIds);
    this.uuid = found.uuid;
    this.uuidProblem = found.problem;
  }

  hasUuid(): boolean {
    return this.uuid !== undefined;
  }
}

/**
 * One image's evidence. Never rejects: whatever ends the collection early is the evidence's
 * `failure`, and judge() makes it the image's error.
 */
export async function collectEvidence(
  target: ImageTarget,
  settings: CollectSettings,
  port: SecurityCenterPort,
): Promise<Evidence> {
  const run = new Collection(target, settings, port);
  const { evidence } = run;
  // The proof's first request goes out first, so it never queues behind the others.
  const proof = settings.scan.require
    ? settle(port.proveScanned(target.endpoint, evidence.selector))
    : undefined;
  if (proof) run.factsFrom(proof);
  // The image's own rows, for the repository a baseline tag is looked up in: the proof's, or
  // (without the proof) one listing of the image.
  const rows = proof
    ? () => proof.then((p) => ('value' in p ? p.value : undefined))
    : () =>
        port.proveScanned(target.endpoint, evidence.selector, true).then(
          (found) => found,
          () => undefined,
        );
  // The baseline's proof and lists run in parallel with the image's own.
  const baseline = target.baseline
    ? collectBaseline(target, settings, port, run.withBaseline, run.signal, rows)
    : undefined;
  try {
    if (proof) await withProof(run, proof);
    else {
      await run.lookUpUuid();
      run.keepAll(run.ask(evidence.selector, run.plan.upFront, true));
    }
    if (evidence.failure !== undefined) run.end();
    // A usable baseline: the lists only its comparison needs go out now, pinned to the proof.
    if (baseline && !run.signal.aborted && (await baseline.usable) && !run.signal.aborted) {
      const more = run.useBaseline();
      if (more.length > 0 && !run.signal.aborted)
        run.keepAll(run.ask(evidence.selector, more, false));
    }
    await run.settled();
    if (baseline && evidence.failure === undefined) evidence.baseline = await baseline.evidence;
    if (!run.signal.aborted && evidence.failure === undefined) await readOnFail(run, settings);
  } catch (err) {
    evidence.failure ??= err;
  } finally {
    run.end();
  }
  // Nothing that arrives after this can change it: answers after the stop are not kept.
  return evidence;
}

/** A baseline being collected: whether it is usable (known after its proof), and all of it. */
interface BaselineCollection {
  /** True once the baseline is proven scanned; false when it cannot be used or failed. */
  usable: Promise<boolean>;
  /** Never rejects. */
  evidence: Promise<BaselineEvidence>;
}

/**
 * The baseline image: looked up (a tag in the gated image's repository, or a digest), shown
 * scanned without waiting or starting a scan, and its compared lists read whole.
 */
function collectBaseline(
  target: ImageTarget,
  settings: CollectSettings,
  port: SecurityCenterPort,
  plan: ListPlan,
  signal: AbortSignal,
  imageRows: () => Promise<ScanOutcome | undefined>,
): BaselineCollection {
  let proven: (usable: boolean) => void = () => undefined;
  const usable = new Promise<boolean>((resolve) => (proven = resolve));
  const ref = target.baseline as NonNullable<ImageTarget['baseline']>;
  const b: BaselineEvidence = { ref, lists: {}, requestIds: [] };
  const what = 'tag' in ref ? `tag "${ref.tag}"` : `sha256:${ref.digest}`;
  const collect = async (): Promise<void> => {
    const repo = await baselineRepository(target, imageRows);
    if (typeof repo === 'string') {
      b.failure = new GateError(repo);
      return;
    }
    if (repo.repoId !== undefined) b.repoId = repo.repoId;
    const selector: ImageSelector =
      'tag' in ref ? { tag: ref.tag, ...repo } : { digest: ref.digest, ...repo };
    const scan = await port.proveScanned(target.endpoint, selector, true);
    b.requestIds.push(...scan.requestIds);
    if (scan.digests.length > 1) {
      b.failure = new GateError(
        `The baseline image (${what}) names ${scan.digests.length} images in Security Center: give baseline-image-digest.`,
      );
      return;
    }
    if (scan.status === 'scanned' && scan.digests.length === 1) {
      b.digest = scan.digests[0];
      if (scan.scannedAt !== undefined) b.scannedAt = scan.scannedAt;
    } else if (scan.digests.length === 0) {
      b.reason = `Security Center does not know the baseline image (${what}): every finding was gated.`;
      return;
    } else if (scan.status === 'scanning') {
      // Its scan state is known: a scan is running, whose result is not there to compare with.
      b.reason = `The baseline image (${what}) is being scanned, so there is no finished scan to compare with: every finding was gated.`;
      return;
    } else if (scan.status === 'not-scanned') {
      // Never scanned, or its last scan failed or is older than max-scan-age: no scan to trust.
      b.reason = `The baseline image (${what}) has no completed scan to compare with (never scanned, its last scan failed, or it is older than max-scan-age): every finding was gated.`;
      return;
    } else {
      b.failure = new GateError(
        `The baseline image (${what}): ${scan.problem ?? `its scan state is ${scan.status}`}`,
      );
      return;
    }
    proven(true);
    const spec = {
      endpoint: target.endpoint,
      selector: { digest: b.digest, ...repo },
      uuid: scan.uuid,
      facts: Promise.resolve(scan.rowFacts),
    };
    const opts = { riskStatus: settings.riskStatus, ignoreUnfixable: settings.ignoreUnfixable };
    await Promise.all(
      compared(plan).map(async (c) => {
        b.lists[c] = await port.readList(c, spec, opts, signal);
      }),
    );
  };
  const evidence = collect().then(
    () => b,
    (err: unknown) => {
      b.failure ??= GateError.within(`The baseline image (${what})`, err);
      return b;
    },
  );
  // Settles `usable` false whenever the baseline ended unusable (a second call does nothing).
  void evidence.then(() => proven(false));
  return { usable, evidence };
}

/** Repository filters of a selector (only those given). */
type RepositoryFilters = Pick<ImageSelector, 'repoId' | 'repoInstanceId' | 'repoRegionId'>;

/**
 * Where the baseline is looked up: the image's repository selectors; without a repo-id, the
 * repository the image's own Security Center rows agree on. A string: why none can be named
 * (the image is an error: a tag looked up registry-wide could be any repository's `main`).
 */
async function baselineRepository(
  target: ImageTarget,
  imageRows: () => Promise<ScanOutcome | undefined>,
): Promise<RepositoryFilters | string> {
  const { repoId, repoInstanceId, repoRegionId } = target.selector;
  const given: RepositoryFilters = {
    ...(repoId !== undefined ? { repoId } : {}),
    ...(repoInstanceId !== undefined ? { repoInstanceId } : {}),
    ...(repoRegionId !== undefined ? { repoRegionId } : {}),
  };
  const ref = target.baseline;
  // A registry instance holds many repositories, each with its own `main`: only a repository
  // id (given, or the one the image's rows name) says which. A digest is looked up there too:
  // an image of another repository is not this image's baseline.
  if (!ref || repoId !== undefined) return given;
  const rows = await imageRows();
  if (rows?.repository?.repoId) return { ...rows.repository, ...given };
  const input =
    'tag' in ref ? `baseline-image-tag "${ref.tag}"` : `baseline-image-digest sha256:${ref.digest}`;
  return `${input} is looked up in the gated image's repository, and ${
    rows
      ? "Security Center's rows for the image name no single repository (RepoId)"
      : "the image's rows could not be listed"
  }: give the image's repo-id.`;
}

/** The proof, with the count query and the lists sent early when the digest is known. */
async function withProof(run: Collection, proofP: Promise<Settled<ScanOutcome>>): Promise<void> {
  const { evidence, plan } = run;
  const first = evidence.selector;
  // The baseline list needs the image's UUID, which the proof's row gives: not sent early.
  const before = run.hasUuid() ? plan.upFront : plan.upFront.filter((c) => c !== 'baseline-risks');
  const early = first.digest ? run.ask(first, before, true) : undefined;
  const proved = await proofP;
  if ('error' in proved) {
    evidence.failure = proved.error;
    return;
  }
  const scan = proved.value;
  evidence.scan = scan;
  evidence.requestIds.push(...scan.requestIds);
  if (scan.problem !== undefined || scan.status !== 'scanned') {
    evidence.failure = new GateError(
      scan.problem ?? `The scan state is ${scan.status}, not scanned.`,
    );
    return;
  }
  // Pin the later queries to what was checked: a tag that moves meanwhile cannot swap images.
  if (!first.digest && scan.digests.length === 1)
    evidence.selector = { ...first, digest: scan.digests[0] };
  run.proven(scan.uuid);
  const pinned = evidence.selector;
  // What was not sent early goes out now; an early answer that may describe an earlier scan
  // than the one proven is asked again.
  run.keepAll(
    run.ask(
      pinned,
      plan.upFront.filter((c) => !early?.lists.has(c)),
      !early,
    ),
  );
  if (!early) return;
  const again = (categories: Category[], withCount: boolean) =>
    run.ask(pinned, categories, withCount);
  if (early.count)
    run.keepCount(
      early.count.then((counted) =>
        'value' in counted && acceptsEarly(scan, counted.value.serverTime)
          ? counted
          : (again([], true).count as Promise<Settled<CountAnswer>>),
      ),
    );
  for (const [c, pending] of early.lists) {
    const redo = () => again([c], false).lists.get(c) as Promise<ListResult>;
    run.keepList(
      c,
      pending.then((r) => (r.ok && acceptsEarly(scan, r.answeredAt) ? r : redo())),
    );
  }
}

/** An image over its limits shows what to fix: the lists not read yet are read to list them. */
async function readOnFail(run: Collection, settings: CollectSettings): Promise<void> {
  const rest = run.plan.onFail;
  if (rest.length === 0 || judge(run.evidence, settings).evaluation?.result !== 'fail') return;
  run.keepAll(run.ask(run.evidence.selector, rest, false));
  await run.settled();
}
