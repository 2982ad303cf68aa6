// `npm run demo`: starts the bundled Security Center simulator, runs the built action against
// it for a few sample images, and prints each verdict and job summary. Exits 0 when the demo
// itself worked; an image failing its limits is content, not a demo failure.
import { runAction, simInputs } from '../helpers/run-action.js';
import { SasSimulator } from '../simulator/sas-simulator.js';

const CLEAN = 'a'.repeat(64);
const RISKY = 'b'.repeat(64);

interface Scenario {
  title: string;
  inputs: Record<string, string>;
  expect: string;
}

async function main(): Promise<void> {
  const sim = await SasSimulator.start();
  sim.addImage({
    digest: CLEAN,
    tag: 'v1.4.0',
    repoId: 'crr-demo',
    repoInstanceId: 'cri-demo',
    counts: { ImageScaVulCount: 2 },
  });
  sim.addImage({
    digest: RISKY,
    tag: 'v1.5.0-rc1',
    repoId: 'crr-demo',
    repoInstanceId: 'cri-demo',
    counts: {
      ImageMaliciousFileCount: 1,
      ImageCveVulCount: 14,
      ImageScaVulCount: 3,
      ImageBaselineCount: 2,
    },
  });
  const scenarios: Scenario[] = [
    {
      title: 'A clean image (SCA vulnerabilities allowed up to 5)',
      inputs: {
        'image-digest': `sha256:${CLEAN}`,
        'repo-instance-id': 'cri-demo',
        'max-sca-vulns': '5',
      },
      expect: 'pass',
    },
    {
      title:
        'A risky image: baseline risks not enforced, up to 5 SCA and 10 CVE vulnerabilities allowed',
      inputs: {
        'image-digest': `sha256:${RISKY}`,
        'repo-instance-id': 'cri-demo',
        'max-baseline-risks': 'off',
        'max-sca-vulns': '5',
        'max-cve-vulns': '10',
      },
      expect: 'fail',
    },
    {
      title: 'Security Center keeps throttling until the deadline (could not check)',
      inputs: { 'image-digest': CLEAN, 'timeout-seconds': '2' },
      expect: 'error',
    },
  ];
  let broken = 0;
  try {
    for (const [i, s] of scenarios.entries()) {
      if (s.expect === 'error')
        sim.fault(
          {
            kind: 'error',
            status: 400,
            code: 'Throttling.User',
            message: 'Request was denied due to user flow control.',
          },
          { times: Infinity },
        );
      const run = await runAction({ inputs: simInputs(sim.url, s.inputs) });
      sim.clearFaults();
      const result = run.outputs['result'] ?? '(none)';
      const ok = result === s.expect;
      if (!ok) broken++;
      console.log(`\n${'='.repeat(78)}\n${i + 1}. ${s.title}`);
      console.log(
        `   result=${result}  exit code=${run.exitCode}  exceeded=${run.outputs['exceeded'] || '(none)'}  (${Math.round(run.ms)} ms)`,
      );
      if (!ok) console.log(`   !! expected result=${s.expect}; stderr:\n${run.stderr}`);
      console.log(`${'-'.repeat(78)}\n${plain(run.summary)}`);
    }
  } finally {
    await sim.close();
  }
  console.log(
    broken === 0
      ? '\nDemo complete: every scenario gave the expected verdict.'
      : `\nDemo broken: ${broken} scenario(s) gave an unexpected verdict.`,
  );
  process.exitCode = broken === 0 ? 0 : 1;
}

/** The summary is Markdown with HTML entities; make it readable in a terminal. */
function plain(markdown: string): string {
  return markdown
    .replace(/<\/?code>/g, '`')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}

main().catch((err: unknown) => {
  console.error('Demo could not run:', err);
  process.exitCode = 1;
});
