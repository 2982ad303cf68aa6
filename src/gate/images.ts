// Gates each image: prove it was scanned, query its counts, read the finding lists its limits
// need, and evaluate. One image's failure never hides the others: every image ends with either
// an evaluation or an error, and never both.
//
// Latency: with a digest, the count query and the finding lists go out together with the scan
// proof instead of after it. Their answers are used only when the proof found the scan complete
// at once and that scan finished at least a minute before Security Center gave them (see
// acceptsEarly in scan-state.ts); otherwise they are asked again after the proof.
import type { AcsClient } from '../alibaba/client.js';
import { describeImageSecurityScanCount, type CountAnswer } from '../alibaba/counts.js';
import { scanApi } from '../alibaba/scan-api.js';
import { CATEGORIES, CATEGORY_INFO, type Category, type Counts } from '../core/categories.js';
import { sleep, type Deadline } from '../infra/deadline.js';
import { describeError, GateError } from '../infra/errors.js';
import type { LevelCounts } from '../core/findings.js';
import type { Config } from '../inputs/config.js';
import type { Logger } from '../infra/log.js';
import type { ListResult } from './read-lists.js';
import type { ImageOutcome } from './outcome.js';
import { ensureScanned, type ScanContext, type StartedScan } from './scan-proof.js';
import { acceptsEarly } from './scan-state.js';
import type { ImageSelector, ImageTarget } from '../core/selector.js';
import { Slots } from '../infra/slots.js';
import { enforcedFromList, evaluate } from '../core/verdict.js';

export interface GateContext {
  client: AcsClient;
  deadline: Deadline;
  log: Logger;
  /** Scan tasks started in this run, by digest, shared by every image. */
  triggered: Map<string, Promise<StartedScan>>;
  /** The finding-list code, loaded on first use only. */
  lists: () => Promise<typeof import('./read-lists.js')>;
  /** Runs a wait without holding the image's turn. */
  idle?: (wait: () => Promise<void>) => Promise<void>;
}

type Settled<T> = { value: T } | { error: unknown };

function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** Answers asked together. */
interface Reads {
  count?: Promise<Settled<CountAnswer>>;
  lists: Map<Category, Promise<ListResult>>;
}

