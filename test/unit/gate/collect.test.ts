// collect.ts over a fake Security Center port on a fake clock: what is asked, when, with what,
// and which answers are kept (early answers, the proof/count overlap, the lists read on a fail,
// and the requests aborted once the image is decided). No HTTP.
import { GateError } from '../../../src/infra/errors.js';
import type { Category } from '../../../src/core/categories.js';
import type { BaselineRef, ImageSelector } from '../../../src/core/selector.js';
import { collectEvidence, type CollectSettings } from '../../../src/gate/collect.js';
import { judge, type Evidence } from '../../../src/gate/judge.js';
import { ACCEPT_MARGIN_MS } from '../../../src/gate/scan-state.js';
import {
  countAnswer,
  DIGEST,
  ENDPOINT,
  failedList,
  FakeClock,
  FakePort,
  okList,
  proven,
  zeroCounts,
  type PortScript,
} from '../../helpers/fake-sas-port.js';
import { specs } from '../../helpers/limits.js';

/** Ten minutes in: a scan proven at 0 is long enough before any answer to accept it early. */
const START = 600_000;

function settings(over: Partial<CollectSettings> & { limits?: CollectSettings['limits'] } = {}) {
  const s: CollectSettings = {
    scan: { require: true, waitMs: 0, trigger: false, maxAgeMs: null, pollBaseMs: 100 },
    limits: specs({}),
    ignoreUnfixable: false,
    listFindings: 0,
    readEveryList: false,
    riskStatus: 'unhandled',
    scanRange: [],
    instanceUuids: [],
    ...over,
  };
  return s;
}

const noProof = (over: Partial<CollectSettings> = {}) =>
  settings({
    scan: { require: false, waitMs: 0, trigger: false, maxAgeMs: null, pollBaseMs: 100 },
    ...over,
  });

async function collect(
  s: CollectSettings,
  script: PortScript = {},
  selector: ImageSelector = { digest: DIGEST },
  baseline?: BaselineRef,
): Promise<{ ev: Evidence; port: FakePort; clock: FakeClock }> {
  const clock = new FakeClock(START);
  const port = new FakePort(clock, script);
  const target = { selector, endpoint: ENDPOINT, ...(baseline ? { baseline } : {}) };
  const pending = collectEvidence(target, s, port);
  await clock.run();
  return { ev: await pending, port, clock };
}

const ops = (port: FakePort) =>
  port.calls.map((c) => (c.category ? `${c.op}:${c.category}` : c.op));

