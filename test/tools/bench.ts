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
  const inputs = simInputs(sim.url, { 'image-digest': DIGEST, 'max-cve-vulns': '5', 'job-summary': 'true' });
  const official = path.join(HERE, 'official-client-call.js');
  const env = { ...process.env, SIM_URL: sim.url, SIM_DIGEST: DIGEST };

  const action: number[] = [];
  const sdk: number[] = [];
  const bare: number[] = [];
  try {
    // Warm the file cache once, then alternate so drift hits all three alike.
    await runAction({ inputs });
    await exec(process.execPath, [official], { env });
    for (let i = 0; i < PAIRS; i++) {
      const run = await runAction({ inputs });
      if (run.outputs['result'] !== 'pass') throw new Error(`action run failed: ${run.stdout}${run.stderr}`);
      action.push(run.ms);
      sdk.push(await timed(() => exec(process.execPath, [official], { env })));
      bare.push(await timed(() => exec(process.execPath, ['-e', '0'])));
    }
  } finally {
    await sim.close();
  }
  const a = median(action);
  const o = median(sdk);
  const b = median(bare);
  const bundle = statSync(DIST).size;
  console.log('\nOne image, wall time per fresh process (median):');
  console.log(`  bare node -e 0            ${b.toFixed(1)} ms`);
  console.log(`  action (dist/index.js)    ${a.toFixed(1)} ms   (+${(a - b).toFixed(1)} ms over bare node; target ≤ +60)`);
  console.log(`  official openapi-client   ${o.toFixed(1)} ms`);
  console.log(`  action / official         ${(a / o).toFixed(2)}×   (target ≤ 0.70×)`);
  console.log(`  main bundle               ${(bundle / 1024).toFixed(0)} KiB (${path.relative(ROOT, DIST)}; target < 600 KiB)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