export async function gateImage(
  target: ImageTarget,
  config: Config,
  ctx: GateContext,
): Promise<ImageOutcome> {
  const outcome: ImageOutcome = { target, requestIds: [], lists: {}, notes: [] };
  const enforce = CATEGORIES.filter((c) =>
    enforcedFromList(c, config.limits[c], config.ignoreUnfixable),
  );
  // SARIF (and any report of every finding): then every list is read for every image.
  const wanted = config.readEveryList === true ? [...CATEGORIES] : enforce;
  // Why a lookup found no UUID for the baseline list, to say so if that list is needed.
  let uuidProblem: string | undefined;
  const ask = async (
    selector: ImageSelector,
    uuid: string | undefined,
    categories: Category[],
    withCount: boolean,
  ): Promise<Reads> => {
    const reads: Reads = { lists: new Map() };
    if (withCount) reads.count = settle(countQuery(ctx.client, target, selector, config));
    if (categories.length > 0) {
      const lists = await ctx.lists();
      const spec = { endpoint: target.endpoint, selector, uuid, uuidProblem };
      const opts = { riskStatus: config.riskStatus, ignoreUnfixable: config.ignoreUnfixable };
      for (const c of categories)
        reads.lists.set(c, lists.readFindingList(ctx.client, c, spec, opts));
    }
    return reads;
  };

  try {
    let selector = target.selector;
    let uuid = selector.uuid;
    // The answers the verdict will use, by what they answer.
    let countP: Promise<Settled<CountAnswer>> | undefined;
    const listP = new Map<Category, Promise<ListResult | undefined>>();
    const keep = (c: Category, p: Promise<ListResult | undefined>) => {
      // Awaited in category order below; none may go unhandled if an earlier one ends the image.
      p.catch(() => undefined);
      listP.set(c, p);
    };
    const take = (reads: Reads) => {
      if (reads.count) countP = reads.count;
      for (const [c, p] of reads.lists) keep(c, p);
    };
    if (config.scan.require) {
      // The proof's first request goes out first, so it never queues behind the early reads.
      const proofP = settle(ensureScanned(selector, target.endpoint, scanContext(config, ctx)));
      // The baseline list needs the image's UUID, which the proof's row gives: not sent early.
      const before = uuid ? wanted : wanted.filter((c) => c !== 'baseline-risks');
      const early = selector.digest ? await ask(selector, uuid, before, true) : undefined;
      const proved = await proofP;
      if ('error' in proved) throw proved.error;
      const scan = proved.value;
      outcome.scan = scan;
      outcome.requestIds.push(...scan.requestIds);
      if (scan.problem !== undefined || scan.status !== 'scanned') {
        throw new GateError(scan.problem ?? `The scan state is ${scan.status}, not scanned.`);
      }
      // Pin the later queries to what was checked: a tag that moves meanwhile cannot swap images.
      if (!selector.digest && scan.digests.length === 1)
        selector = { ...selector, digest: scan.digests[0] };
      uuid ??= scan.uuid;
      const pinned = selector;
      const scanUuid = uuid;
      // What was not sent early goes out now; an early answer that may describe an earlier scan
      // than the one proven is asked again.
      take(
        await ask(
          pinned,
          scanUuid,
          wanted.filter((c) => !early?.lists.has(c)),
          !early,
        ),
      );
      if (early) {
        const counted = await early.count;
        countP =
          counted && 'value' in counted && acceptsEarly(scan, counted.value.serverTime)
            ? Promise.resolve(counted)
            : (await ask(pinned, scanUuid, [], true)).count;
        for (const [c, pending] of early.lists) {
          const redo = async () => (await ask(pinned, scanUuid, [c], false)).lists.get(c);
          keep(
            c,
            pending.then((r) => (r.ok && acceptsEarly(scan, r.answeredAt) ? r : redo())),
          );
        }
      }
    } else {
      if (wanted.includes('baseline-risks') && !uuid) {
        const lists = await ctx.lists();
        const found = await lists.lookUpUuid(scanApi(ctx.client), target.endpoint, selector);
        outcome.requestIds.push(...found.requestIds);
        uuid = found.uuid;
        uuidProblem = found.problem;
      }
      take(await ask(selector, uuid, wanted, true));
    }
    const counted = await countP;
    if (!counted) throw new GateError('The count query was not sent.');
    if ('error' in counted) throw counted.error;
    const answer = counted.value;
    if (answer.requestId) outcome.requestIds.push(answer.requestId);
    outcome.requestId = answer.requestId;
    outcome.gatedDigests = selector.digest ? [selector.digest] : (outcome.scan?.digests ?? []);

    const levels: Partial<Record<Category, LevelCounts>> = {};
    for (const c of wanted) {
      const result = await listP.get(c);
      const kept = await keepList(
        c,
        result,
        answer.counts,
        outcome,
        ctx,
        enforce.includes(c),
        config,
      );
      if (kept) levels[c] = kept;
    }
    outcome.evaluation = evaluate(answer.counts, config.limits, {
      levels,
      ignoreUnfixable: config.ignoreUnfixable,
    });
    // An image over its limits shows what to fix: the lists not read yet are read to list them.
    if (outcome.evaluation.result === 'fail' && config.listFindings > 0) {
      const rest = CATEGORIES.filter((c) => !wanted.includes(c));
      const shown = await ask(selector, uuid, rest, false);
      for (const c of rest)
        await keepList(c, await shown.lists.get(c), answer.counts, outcome, ctx, false, config);
    }
  } catch (err) {
    outcome.evaluation = undefined;
    outcome.gatedDigests = undefined;
    outcome.error = describeError(err);
    // The check was required but could not finish: say so, not "not checked".
    if (config.scan.require && !outcome.scan) {
      outcome.scan = { status: 'unknown', digests: [], requestIds: [], polls: 0 };
    }
    if (err instanceof GateError && err.requestId) outcome.requestIds.push(err.requestId);
    // The last call's RequestId is the one support needs for this error.
    outcome.requestId = outcome.requestIds.at(-1);
  }
  return outcome;
}