describe('the proof and the early reads', () => {
  test("with a digest, the proof's request goes first and the count goes out before it ends", async () => {
    const { ev, port } = await collect(settings({ limits: specs({ 'cve-vulns': 'high:0' }) }));
    expect(ops(port)).toEqual(['proof', 'count', 'list:cve-vulns']);
    const [proof, count, list] = port.calls;
    expect(count!.at).toBe(proof!.at);
    expect(count!.at).toBeLessThan(proof!.endedAt!);
    expect(list!.at).toBeLessThan(proof!.endedAt!);
    expect(
      judge(ev, settings({ limits: specs({ 'cve-vulns': 'high:0' }) })).evaluation?.result,
    ).toBe('pass');
  });

  test('an early count answered long enough after the scan finished is used', async () => {
    const { ev, port } = await collect(settings(), {
      count: () => ({ after: 30, value: countAnswer(zeroCounts(), START + 30, 'EARLY') }),
    });
    expect(port.of('count')).toHaveLength(1);
    expect(ev.count).toEqual({ value: expect.objectContaining({ requestId: 'EARLY' }) as unknown });
  });

  test('an early count that may describe an earlier scan is asked again after the proof', async () => {
    // The scan finished just now: an answer given within the margin may predate it.
    const { ev, port } = await collect(settings(), {
      proof: () => ({ after: 100, value: proven({ provenAt: START }) }),
      count: (n) => ({
        after: 30,
        value: countAnswer(zeroCounts({ 'cve-vulns': n }), START + ACCEPT_MARGIN_MS - 1, `C${n}`),
      }),
    });
    const [early, again] = port.of('count');
    expect(again!.at).toBeGreaterThanOrEqual(port.of('proof')[0]!.endedAt!);
    expect(early!.at).toBe(START);
    expect(ev.count).toEqual({ value: expect.objectContaining({ requestId: 'C1' }) as unknown });
  });

  test('an early count without a server time, or that failed, is asked again', async () => {
    for (const first of [
      { after: 10, value: countAnswer(zeroCounts()) },
      { after: 10, error: new Error('throttled') },
    ]) {
      const { ev, port } = await collect(settings(), {
        count: (n) =>
          n === 0 ? first : { after: 10, value: countAnswer(zeroCounts(), START + 200, 'LATE') },
      });
      expect(port.of('count')).toHaveLength(2);
      expect(ev.count).toEqual({
        value: expect.objectContaining({ requestId: 'LATE' }) as unknown,
      });
    }
  });

  test('an early list is used when answered long enough after the scan, else read again', async () => {
    const limits = specs({ 'sca-vulns': 'high:0', 'cve-vulns': 'high:0' });
    const { ev, port } = await collect(settings({ limits }), {
      list: (c, n) =>
        c === 'sca-vulns'
          ? { after: 20, value: okList(c, {}, START + 20, ['SCA-EARLY']) }
          : { after: 20, value: okList(c, {}, n === 0 ? 1 : START + 500, [`CVE-${n}`]) },
    });
    expect(port.of('list', 'sca-vulns')).toHaveLength(1);
    const cve = port.of('list', 'cve-vulns');
    expect(cve).toHaveLength(2);
    expect(cve[1]!.at).toBeGreaterThanOrEqual(port.of('proof')[0]!.endedAt!);
    expect(ev.lists['sca-vulns']?.requestIds).toEqual(['SCA-EARLY']);
    expect(ev.lists['cve-vulns']?.requestIds).toEqual(['CVE-1']);
  });

  test('a failed early list is read again, not taken as the failure', async () => {
    const limits = specs({ 'cve-vulns': 'high:0' });
    const { ev, port } = await collect(settings({ limits }), {
      list: (c, n) =>
        n === 0
          ? { after: 5, value: failedList('page 2 malformed') }
          : { after: 5, value: okList(c, {}, START + 200) },
    });
    expect(port.of('list', 'cve-vulns')).toHaveLength(2);
    expect(judge(ev, settings({ limits })).evaluation?.result).toBe('pass');
  });

  test('no early answer is used from a proof that waited', async () => {
    const limits = specs({ 'cve-vulns': 'high:0' });
    const { port } = await collect(settings({ limits }), {
      proof: () => ({ after: 100, value: proven({ polls: 2 }) }),
    });
    expect(port.of('count')).toHaveLength(2);
    expect(port.of('list', 'cve-vulns')).toHaveLength(2);
  });

  test('the baseline list is not sent early without the UUID; it goes out with the proven one', async () => {
    const limits = specs({ 'baseline-risks': 'high:0', 'cve-vulns': 'high:0' });
    const { port } = await collect(settings({ limits }), {
      proof: () => ({ after: 100, value: proven({ uuid: 'from-proof' }) }),
    });
    const [baseline] = port.of('list', 'baseline-risks');
    expect(port.of('list', 'baseline-risks')).toHaveLength(1);
    expect(baseline!.at).toBe(START + 100);
    expect(baseline!.uuid).toBe('from-proof');
    expect(port.of('list', 'cve-vulns')[0]!.at).toBe(START);
  });

  test('with image-uuid given, the baseline list goes out early too', async () => {
    const limits = specs({ 'baseline-risks': 'high:0' });
    const { port } = await collect(settings({ limits }), {}, { digest: DIGEST, uuid: 'given' });
    expect(port.of('list', 'baseline-risks').map((c) => [c.at, c.uuid])).toEqual([
      [START, 'given'],
    ]);
  });

  test('a tag is proven first, then counted and listed by the digest the proof found', async () => {
    const limits = specs({ 'cve-vulns': 'high:0' });
    const { ev, port } = await collect(settings({ limits }), {}, { tag: 'v1', repoId: 'r' });
    expect(ops(port)).toEqual(['proof', 'count', 'list:cve-vulns']);
    const proofEnd = port.of('proof')[0]!.endedAt!;
    for (const c of port.calls.slice(1)) {
      expect(c.at).toBe(proofEnd);
      expect(c.selector).toEqual({ tag: 'v1', repoId: 'r', digest: DIGEST });
    }
    expect(ev.selector.digest).toBe(DIGEST);
  });

  test('a tag the proof resolves to several digests is not pinned', async () => {
    const { port } = await collect(
      settings(),
      { proof: () => ({ after: 10, value: proven({ digests: [DIGEST, 'b'.repeat(64)] }) }) },
      { tag: 'v1', repoId: 'r' },
    );
    expect(port.of('count')[0]!.selector).toEqual({ tag: 'v1', repoId: 'r' });
  });

  test('a proof that fails ends the image and aborts the early reads still in flight', async () => {
    const limits = specs({ 'cve-vulns': 'high:0' });
    const { ev, port } = await collect(settings({ limits }), {
      proof: () => ({
        after: 100,
        value: proven({ status: 'not-scanned', problem: 'never scanned' }),
      }),
      count: () => 'hang',
      list: () => 'hang',
    });
    expect(judge(ev, settings({ limits })).error).toBe('never scanned');
    expect(port.of('count')[0]!.abortedAt).toBe(START + 100);
    expect(port.of('list')[0]!.abortedAt).toBe(START + 100);
  });
});

