// The size figures the README states (issue 20 item 6): 200 images with 12 CVEs each, failing
// and passing, run as the runner runs the action; the job summary and the `report` output in
// UTF-8 bytes, and the PR comment built from the complete report (report-file) in characters
// and bytes. Prints figures, asserts nothing. Run: tsc -p test/tsconfig.json && node
// test/.build/test/tools/sizes.js
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildCommentBody } from '../../src/report/comment.js';
import type { Report } from '../../src/report/model.js';
import { runAction, simInputs } from '../helpers/run-action.js';
import { generateFindings, SasSimulator } from '../simulator/sas-simulator.js';

const IMAGES = 200;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

async function measure(failing: boolean): Promise<void> {
  const sim = await SasSimulator.start();
  const workspace = mkdtempSync(path.join(tmpdir(), 'sas-sizes-'));
  const digests: string[] = [];
  for (let i = 0; i < IMAGES; i++) {
    const digest = i.toString(16).padStart(64, 'c');
    digests.push(digest);
    sim.addImage({
      digest,
      counts: { ImageCveVulCount: 12 },
      findings: generateFindings({ cve: 12, sca: 0, malicious: 0, baseline: 0, seed: i + 1 }),
    });
  }
  const r = await runAction({
    inputs: simInputs(sim.url, {
      images: digests.map((d) => `image-digest=${d}`).join('\n'),
      'max-cve-vulns': failing ? '0' : 'off',
      'require-scan': 'false',
      'report-file': 'report.json',
      'max-concurrency': '20',
    }),
    env: { GITHUB_WORKSPACE: workspace },
    timeoutMs: 300_000,
  });
  const full = readFileSync(path.join(workspace, 'report.json'), 'utf8');
  const comment = buildCommentBody(
    JSON.parse(full) as Report,
    { failBuild: true, onError: 'fail' },
    '<!-- sas-image-gate -->',
    undefined,
    [],
  );
  console.log(
    `${IMAGES} ${failing ? 'failing' : 'passing'} images × 12 CVEs: result ${r.outputs['result']} (${r.outputs['exceeded']}); summary ${bytes(r.summary)} bytes; report output ${bytes(r.outputs['report'] ?? '')} bytes; report-file ${bytes(full)} bytes; comment ${comment.length} characters, ${bytes(comment)} bytes`,
  );
  await sim.close();
  rmSync(workspace, { recursive: true, force: true });
}

await measure(false);
await measure(true);
