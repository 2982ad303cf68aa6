// `npm run bench`: figures, not assertions. Fresh processes, alternated, against the loopback
// simulator: the built action vs the same call through Alibaba's official client vs bare node.
// Run it on Node 24 (the runtime the action declares); the figures go in the README.
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DIST, ROOT, runAction, simInputs } from '../helpers/run-action.js';
import { SasSimulator } from '../simulator/sas-simulator.js';

const exec = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIGEST = 'd'.repeat(64);
const PAIRS = Number(process.env['BENCH_PAIRS'] ?? 15);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function main(): Promise<void> {
  console.log(`node ${process.version}; ${PAIRS} alternated rounds per comparison`);
  const sim = await SasSimulator.start();
  sim.addImage({ digest: DIGEST, counts: { ImageCveVulCount: 1 } });
  const base = { 'image-digest': DIGEST, 'max-cve-vulns': '5', 'job-summary': 'true' };
  // The same single call as the official-client script, and the default (scan state + counts).
  const sameCall = simInputs(sim.url, { ...base, 'require-scan': 'false' });
  const withScan = simInputs(sim.url, base);
  const official = path.join(HERE, 'official-client-call.js');
  const env = { ...process.env, SIM_URL: sim.url, SIM_DIGEST: DIGEST };

  const times = {
    action: [] as number[],
    scan: [] as number[],
    sdk: [] as number[],
    bare: [] as number[],
  };
  const actionRun = async (inputs: Record<string, string>) => {
    const run = await runAction({ inputs });
    if (run.outputs['result'] !== 'pass')
      throw new Error(`action run failed: ${run.stdout}${run.stderr}`);
    return run.ms;
  };
  try {
    // Warm the file cache once, then alternate so drift hits all alike.
    await actionRun(sameCall);
    await exec(process.execPath, [official], { env });
    for (let i = 0; i < PAIRS; i++) {
      times.action.push(await actionRun(sameCall));
      times.sdk.push(await timed(() => exec(process.execPath, [official], { env })));
      times.bare.push(await timed(() => exec(process.execPath, ['-e', '0'])));
      times.scan.push(await actionRun(withScan));
    }
  } finally {
    await sim.close();
  }
  const a = median(times.action);
  const o = median(times.sdk);
  const b = median(times.bare);
  const s = median(times.scan);
  const bundle = statSync(DIST).size;
  console.log('\nOne image, wall time per fresh process (median):');
  console.log(`  bare node -e 0                      ${b.toFixed(1)} ms`);
  console.log(`  official openapi-client, one call   ${o.toFixed(1)} ms`);
  console.log(
    `  action, the same call               ${a.toFixed(1)} ms   (+${(a - b).toFixed(1)} ms over bare node, target ≤ +60; ${(a / o).toFixed(2)}× official, target ≤ 0.70×)`,
  );
  console.log(`  action, default (scan state first)  ${s.toFixed(1)} ms   (2 calls)`);
  console.log(
    `  main bundle                         ${(bundle / 1024).toFixed(0)} KiB (${path.relative(ROOT, DIST)}; target < 600 KiB)`,
  );
}

/** Prints the process's peak RSS on exit, to stderr, without touching the action's code. */
const RSS_PROBE = [
  '--import',
  'data:text/javascript,process.on("exit",()=>process.stderr.write("PEAK_RSS_KB="+process.resourceUsage().maxRSS+"\\n"))',
];

async function manyImages(): Promise<void> {
  const PAIRS_MANY = Number(process.env['BENCH_MANY_PAIRS'] ?? 5);
  const sim = await SasSimulator.start();
  const hex = (n: number) => n.toString(16).padStart(64, '0');
  const digests = Array.from({ length: 200 }, (_, i) => hex(i + 1));
  for (const d of digests) sim.addImage({ digest: d, counts: { ImageCveVulCount: 1 } });
  const base = { 'max-cve-vulns': '5', 'max-concurrency': '4' };
  try {
    for (const requireScan of ['false', 'true']) {
      sim.latencyMs = 200;
      const one: number[] = [];
      const twenty: number[] = [];
      for (let i = 0; i < PAIRS_MANY; i++) {
        const a = await runAction({
          inputs: simInputs(sim.url, {
            ...base,
            'require-scan': requireScan,
            'image-digest': digests[0] ?? '',
          }),
        });
        const b = await runAction({
          inputs: simInputs(sim.url, {
            ...base,
            'require-scan': requireScan,
            'image-digest': digests.slice(0, 20).join(','),
          }),
        });
        if (a.outputs['result'] !== 'pass' || b.outputs['result'] !== 'pass')
          throw new Error(`multi-image run failed: ${b.stdout}`);
        one.push(a.ms);
        twenty.push(b.ms);
      }
      const m1 = median(one);
      const m20 = median(twenty);
      const calls =
        requireScan === 'true'
          ? '2 calls per image: scan state + counts'
          : "1 call per image, the issue's scenario";
      console.log(
        `\n200 ms latency per request, max-concurrency 4, require-scan ${requireScan} (${calls}), median of ${PAIRS_MANY} alternated pairs:`,
      );
      console.log(`  1 image                   ${m1.toFixed(0)} ms`);
      console.log(`  20 images                 ${m20.toFixed(0)} ms`);
      console.log(
        `  difference                ${(m20 - m1).toFixed(0)} ms${requireScan === 'false' ? '   (target ≤ 1000 ms; ideal 800 ms)' : ''}`,
      );
    }
    sim.latencyMs = 0;
    for (const requireScan of ['false', 'true']) {
      const run = await runAction({
        inputs: simInputs(sim.url, {
          ...base,
          'max-concurrency': '20',
          'require-scan': requireScan,
          'image-digest': digests.join('\n'),
        }),
        nodeArgs: RSS_PROBE,
      });
      const kb = Number(/PEAK_RSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? NaN);
      if (run.outputs['result'] !== 'pass') throw new Error(`200-image run failed: ${run.stdout}`);
      console.log(
        `\n200 images, require-scan ${requireScan}: peak RSS ${(kb / 1024).toFixed(1)} MiB (target < 100 MiB), ${run.ms.toFixed(0)} ms, summary ${(Buffer.byteLength(run.summary) / 1024).toFixed(1)} KiB`,
      );
    }
  } finally {
    await sim.close();
  }
}

main()
  .then(() => (process.exitCode ? undefined : manyImages()))
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