describe('without the scan proof', () => {
  test('the UUID is looked up for the baseline list before the lists go out', async () => {
    const limits = specs({ 'baseline-risks': 'high:0' });
    const { ev, port } = await collect(noProof({ limits }));
    expect(ops(port)).toEqual(['uuid', 'count', 'list:baseline-risks']);
    expect(port.of('list')[0]!.uuid).toBe('uuid-1');
    expect(ev.requestIds).toEqual(['U1']);
  });

  test('no lookup when the baseline list is not read, or the UUID was given', async () => {
    expect(
      ops((await collect(noProof({ limits: specs({ 'cve-vulns': 'high:0' }) }))).port),
    ).toEqual(['count', 'list:cve-vulns']);
    const given = await collect(
      noProof({ limits: specs({ 'baseline-risks': 'high:0' }) }),
      {},
      { digest: DIGEST, uuid: 'given' },
    );
    expect(ops(given.port)).toEqual(['count', 'list:baseline-risks']);
  });
});

describe('the lists read when an image fails', () => {
  const failing = (): PortScript => ({
    count: () => ({ after: 10, value: countAnswer(zeroCounts({ 'sca-vulns': 2 }), START + 10) }),
    list: (c) => ({ after: 10, value: okList(c, c === 'sca-vulns' ? { low: 2 } : {}, START + 10) }),
  });

  test('with list-findings, only the lists not read yet are read, after the verdict', async () => {
    const s = settings({ limits: specs({ 'cve-vulns': 'high:0' }), listFindings: 5 });
    const { ev, port } = await collect(s, failing());
    const upFront = port.of('list', 'cve-vulns');
    expect(upFront).toHaveLength(1);
    const rest: Category[] = ['baseline-risks', 'malicious-files', 'sca-vulns'];
    for (const c of rest) {
      expect(port.of('list', c)).toHaveLength(1);
      expect(port.of('list', c)[0]!.at).toBeGreaterThanOrEqual(upFront[0]!.endedAt!);
    }
    const judged = judge(ev, s);
    expect(judged.evaluation?.result).toBe('fail');
    expect(judged.lists['sca-vulns']?.findings).toHaveLength(2);
  });

  test('not read when the image passes, nor when list-findings is 0', async () => {
    const passing = await collect(settings({ listFindings: 5 }));
    expect(passing.port.of('list')).toHaveLength(0);
    const quiet = await collect(settings({ listFindings: 0 }), failing());
    expect(quiet.port.of('list')).toHaveLength(0);
    expect(judge(quiet.ev, settings()).evaluation?.result).toBe('fail');
  });

  test('one that cannot be read is a note, the verdict stands', async () => {
    const s = settings({ listFindings: 5 });
    const { ev } = await collect(s, {
      ...failing(),
      list: (c) => ({ after: 10, value: c === 'sca-vulns' ? failedList('denied') : okList(c, {}) }),
    });
    const judged = judge(ev, s);
    expect(judged.evaluation?.result).toBe('fail');
    expect(judged.notes).toContain('denied');
  });
});

