// (e) of `npm run bench`: bundle size, peak RSS with 200 images, and 20 images against one at
// 200 ms per answer with max-concurrency 4.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT, simInputs } from '../helpers/run-action.js';
import { SasSimulator } from '../simulator/sas-simulator.js';
import {
  actionBuilds,
  alternate,
  fmtMs,
  heading,
  judged,
  KNOBS,
  line,
  median,
  msOf,
  mustPass,
  spreadOf,
  tag,
  timedRun,
  type Variant,
} from './bench-lib.js';

const KIB = 1024;

/** Prints the process's peak RSS on exit, to stderr, without touching the action's code. */
const RSS_PROBE = [
  '--import',
  'data:text/javascript,process.on("exit",()=>process.stderr.write("PEAK_RSS_KB="+process.resourceUsage().maxRSS+"\\n"))',
];

export function bundleSizes(): void {
  heading('(e) main bundle');
  for (const b of actionBuilds()) {
    const size = statSync(b.script).size;
    judged({
      part: 'e',
      what: `main bundle${tag(b.label)}: ${b.script.startsWith(ROOT) ? path.relative(ROOT, b.script) : b.script}`,
      figure: `${(size / KIB).toFixed(0)} KiB`,
      target: '≤ 600 KiB',
      met: size <= 600 * KIB,
    });
  }
  // The command line is a second entry with its own chunks; the action's bundle does not grow.
  const cli = path.join(ROOT, 'dist', 'cli');
  const cliBytes = readdirSync(cli)
    .filter((f) => f.endsWith('.js'))
    .reduce((n, f) => n + statSync(path.join(cli, f)).size, 0);
  line('command line: dist/cli/*.js (entry and chunks)', `${(cliBytes / KIB).toFixed(0)} KiB`);
}

export async function scale(): Promise<void> {
  const sim = await SasSimulator.start();
  const hex = (n: number) => n.toString(16).padStart(64, '0');
  const digests = Array.from({ length: 200 }, (_, i) => hex(i + 1));
  for (const d of digests) sim.addImage({ digest: d, counts: { ImageCveVulCount: 1 } });
  const variant = (
    name: string,
    script: string,
    requireScan: string,
    images: string[],
    concurrency: number,
    probe = false,
  ): Variant => ({
    name,
    run: async () => {
      const r = await timedRun(
        {
          script,
          inputs: simInputs(sim.url, {
            'max-cve-vulns': '5',
            'max-concurrency': String(concurrency),
            'require-scan': requireScan,
            'image-digest': images.join('\n'),
          }),
          nodeArgs: probe ? RSS_PROBE : [],
        },
        mustPass,
      );
      const kb = Number(/PEAK_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
      return { ms: r.ms, rssMiB: probe ? kb / KIB : undefined };
    },
  });
  const builds = actionBuilds();
  try {
    sim.latencyMs = 0;
    const rssVariants = builds.flatMap((b) =>
      ['false', 'true'].map((rs) => variant(`${rs}@${b.label}`, b.script, rs, digests, 20, true)),
    );
    const rss = await alternate(rssVariants, KNOBS.manyRounds);
    heading(
      `(e) 200 images, max-concurrency 20, no added latency: peak RSS, median of ${KNOBS.manyRounds}`,
    );
    for (const b of builds) {
      for (const rs of ['false', 'true']) {
        const runs = rss.get(`${rs}@${b.label}`) ?? [];
        const mib = runs.map((r) => r.rssMiB ?? NaN);
        judged({
          part: 'e',
          what: `200 images${tag(b.label)}, require-scan ${rs}: peak RSS`,
          figure: `${median(mib).toFixed(1)} MiB`,
          target: '< 100 MiB in every run',
          met: Math.max(...mib) < 100,
          note: `max ${Math.max(...mib).toFixed(1)} MiB; ${fmtMs(median(runs.map((r) => r.ms)))}`,
        });
      }
    }

    sim.latencyMs = 200;
    for (const rs of ['false', 'true']) {
      const variants = builds.flatMap((b) => [
        variant(`1@${b.label}`, b.script, rs, digests.slice(0, 1), 4),
        variant(`20@${b.label}`, b.script, rs, digests.slice(0, 20), 4),
      ]);
      const samples = await alternate(variants, KNOBS.manyRounds);
      const limit = rs === 'false' ? 1000 : 2000;
      heading(
        `(e) 200 ms per answer, max-concurrency 4, require-scan ${rs} (${rs === 'true' ? '2 calls per image' : '1 call per image'}), median of ${KNOBS.manyRounds}`,
      );
      for (const b of builds) {
        const m1 = msOf(samples, `1@${b.label}`);
        const m20 = msOf(samples, `20@${b.label}`);
        line(`1 image${tag(b.label)}`, fmtMs(m1), spreadOf(samples, `1@${b.label}`));
        line(`20 images${tag(b.label)}`, fmtMs(m20), spreadOf(samples, `20@${b.label}`));
        judged({
          part: 'e',
          what: `20 images − 1 image${tag(b.label)}, require-scan ${rs}`,
          figure: fmtMs(m20 - m1),
          target: `≤ ${limit} ms`,
          met: m20 - m1 <= limit,
        });
      }
    }
  } finally {
    await sim.close();
  }
}
