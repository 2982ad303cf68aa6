// Stop what no longer matters (issue 20 item 13): once an image's verdict is decided, the
// requests still in flight for it are aborted, so a page that never answers cannot hold the step
// open until timeout-seconds. Each run here has timeout-seconds 8 and a request that hangs; the
// process must end within a couple of seconds of the failure that decided the verdict.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reportOf, runAction, simInputs } from '../helpers/run-action.js';
import { generateFindings, SasSimulator } from '../simulator/sas-simulator.js';

const DIGEST = '1'.repeat(64);
/** Far below timeout-seconds (8 s): the verdict is known at once, the hanging page is not waited for. */
const PROMPT_MS = 5_000;
let sim: SasSimulator;
let workspace: string;

beforeEach(async () => {
  sim = await SasSimulator.start();
  workspace = mkdtempSync(path.join(tmpdir(), 'sas-gate-ws-'));
});

afterEach(async () => {
  await sim.close();
  rmSync(workspace, { recursive: true, force: true });
});

const run = (inputs: Record<string, string>) =>
  runAction({
    inputs: simInputs(sim.url, { 'image-digest': DIGEST, 'timeout-seconds': '8', ...inputs }),
    env: { GITHUB_WORKSPACE: workspace, SAS_IMAGE_GATE_FIRST_POLL_MS: '100' },
  });

const MALFORMED = {
  kind: 'raw',
  status: 200,
  body: 'not json',
  headers: { 'content-type': 'text/plain' },
} as const;

test('a malformed page ends the image at once; the page still in flight is not waited for', async () => {
  sim.maxPageSize = 50;
  sim.addImage({
    digest: DIGEST,
    counts: {},
    findings: generateFindings({ cve: 120, sca: 0, malicious: 0, baseline: 0, seed: 2 }),
  });
  sim.fault(MALFORMED, { action: 'DescribeImageVulList', page: 2 });
  sim.fault({ kind: 'hang' }, { action: 'DescribeImageVulList', page: 3, times: Infinity });
  const r = await run({ 'require-scan': 'false', 'max-cve-vulns': 'high:0' });
  expect(r.outputs['result']).toBe('error');
  expect(reportOf(r).images[0]?.error).toMatch(/CVE vulnerability list .* could not be read/);
  expect(sim.requestsFor('DescribeImageVulList').map((q) => q.params['CurrentPage'])).toEqual(
    expect.arrayContaining(['1', '2', '3']) as unknown,
  );
  expect(r.ms).toBeLessThan(PROMPT_MS);
});

test('a later page that fails ends the list while an earlier page still hangs', async () => {
  sim.maxPageSize = 50;
  sim.addImage({
    digest: DIGEST,
    counts: {},
    findings: generateFindings({ cve: 120, sca: 0, malicious: 0, baseline: 0, seed: 4 }),
  });
  sim.fault({ kind: 'hang' }, { action: 'DescribeImageVulList', page: 2, times: Infinity });
  sim.fault(MALFORMED, { action: 'DescribeImageVulList', page: 3 });
  const r = await run({ 'require-scan': 'false', 'max-cve-vulns': 'high:0' });
  expect(r.outputs['result']).toBe('error');
  expect(reportOf(r).images[0]?.error).toMatch(/CVE vulnerability list .* could not be read/);
  expect(r.ms).toBeLessThan(PROMPT_MS);
});

test('a failed enforced list decides the image while another enforced list still hangs', async () => {
  sim.addImage({
    digest: DIGEST,
    counts: {},
    findings: generateFindings({ cve: 5, sca: 5, malicious: 0, baseline: 0, seed: 3 }),
  });
  sim.fault({ kind: 'hang' }, { action: 'DescribeImageGroupedVulList', times: Infinity });
  sim.fault(MALFORMED, { action: 'DescribeImageVulList', times: Infinity });
  const r = await run({
    'require-scan': 'false',
    'max-sca-vulns': 'high:0',
    'max-cve-vulns': 'high:0',
  });
  expect(r.outputs['result']).toBe('error');
  expect(reportOf(r).images[0]?.error).toMatch(/CVE vulnerability list .* could not be read/);
  expect(r.ms).toBeLessThan(PROMPT_MS);
});

test('an early list read that is asked again leaves no page of the first read in flight', async () => {
  sim.maxPageSize = 50;
  sim.addImage({
    digest: DIGEST,
    counts: {},
    findings: generateFindings({ cve: 120, sca: 0, malicious: 0, baseline: 0, seed: 2 }),
  });
  // The early read fails on page 2 while its page 3 hangs; the read after the proof succeeds.
  sim.fault(MALFORMED, { action: 'DescribeImageVulList', page: 2 });
  sim.fault({ kind: 'hang' }, { action: 'DescribeImageVulList', page: 3 });
  const r = await run({ 'max-cve-vulns': 'high:1000' });
  expect(r.outputs['result']).toBe('pass');
  expect(
    sim.requestsFor('DescribeImageVulList').filter((q) => q.params['CurrentPage'] === '1'),
  ).toHaveLength(2);
  expect(r.ms).toBeLessThan(PROMPT_MS);
});