describe('a list that cannot be read', () => {
  test('enforced: the image is an error', async () => {
    const s = settings({ limits: specs({ 'cve-vulns': 'high:0' }) });
    const { ev } = await collect(s, {
      list: () => ({ after: 10, value: failedList('malformed') }),
    });
    expect(judge(ev, s)).toMatchObject({ error: 'malformed' });
  });

  test('read only for SARIF: a note, the verdict stands', async () => {
    const s = settings({ readEveryList: true });
    const { ev, port } = await collect(s, {
      list: (c) => ({
        after: 10,
        value: c === 'malicious-files' ? failedList('denied') : okList(c, {}, START + 10),
      }),
    });
    // Every list up front; the failed early one asked again (and failing again).
    expect(port.of('list').map((c) => c.category)).toEqual([
      'malicious-files',
      'sca-vulns',
      'cve-vulns',
      'baseline-risks',
      'malicious-files',
    ]);
    const judged = judge(ev, s);
    expect(judged.evaluation?.result).toBe('pass');
    expect(judged.notes).toEqual(['denied']);
  });

  test('enforced, while another list hangs: decided at once, the hanging read aborted', async () => {
    const s = noProof({ limits: specs({ 'sca-vulns': 'high:0', 'cve-vulns': 'high:0' }) });
    const { ev, port } = await collect(s, {
      list: (c) =>
        c === 'sca-vulns' ? 'hang' : { after: 30, value: failedList('page 2 malformed') },
    });
    expect(judge(ev, s).error).toBe('page 2 malformed');
    expect(port.of('list', 'sca-vulns')[0]!.abortedAt).toBe(START + 30);
  });

  test('enforced, while the count query hangs: that list is the error, the count aborted', async () => {
    const s = noProof({ limits: specs({ 'cve-vulns': 'high:0' }) });
    const { ev, port } = await collect(s, {
      count: () => 'hang',
      list: () => ({ after: 30, value: failedList('page 1 malformed', ['R-1']) }),
    });
    expect(judge(ev, s)).toMatchObject({ error: 'page 1 malformed', requestId: 'R-1' });
    expect(port.of('count')[0]!.abortedAt).toBe(START + 30);
  });

  test('a failed count query aborts the lists still in flight', async () => {
    const s = noProof({ limits: specs({ 'cve-vulns': 'high:0' }) });
    const { ev, port } = await collect(s, {
      count: () => ({ after: 10, error: new Error('denied') }),
      list: () => 'hang',
    });
    expect(judge(ev, s).error).toMatch(/denied/);
    expect(port.of('list')[0]!.abortedAt).toBe(START + 10);
  });

  test('a read not enforced does not decide the image: the others are awaited', async () => {
    const s = settings({ readEveryList: true, limits: specs({ 'cve-vulns': 'high:0' }) });
    const { ev, port } = await collect(s, {
      list: (c) =>
        c === 'sca-vulns'
          ? { after: 5, value: failedList('denied') }
          : { after: 50, value: okList(c, {}, START + 50) },
    });
    expect(port.calls.every((c) => c.abortedAt === undefined)).toBe(true);
    expect(judge(ev, s).evaluation?.result).toBe('pass');
  });
});

