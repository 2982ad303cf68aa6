// `npm run bench`: figures, not assertions (never part of `npm test`). Fresh processes,
// alternated in one run, medians, against the loopback simulator; over TLS through a delay proxy
// (net-lab.ts) for (b). Run it on Node 24, the runtime the action declares.
//
// (f), the policy file and the baseline, is in bench-policy.ts.
//
// Knobs: BENCH_ROUNDS (default 9), BENCH_FLOOR_ROUNDS (21), BENCH_MANY_ROUNDS (7), BENCH_ONLY
// (e.g. "b,d"), BENCH_COMPARE (label=dist-dir,... to time other builds beside dist/). See
// bench-lib.ts.
import { DIGEST, KNOBS, printHeader, printSummary } from './bench-lib.js';
import { partA, partB, partD } from './bench-parts.js';
import { partF } from './bench-policy.js';
import { bundleSizes, scale } from './bench-scale.js';
import { startTlsLink, type TlsLink } from './net-lab.js';
import { SasSimulator } from '../simulator/sas-simulator.js';

async function main(): Promise<void> {
  printHeader();
  const only = KNOBS.only;
  const sim = await SasSimulator.start();
  sim.addImage({
    digest: DIGEST,
    tag: 'bench',
    repoId: 'crr-bench',
    counts: { ImageCveVulCount: 1 },
  });
  try {
    if (only.has('a') || only.has('c')) await partA(sim);
    if (only.has('b')) {
      let link: TlsLink | undefined;
      try {
        link = await startTlsLink(Number(new URL(sim.url).port), 150);
      } catch (err) {
        // The certificates come from the openssl CLI; without it (b) cannot run.
        console.log(`\n(b) skipped: no TLS link (${String(err).split('\n')[0]})`);
      }
      try {
        if (link) await partB(link);
      } finally {
        await link?.close();
      }
    }
    if (only.has('d')) await partD(sim);
    if (only.has('f')) await partF(sim);
  } finally {
    await sim.close();
  }
  if (only.has('e')) {
    bundleSizes();
    await scale();
  }
  printSummary();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
