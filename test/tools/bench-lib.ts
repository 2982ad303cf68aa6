// Measuring and printing for `npm run bench`: fresh processes timed the same way, alternated
// rounds, medians, and one line per figure with its target and whether it is met.
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, runAction, type ActionRun, type RunOptions } from '../helpers/run-action.js';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DIGEST = 'd'.repeat(64);

function knob(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  if (n < min) console.log(`note: ${name}=${n} is below ${min}; the figures are not citable.`);
  return n;
}

/** Env knobs. Each figure is a median of at least 7 runs unless told otherwise. */
export const KNOBS = {
  /** Alternated rounds for (a), (b) and (f). */
  rounds: knob('BENCH_ROUNDS', 9, 7),
  /** Alternated rounds for (d), whose runs are short and whose margin is small. */
  floorRounds: knob('BENCH_FLOOR_ROUNDS', 21, 7),
  /** Alternated pairs for the 20-image figures of (e). */
  manyRounds: knob('BENCH_MANY_ROUNDS', 7, 7),
  /** Which parts to run, e.g. "a,b" (default all). */
  only: new Set((process.env['BENCH_ONLY'] ?? 'a,b,c,d,e,f').split(',').map((s) => s.trim())),
  /**
   * Other builds of the action to time beside dist/, as label=dir pairs separated by commas
   * (dir holds that build's index.js), e.g. "before=/tmp/before/dist": before/after figures
   * from one alternated run.
   */
  compare: (process.env['BENCH_COMPARE'] ?? '')
    .split(',')
    .filter((s) => s.includes('='))
    .map((s) => {
      const [label = '', dir = ''] = s.split('=');
      return { label: label.trim(), script: path.resolve(dir.trim(), 'index.js') };
    }),
};

/** Every child process: no compile cache, so each run pays what a fresh runner pays. */
export const CHILD_ENV = { NODE_DISABLE_COMPILE_CACHE: '1' };

/** The builds of the action under test: dist/ first, then BENCH_COMPARE's. */
export function actionBuilds(): Array<{ label: string; script: string }> {
  return [{ label: 'dist', script: DIST }, ...KNOBS.compare];
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

export interface Sample {
  ms: number;
  /** Connections the delay proxy accepted during the run, when one is in the path. */
  connections?: number;
  /** Peak RSS of the run, when probed. */
  rssMiB?: number;
}

export interface Variant {
  name: string;
  /** One fresh-process run; throws when the run did not do what it should. */
  run: () => Promise<Sample>;
}

export type Samples = Map<string, Sample[]>;

/**
 * One warm-up run of each variant (file cache), then `rounds` rounds, each running every
 * variant once; the order rotates every round so drift and neighbours hit all variants alike.
 */
export async function alternate(variants: readonly Variant[], rounds: number): Promise<Samples> {
  for (const v of variants) await v.run();
  const samples: Samples = new Map(variants.map((v) => [v.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < variants.length; i++) {
      const v = variants[(i + r) % variants.length]!;
      samples.get(v.name)!.push(await v.run());
    }
  }
  return samples;
}

export function msOf(samples: Samples, name: string): number {
  return median((samples.get(name) ?? []).map((s) => s.ms));
}

/** The middle half of the runs, to show how noisy a median is: "IQR 280–310". */
export function spreadOf(samples: Samples, name: string): string {
  const s = (samples.get(name) ?? []).map((x) => x.ms).sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return `IQR ${at(0.25).toFixed(0)}–${at(0.75).toFixed(0)}`;
}

/** " [label]" for builds other than dist/. */
export const tag = (build: string) => (build === 'dist' ? '' : ` [${build}]`);

/** "1" when every run used one connection, else "median 2 (1–2)". */
export function connectionsOf(samples: Samples, name: string): string {
  const counts = (samples.get(name) ?? []).map((s) => s.connections ?? NaN);
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  return lo === hi ? `${lo}` : `median ${median(counts)} (${lo}–${hi})`;
}

export function maxConnections(samples: Samples, name: string): number {
  return Math.max(...(samples.get(name) ?? []).map((s) => s.connections ?? NaN));
}

/** A fresh process run through the action harness (same env, output files and timer). */
export async function timedRun(
  opts: RunOptions,
  check: (run: ActionRun) => string | undefined,
): Promise<ActionRun> {
  const run = await runAction({ ...opts, env: { ...CHILD_ENV, ...opts.env } });
  const problem = check(run);
  if (problem) throw new Error(`${problem}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
  return run;
}

export const mustPass = (run: ActionRun): string | undefined =>
  run.outputs['result'] === 'pass' ? undefined : `action run did not pass (exit ${run.exitCode})`;

// ---- printing ----

export interface Verdict {
  part: string;
  what: string;
  figure: string;
  target: string;
  met: boolean | undefined;
  /** Printed after the verdict (spread, context). */
  note?: string;
}

export const verdicts: Verdict[] = [];

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

export function heading(text: string): void {
  console.log(`\n${text}`);
}

/** A figure with no target of its own (a baseline, or context). */
export function line(what: string, figure: string, note = ''): void {
  console.log(`  ${pad(what, 58)} ${pad(figure, 16)}${note ? ` ${note}` : ''}`.trimEnd());
}

/** A figure with its target, printed now and repeated in the closing summary. */
export function judged(v: Verdict): void {
  verdicts.push(v);
  const status = v.met === undefined ? 'n/a' : v.met ? 'MET' : 'NOT MET';
  console.log(
    `  ${pad(v.what, 58)} ${pad(v.figure, 16)} target ${v.target}: ${status}${v.note ? `  (${v.note})` : ''}`,
  );
}

export function fmtMs(ms: number): string {
  return `${ms.toFixed(0)} ms`;
}

export function printHeader(): void {
  const cpu = cpus();
  const [l1 = 0, l5 = 0] = loadavg();
  console.log('sas-image-gate benchmark (npm run bench): figures, not assertions');
  console.log(`  node ${process.version}, ${process.platform}-${process.arch}`);
  console.log(`  date ${new Date().toISOString()}`);
  console.log(`  cpu  ${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`);
  console.log(`  load ${l1.toFixed(2)} / ${l5.toFixed(2)} (1 / 5 min) at start`);
  console.log(
    `  method: fresh processes with NODE_DISABLE_COMPILE_CACHE=1, alternated in rounds after one warm-up, medians of ${KNOBS.rounds} rounds for (a), (b) and (f) (BENCH_ROUNDS), ${KNOBS.floorRounds} for (d) (BENCH_FLOOR_ROUNDS), ${KNOBS.manyRounds} for (e) (BENCH_MANY_ROUNDS)`,
  );
  for (const b of KNOBS.compare) console.log(`  also timing build "${b.label}": ${b.script}`);
}

export function printSummary(): void {
  heading('Targets (paste-ready):');
  for (const v of verdicts) {
    const status = v.met === undefined ? 'n/a    ' : v.met ? 'MET    ' : 'NOT MET';
    console.log(
      `  ${status} (${v.part}) ${v.what}: ${v.figure}; target ${v.target}${v.note ? ` (${v.note})` : ''}`,
    );
  }
}