describe('the baseline image (issue 18)', () => {
  const MAIN = 'b'.repeat(64);
  /** The image's proof names its repository; the baseline tag resolves to MAIN in crr-9 only. */
  const script = (over: PortScript = {}): PortScript => ({
    proof: (sel) =>
      sel.tag === 'main'
        ? {
            after: 100,
            value: sel.repoId === 'crr-9' ? proven({ digests: [MAIN], uuid: 'u-main' }) : unknown(),
          }
        : {
            after: 100,
            value: proven({ repository: { repoId: 'crr-9', repoInstanceId: 'cri-1' } }),
          },
    ...over,
  });
  const unknown = () => proven({ status: 'unknown', digests: [] });
  const cveHigh = settings({ limits: specs({ 'cve-vulns': 'high:0' }), today: new Date(0) });
  const proofs = (port: FakePort) => port.of('proof').map((c) => c.selector);

  test("a tag without repo-id is looked up in the repository the image's own rows name", async () => {
    const { ev, port } = await collect(cveHigh, script(), { digest: DIGEST }, { tag: 'main' });
    expect(proofs(port)).toEqual([
      { digest: DIGEST },
      { tag: 'main', repoId: 'crr-9', repoInstanceId: 'cri-1' },
    ]);
    expect(ev.baseline).toMatchObject({ digest: MAIN, repoId: 'crr-9' });
    expect(judge(ev, cveHigh).baseline).toMatchObject({ used: true, digest: MAIN });
  });

  test('the repo-id given wins over the rows', async () => {
    const { port } = await collect(
      cveHigh,
      script(),
      { digest: DIGEST, repoId: 'crr-9' },
      { tag: 'main' },
    );
    // Both proofs go out together: nothing waits for the image's rows.
    const [image, base] = port.of('proof');
    expect(base!.selector).toEqual({ tag: 'main', repoId: 'crr-9' });
    expect(base!.at).toBe(image!.at);
  });

  test('repo-instance-id alone does not name the repository: the rows do (never an instance-wide tag)', async () => {
    const { ev, port } = await collect(
      cveHigh,
      script(),
      { digest: DIGEST, repoInstanceId: 'cri-1' },
      { tag: 'main' },
    );
    expect(proofs(port)).toEqual([
      { digest: DIGEST, repoInstanceId: 'cri-1' },
      { tag: 'main', repoId: 'crr-9', repoInstanceId: 'cri-1' },
    ]);
    expect(ev.baseline).toMatchObject({ digest: MAIN, repoId: 'crr-9' });
  });

  test('a baseline tag naming several images is an error that says so', async () => {
    const { ev } = await collect(
      cveHigh,
      script({
        proof: (sel) => ({
          after: 100,
          value: sel.tag
            ? proven({ digests: [MAIN, 'c'.repeat(64)] })
            : proven({ repository: { repoId: 'crr-9' } }),
        }),
      }),
      { digest: DIGEST },
      { tag: 'main' },
    );
    expect(judge(ev, cveHigh).error).toMatch(
      /baseline image \(tag "main"\) names 2 images.*baseline-image-digest/,
    );
  });

  test('rows that name no single repository: the image is an error, never a registry-wide tag', async () => {
    for (const repository of [undefined, { repoId: '' }]) {
      // (agreedRepository never names '' itself: the check does not rest on that alone.)
      const { ev, port } = await collect(
        cveHigh,
        script({
          proof: (sel) => ({
            after: 100,
            value: sel.tag ? proven({ digests: [MAIN] }) : proven(repository ? { repository } : {}),
          }),
        }),
        { digest: DIGEST },
        { tag: 'main' },
      );
      expect(proofs(port)).toEqual([{ digest: DIGEST }]);
      expect(judge(ev, cveHigh).error).toMatch(
        /name no single repository.*give the image's repo-id/,
      );
    }
  });

  test('without the scan proof, one listing of the image names the repository', async () => {
    const s = { ...cveHigh, scan: noProof().scan };
    const { ev, port } = await collect(s, script(), { digest: DIGEST }, { tag: 'main' });
    expect(proofs(port)).toEqual([
      { digest: DIGEST },
      { tag: 'main', repoId: 'crr-9', repoInstanceId: 'cri-1' },
    ]);
    expect(judge(ev, s).evaluation?.result).toBe('pass');
  });

  // A count-only limit needs the list only for the comparison.
  const countOnly = settings({ limits: specs({ 'cve-vulns': '5' }), today: new Date(0) });
  const failingCve = (category: Category) =>
    category === 'cve-vulns'
      ? { after: 50, value: failedList('the CVE list broke') }
      : { after: 50, value: okList(category, {}) };

  test('an unknown baseline: the lists only a comparison needs are never read, nor can fail the image', async () => {
    const { ev, port } = await collect(
      countOnly,
      script({ list: failingCve }),
      { digest: DIGEST, repoId: 'crr-1' },
      { tag: 'main' },
    );
    expect(port.of('list', 'cve-vulns')).toHaveLength(0);
    const j = judge(ev, countOnly);
    expect(j.evaluation?.result).toBe('pass');
    expect(j.baseline).toMatchObject({ used: false });
  });

  test('a never-scanned baseline: gated as without one', async () => {
    const { ev } = await collect(
      countOnly,
      script({
        proof: (sel) => ({
          after: 100,
          value: sel.tag ? proven({ status: 'not-scanned', digests: [MAIN] }) : proven(),
        }),
        list: failingCve,
      }),
      { digest: DIGEST, repoId: 'crr-9' },
      { tag: 'main' },
    );
    const j = judge(ev, countOnly);
    expect(j.evaluation?.result).toBe('pass');
    expect(j.baseline).toMatchObject({ used: false });
    expect(j.baseline?.used === false && j.baseline.reason).toMatch(
      /no completed scan to compare with \(never scanned/,
    );
  });

  test('a baseline being scanned: gated as without one; one whose state is unknown: an error', async () => {
    const run = (status: 'scanning' | 'unknown') =>
      collect(
        countOnly,
        script({
          proof: (sel) => ({
            after: 100,
            value: sel.tag
              ? proven({
                  status,
                  digests: [MAIN],
                  ...(status === 'unknown' ? { problem: 'odd' } : {}),
                })
              : proven(),
          }),
        }),
        { digest: DIGEST, repoId: 'crr-9' },
        { tag: 'main' },
      );
    const scanning = judge((await run('scanning')).ev, countOnly);
    expect(scanning.evaluation?.result).toBe('pass');
    expect(scanning.baseline).toMatchObject({ used: false });
    expect(scanning.baseline?.used === false && scanning.baseline.reason).toMatch(/being scanned/);
    expect(judge((await run('unknown')).ev, countOnly).error).toMatch(/The baseline image .*: odd/);
  });

  test("a usable baseline: the comparison's lists go out once its proof ends, and their failure is an error", async () => {
    const { ev, port } = await collect(
      countOnly,
      script({ list: failingCve }),
      { digest: DIGEST, repoId: 'crr-9' },
      { tag: 'main' },
    );
    const base = port.of('proof')[1]!;
    const lists = port.of('list', 'cve-vulns');
    expect(lists.map((c) => c.selector.digest).sort()).toEqual([DIGEST, MAIN].sort());
    for (const l of lists) expect(l.at).toBe(base.endedAt);
    expect(judge(ev, countOnly).error).toMatch(/the CVE list broke/);
  });

  test("the baseline's lookup fails: an error naming the baseline, its RequestId kept", async () => {
    const { ev } = await collect(
      countOnly,
      script({
        proof: (sel) =>
          sel.tag === 'main'
            ? {
                after: 50,
                error: new GateError('DescribeImageInstances failed: Forbidden.RAM', 'R-9'),
              }
            : { after: 100, value: proven({}) },
      }),
      { digest: DIGEST, repoId: 'crr-9' },
      { tag: 'main' },
    );
    const j = judge(ev, countOnly);
    expect(j.error).toBe(
      'The baseline image (tag "main"): DescribeImageInstances failed: Forbidden.RAM RequestId: R-9.',
    );
    expect(j.requestId).toBe('R-9');
  });

  test("only the baseline's list fails: an error naming the baseline", async () => {
    const { ev } = await collect(
      countOnly,
      script({
        list: (c, _n, spec) =>
          spec.selector.digest === MAIN
            ? { after: 50, value: failedList('the baseline list broke') }
            : { after: 50, value: okList(c, {}) },
      }),
      { digest: DIGEST, repoId: 'crr-9' },
      { tag: 'main' },
    );
    expect(judge(ev, countOnly).error).toMatch(
      /^The baseline image's .* list: the baseline list broke$/,
    );
  });
});
