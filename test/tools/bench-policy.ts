// Part (f) of `npm run bench`: what a policy file and a baseline cost (issue 18), at 150 ms per
// answer over plain http. Figures: the calls each run makes, by operation, and the median time.
// The targets: a policy file adds list calls only for the enforced categories an entry in
// force could match; a baseline costs at most one extra round per image (its proof and lists run
// in parallel with the image's own).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simInputs } from '../helpers/run-action.js';
import { generateFindings, type SasSimulator } from '../simulator/sas-simulator.js';
import {
  alternate,
  fmtMs,
  heading,
  judged,
  KNOBS,
  line,
  msOf,
  mustPass,
  spreadOf,
  timedRun,
  type Variant,
} from './bench-lib.js';

const ROUND_TRIP_MS = 150;
const PR = '6'.repeat(64);
const MAIN = '7'.repeat(64);
const REPO = 'crr-bench-pr';

/** Calls per operation of one run, as "DescribeImageVulList 2, …" (the simulator's record). */
type CallCounts = Map<string, number>;

function callsSince(sim: SasSimulator, from: number): CallCounts {
  const counts: CallCounts = new Map();
  for (const r of sim.requests.slice(from)) counts.set(r.action, (counts.get(r.action) ?? 0) + 1);
  return counts;
}

const total = (c: CallCounts) => [...c.values()].reduce((a, b) => a + b, 0);

function showCalls(c: CallCounts): string {
  return [...c.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([a, n]) => `${a.replace(/^Describe/, '')} ${n}`)
    .join(', ');
}

