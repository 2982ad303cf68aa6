// Stop what no longer matters (issue 20 item 13): once an image's verdict is decided, the
// requests still in flight for it are aborted, so a page that never answers cannot hold the step
// open until timeout-seconds. Each run here has timeout-seconds 8 and a request that hangs; the
// process must end within a couple of seconds of the failure that decided the verdict.
import { reportOf, runAction, simInputs } from '../helpers/run-action.js';
import { generateFindings } from '../simulator/sas-simulator.js';
import { useSimulator } from '../helpers/use-simulator.js';

const ctx = useSimulator();

const DIGEST = '1'.repeat(64);
/** Far below timeout-seconds (8 s): the verdict is known at once, the hanging page is not waited for. */
const PROMPT_MS = 5_000;

const run = (inputs: Record<string, string>) =>
  runAction({
    inputs: simInputs(ctx.sim.url, { 'image-digest': DIGEST, 'timeout-seconds': '8', ...inputs }),
    env: { GITHUB_WORKSPACE: ctx.workspace, SAS_IMAGE_GATE_FIRST_POLL_MS: '100' },
  });

const MALFORMED = {
  kind: 'raw',
  status: 200,
  body: 'not json',
  headers: { 'content-type': 'text/plain' },
} as const;

test('a malformed page ends the image at once; the page still in flight is not waited for', async () => {
  ctx.sim.maxPageSize = 50;
  ctx.sim.addImage({
    digest: DIGEST,
    counts: {},
    findings: generateFindings({ cve: 120, sca: 0, malicious: 0, baseline: 0, seed: 2 }),
  });
  ctx.sim.fault(MALFORMED, { action: 'DescribeImageVulList', page: 2 });
  ctx.sim.fault({ kind: 'hang' }, { action: 'DescribeImageVulList', page: 3, times: Infinity });
  const r = await run({ 'require-scan': 'false', 'max-cve-vulns': 'high:0' });
  expect(r.outputs['result']).toBe('error');
  expect(reportOf(r).images[0]?.error).toMatch(/CVE vulnerability list .* could not be read/);
  expect(ctx.sim.requestsFor('DescribeImageVulList').map((q) => q.params['CurrentPage'])).toEqual(
    expect.arrayContaining(['1', '2', '3']) as unknown,
  );
  expect(r.ms).toBeLessThan(PROMPT_MS);
});

test('a later page that fails ends the list while an earlier page still hangs', async () => {
  ctx.sim.maxPageSize = 50;
  ctx.sim.addImage({
    digest: DIGEST,
    counts: {},
    findings: generateFindings({ cve: 120, sca: 0, malicious: 0, baseline: 0, seed: 4 }),
  });
  ctx.sim.fault({ kind: 'hang' }, { action: 'DescribeImageVulList', page: 2, times: Infinity });
  ctx.sim.fault(MALFORMED, { action: 'DescribeImageVulList', page: 3 });
  const r = await run({ 'require-scan': 'false', 'max-cve-vulns': 'high:0' });
  expect(r.outputs['result']).toBe('error');
  expect(reportOf(r).images[0]?.error).toMatch(/CVE vulnerability list .* could not be read/);
  expect(r.ms).toBeLessThan(PROMPT_MS);
});

test('a failed enforced list decides the image while another enforced list still hangs', async () => {
  ctx.sim.addImage({
    digest: DIGEST,
    counts: {},
    findings: generateFindings({ cve: 5, sca: 5, malicious: 0, baseline: 0, seed: 3 }),
  });
  ctx.sim.fault({ kind: 'hang' }, { action: 'DescribeImageGroupedVulList', times: Infinity });
  ctx.sim.fault(MALFORMED, { action: 'DescribeImageVulList', times: Infinity });
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
  ctx.sim.maxPageSize = 50;
  ctx.sim.addImage({
    digest: DIGEST,
    counts: {},
    findings: generateFindings({ cve: 120, sca: 0, malicious: 0, baseline: 0, seed: 2 }),
  });
  // The early read fails on page 2 while its page 3 hangs; the read after the proof succeeds.
  ctx.sim.fault(MALFORMED, { action: 'DescribeImageVulList', page: 2 });
  ctx.sim.fault({ kind: 'hang' }, { action: 'DescribeImageVulList', page: 3 });
  const r = await run({ 'max-cve-vulns': 'high:1000' });
  expect(r.outputs['result']).toBe('pass');
  expect(
    ctx.sim.requestsFor('DescribeImageVulList').filter((q) => q.params['CurrentPage'] === '1'),
  ).toHaveLength(2);
  expect(r.ms).toBeLessThan(PROMPT_MS);
});