/**
 * Keeps a read list on the outcome, or says why not: an error for a list the limits need (the
 * image cannot pass without it), a note for one read only to show or to report.
 */
async function keepList(
  category: Category,
  result: ListResult | undefined,
  counts: Counts,
  outcome: ImageOutcome,
  ctx: GateContext,
  enforced: boolean,
  config: Config,
): Promise<LevelCounts | undefined> {
  if (!result) return undefined;
  outcome.requestIds.push(...result.requestIds);
  const label = CATEGORY_INFO[category].label;
  const judged = (await ctx.lists()).judgeList(label, result, counts[category]);
  if ('problem' in judged) {
    if (enforced) throw new GateError(judged.problem);
    outcome.notes.push(judged.problem);
    return undefined;
  }
  // Only what is shown stays in memory, unless a report of every finding is written.
  const list = judged.keep;
  outcome.lists[category] =
    config.readEveryList === true
      ? list
      : { ...list, findings: list.findings.slice(0, config.listFindings), unfixable: [] };
  outcome.notes.push(...judged.notes);
  return judged.keep.levels;
}

function countQuery(
  client: AcsClient,
  target: ImageTarget,
  selector: ImageSelector,
  config: Config,
): Promise<CountAnswer> {
  return describeImageSecurityScanCount(client, target.endpoint, {
    selector,
    scanRange: config.scanRange,
    instanceUuids: config.instanceUuids,
    riskStatus: config.riskStatus,
  });
}

function scanContext(config: Config, ctx: GateContext): ScanContext {
  return {
    api: scanApi(ctx.client),
    deadline: ctx.deadline,
    log: ctx.log,
    settings: config.scan,
    triggered: ctx.triggered,
    now: Date.now,
    sleep,
    random: Math.random,
    idle: ctx.idle,
  };
}

/** Filters that narrow what is counted without naming the image: zeros may mean "nothing selected". */
function narrowsCounts(target: ImageTarget, config: Config): boolean {
  return (
    target.selector.clusterId !== undefined ||
    config.instanceUuids.length > 0 ||
    config.scanRange.length > 0
  );
}

export async function gateImages(
  config: Config,
  client: AcsClient,
  log: Logger,
  deadline: Deadline,
): Promise<ImageOutcome[]> {
  let listCode: Promise<typeof import('./read-lists.js')> | undefined;
  const shared = {
    client,
    deadline,
    log,
    triggered: new Map<string, Promise<StartedScan>>(),
    lists: () => (listCode ??= import('./read-lists.js')),
  };
  // max-concurrency images work at a time (which also keeps memory flat with hundreds of
  // images); an image waiting for its scan gives up its turn, so it never holds up the others.
  const turns = new Slots(config.maxConcurrency);
  return Promise.all(
    config.images.map(async (target, index) => {
      let release = await turns.acquire();
      const idle = async (wait: () => Promise<void>) => {
        release();
        try {
          await wait();
        } finally {
          release = await turns.acquire();
        }
      };
      let outcome: ImageOutcome;
      try {
        outcome = await gateImage(target, config, { ...shared, idle });
      } finally {
        release();
      }
      const label = config.images.length > 1 ? `image ${index + 1}` : 'image';
      const evaluation = outcome.evaluation;
      if (evaluation) {
        const counts = CATEGORIES.map((c) => evaluation.categories[c].count);
        if (narrowsCounts(target, config) && counts.every((n) => n === 0)) {
          log.warning(
            `${config.images.length > 1 ? label : 'the image'}: every count is 0 with cluster-id, instance-uuids or scan-range narrowing the query. A value that selects nothing also counts 0: check those inputs.`,
          );
        }
        log.info(
          `${label}: ${evaluation.result} (baseline/malicious/sca/cve = ${counts.join('/')}) at ${target.endpoint.site}`,
        );
      } else {
        log.info(`${label}: error: ${outcome.error}`);
      }
      return outcome;
    }),
  );
}