/** Calls in `more` that `base` does not make (by operation), e.g. "ImageVulList +1". */
function added(base: CallCounts, more: CallCounts): string {
  const parts: string[] = [];
  for (const [a, n] of more) {
    const d = n - (base.get(a) ?? 0);
    if (d !== 0) parts.push(`${a.replace(/^Describe/, '')} ${d > 0 ? '+' : ''}${d}`);
  }
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** The run without a baseline that reads the lists a baseline compares (level terms). */
const LEVELS = {
  'max-cve-vulns': 'high:100',
  'max-sca-vulns': 'high:0',
  'max-baseline-risks': 'high:0',
};

export async function partF(sim: SasSimulator): Promise<void> {
  const findings = generateFindings({ cve: 20, sca: 0, malicious: 0, baseline: 0, seed: 7 });
  const first = findings.cve?.[0]?.related ?? 'CVE-2020-0001';
  sim.addImage({ digest: PR, tag: 'pr', repoId: REPO, counts: {}, findings });
  sim.addImage({ digest: MAIN, tag: 'main', repoId: REPO, counts: {}, findings });
  const withPolicy = mkdtempSync(path.join(tmpdir(), 'sas-gate-bench-policy-'));
  const without = mkdtempSync(path.join(tmpdir(), 'sas-gate-bench-nopolicy-'));
  mkdirSync(path.join(withPolicy, '.github'));
  const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  writeFileSync(
    path.join(withPolicy, '.github', 'sas-image-gate.yml'),
    `version: 1\naccept:\n  - id: ${first}\n    reason: bench\n    expires: ${expires}\n    category: cve-vulns\n`,
  );
  const calls = new Map<string, CallCounts>();
  const variant = (
    name: string,
    inputs: Record<string, string>,
    workspace: string = without,
  ): Variant => ({
    name,
    run: async () => {
      const from = sim.requests.length;
      const r = await timedRun(
        {
          inputs: simInputs(sim.url, {
            'image-digest': PR,
            'repo-id': REPO,
            'max-cve-vulns': '100',
            ...inputs,
          }),
          workspace,
        },
        mustPass,
      );
      calls.set(name, callsSince(sim, from));
      return { ms: r.ms };
    },
  });
  sim.latencyMs = ROUND_TRIP_MS;
  try {
    const samples = await alternate(
      [
        variant('plain', {}),
        variant('policy', {}, withPolicy),
        variant('policy-off', { 'max-cve-vulns': 'off' }, withPolicy),
        variant('plain-off', { 'max-cve-vulns': 'off' }),
        variant('levels', LEVELS),
        variant('baseline', { 'baseline-image-tag': 'main' }),
        variant('levels-8', { ...LEVELS, 'max-concurrency': '8' }),
        variant('baseline-8', { 'baseline-image-tag': 'main', 'max-concurrency': '8' }),
        variant('baseline-rows', { 'baseline-image-tag': 'main', 'repo-id': '' }),
      ],
      KNOBS.rounds,
    );
    const get = (n: string) => calls.get(n) ?? new Map<string, number>();
    const ms = (n: string) => msOf(samples, n);
    heading(
      `(f) policy file and baseline, ${ROUND_TRIP_MS} ms per answer, one image with 20 CVE findings (digest + repo-id)`,
    );
    line(
      'no policy, max-cve-vulns 100 (count only)',
      fmtMs(ms('plain')),
      `${total(get('plain'))} calls: ${showCalls(get('plain'))}; ${spreadOf(samples, 'plain')}`,
    );
    judged({
      part: 'f',
      what: 'policy file, one entry in force for cve-vulns: calls added',
      figure: added(get('plain'), get('policy')),
      target: "only the CVE list's",
      met: [...get('policy').keys()].every(
        (a) => a === 'DescribeImageVulList' || get('policy').get(a) === get('plain').get(a),
      ),
      note: `${fmtMs(ms('policy'))} = no policy + ${(ms('policy') - ms('plain')).toFixed(0)}; ${spreadOf(samples, 'policy')}`,
    });
    judged({
      part: 'f',
      what: 'the same entry, max-cve-vulns off: calls added',
      figure: added(get('plain-off'), get('policy-off')),
      target: 'none (its only category is not enforced)',
      met: added(get('plain-off'), get('policy-off')) === 'none',
      note: `${fmtMs(ms('policy-off'))}; ${spreadOf(samples, 'policy-off')}`,
    });
    line(
      'no baseline, level terms on the 3 compared categories',
      fmtMs(ms('levels')),
      `${total(get('levels'))} calls: ${showCalls(get('levels'))}; ${spreadOf(samples, 'levels')}`,
    );
    // The baseline's round: its proof beside the image's, then both images' lists together.
    // Six lists in one round need six requests in flight: at the default max-concurrency 4 two
    // of them wait for a slot, a round of their own.
    const diff = (a: string, b: string) => {
      const d = ms(a) - ms(b);
      return `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(0)} ms`;
    };
    judged({
      part: 'f',
      what: 'baseline-image-tag main − level-term run, max-concurrency 8',
      figure: diff('baseline-8', 'levels-8'),
      target: `at most one round (< 1.5 × ${ROUND_TRIP_MS} ms)`,
      met: ms('baseline-8') - ms('levels-8') < 1.5 * ROUND_TRIP_MS,
      note: `${fmtMs(ms('baseline-8'))} vs ${fmtMs(ms('levels-8'))}; ${total(get('baseline-8'))} calls: ${showCalls(get('baseline-8'))}; ${spreadOf(samples, 'baseline-8')}`,
    });
    line(
      'the same at the default max-concurrency 4',
      diff('baseline', 'levels'),
      `${fmtMs(ms('baseline'))} vs ${fmtMs(ms('levels'))}: six lists in one round, four slots; ${spreadOf(samples, 'baseline')}`,
    );
    const rows = ms('baseline-rows') - ms('levels');
    line(
      'baseline tag without repo-id (looked up after the image rows)',
      `${fmtMs(ms('baseline-rows'))}`,
      `level-term run ${rows >= 0 ? '+' : '−'} ${Math.abs(rows).toFixed(0)} ms; ${spreadOf(samples, 'baseline-rows')}`,
    );
  } finally {
    sim.latencyMs = 0;
    rmSync(withPolicy, { recursive: true, force: true });
    rmSync(without, { recursive: true, force: true });
  }
}
