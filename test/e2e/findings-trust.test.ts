// Regressions from an adversarial review of the findings and latency work: each of these ended
// in a pass, or in a SARIF log that would close alerts, without the evidence the limits need.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT, reportOf, runAction, simInputs } from '../helpers/run-action.js';
import { useSimulator } from '../helpers/use-simulator.js';

const ctx = useSimulator();

const DIGEST = '1'.repeat(64);
const SKEW = path.join(ROOT, 'test', 'helpers', 'skew-clock.mjs');

const run = (
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
) =>
  runAction({
    inputs: simInputs(ctx.sim.url, { 'image-digest': DIGEST, ...inputs }),
    env: { GITHUB_WORKSPACE: ctx.workspace, SAS_IMAGE_GATE_FIRST_POLL_MS: '100', ...env },
    nodeArgs,
  });

const ZEROS = {
  ImageBaselineCount: 0,
  ImageMaliciousFileCount: 0,
  ImageScaVulCount: 0,
  ImageCveVulCount: 0,
};

test.each([0, 61_000, 180_000])(
  'a count asked while the scan ran is asked again, whatever the runner clock (skew %i ms)',
  async (skew) => {
    ctx.sim.addImage({
      digest: DIGEST,
      counts: { ImageCveVulCount: 7 },
      scanStates: [
        { ScaStatus: 'CVE_ANALYZER', LastScanTime: Date.now() - 86_400_000 },
        { ScaStatus: 'SUCCESS', LastScanTime: 'now' },
      ],
    });
    // While the scan runs, the count still describes the state before it: nothing found yet.
    const counts = ctx.sim.handlers.get('DescribeImageSecurityScanCount')!;
    ctx.sim.handlers.set('DescribeImageSecurityScanCount', (ctx) =>
      ctx.sim.requestsFor('DescribeImageInstances').length < 2
        ? { body: { Data: ZEROS } }
        : counts(ctx),
    );
    const r = await run({}, { SKEW_CLOCK_MS: String(skew) }, ['--import', SKEW]);
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['cve-vulns']).toBe('7');
    expect(ctx.sim.requestsFor('DescribeImageSecurityScanCount')).toHaveLength(2);
  },
);

test('an answer without a Date header is never taken from before the proof', async () => {
  ctx.sim.addImage({ digest: DIGEST, counts: { ImageCveVulCount: 2 } });
  ctx.sim.fault(
    {
      kind: 'raw',
      status: 200,
      body: JSON.stringify({ RequestId: 'R', Data: ZEROS }),
      headers: { 'content-type': 'application/json', date: 'not a date' },
    },
    { action: 'DescribeImageSecurityScanCount' },
  );
  const r = await run({});
  expect(r.outputs['result']).toBe('fail');
  expect(ctx.sim.requestsFor('DescribeImageSecurityScanCount')).toHaveLength(2);
});

describe('CVE pages that cannot be shown distinct and in order', () => {
  const record = (i: number, necessity: string) => ({
    Name: `debian:12:CVE-2024-${String(i).padStart(4, '0')}`,
    Related: `CVE-2024-${String(i).padStart(4, '0')}`,
    Necessity: necessity,
    CanFix: 'yes',
    Status: 1,
    ImageDigest: DIGEST,
  });
  const low = Array.from({ length: 100 }, (_, i) => record(i, 'nntf'));

  test('a server that ignores CurrentPage (page 1 twice): error', async () => {
    ctx.sim.addImage({ digest: DIGEST, counts: { ImageCveVulCount: 200 } });
    ctx.sim.handlers.set('DescribeImageVulList', () => ({
      body: { PageSize: 100, TotalCount: 200, VulRecords: low },
    }));
    const r = await run({ 'max-cve-vulns': 'high:0', 'list-findings': '0' });
    expect(r.outputs['result']).toBe('error');
    expect(reportOf(r).images[0]?.error).toMatch(/without CurrentPage/);
  });

  test('overlapping pages (a record twice, another never): error', async () => {
    ctx.sim.addImage({ digest: DIGEST, counts: { ImageCveVulCount: 101 } });
    ctx.sim.handlers.set('DescribeImageVulList', (ctx) => {
      const page = Number(ctx.params['CurrentPage']);
      return {
        body: {
          CurrentPage: page,
          PageSize: 100,
          TotalCount: 101,
          VulRecords: page === 1 ? low : [low[99]],
        },
      };
    });
    const r = await run({ 'max-cve-vulns': 'high:0', 'list-findings': '0' });
    expect(r.outputs['result']).toBe('error');
    expect(reportOf(r).images[0]?.error).toMatch(/a second time/);
  });
});

test('an SCA item with an unreadable count is counted as high, never lower', async () => {
  ctx.sim.addImage({ digest: DIGEST, counts: { ImageScaVulCount: 1 } });
  ctx.sim.handlers.set('DescribeImageGroupedVulList', (ctx) => ({
    body: {
      CurrentPage: Number(ctx.params['CurrentPage']),
      PageSize: 100,
      TotalCount: 1,
      GroupedVulItems: [
        { Name: 'log4j', AsapCount: '3.0', LaterCount: 1, NntfCount: 0, CanFix: 'yes', Status: 0 },
      ],
    },
  }));
  const r = await run({ 'max-sca-vulns': 'high:0' });
  expect(r.outputs['result']).toBe('fail');
  expect(reportOf(r).images[0]?.levels['sca-vulns']).toEqual({ high: 1, medium: 0, low: 0 });
  expect(r.summary).toMatch(/level the gate does not know/);
});

test('a malicious sample counts when either its grouped row or its file row says so', async () => {
  ctx.sim.addImage({
    digest: DIGEST,
    counts: {},
    findings: {
      malicious: [
        {
          md5: 'a'.repeat(32),
          name: 'Miner',
          level: 'serious',
          status: 0,
          paths: [{ filePath: '/usr/bin/x', status: 1 }],
        },
        {
          md5: 'b'.repeat(32),
          name: 'Adware',
          level: 'remind',
          status: 0,
          paths: [{ filePath: '/usr/bin/y' }],
        },
      ],
    },
  });
  const r = await run({ 'max-malicious-files': 'high:0', 'list-findings': '0' });
  expect(r.outputs['result']).toBe('fail');
  expect(reportOf(r).images[0]?.levels['malicious-files']).toEqual({ high: 1, medium: 0, low: 1 });
});

describe('no SARIF log that would close alerts that still exist', () => {
  test('an image that could not be checked: no log, empty output, a warning', async () => {
    ctx.sim.addImage({ digest: DIGEST, counts: {}, scanStates: [{ ScaStatus: 'FAIL' }] });
    const r = await run({ 'sarif-file': 'out.sarif' });
    expect(r.outputs['result']).toBe('error');
    expect(r.outputs['sarif-file']).toBe('');
    expect(existsSync(path.join(ctx.workspace, 'out.sarif'))).toBe(false);
    expect(r.stdout).toMatch(/::warning::SARIF log not written/);
  });

  test('a list that could not be read: no log, the verdict stands', async () => {
    ctx.sim.addImage({
      digest: DIGEST,
      counts: {},
      findings: { cve: [{ name: 'debian:12:CVE-2024-0001', necessity: 'nntf', canFix: 'yes' }] },
    });
    ctx.sim.fault(
      { kind: 'error', status: 403, code: 'NoPermission', message: 'denied' },
      { action: 'DescribeImageVulList', times: Infinity },
    );
    const r = await run({ 'sarif-file': 'out.sarif', 'max-cve-vulns': '5' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['sarif-file']).toBe('');
    expect(r.stdout).toMatch(/cve-vulns list\(s\) of the image could not be read/);
  });
});

test('bare URLs in Security Center text are not turned into links', async () => {
  ctx.sim.addImage({
    digest: DIGEST,
    counts: {},
    findings: {
      cve: [
        {
          name: 'debian:12:CVE-2024-0001',
          related: 'CVE-2024-0001',
          necessity: 'asap',
          aliasName: 'see https://evil.example and www.evil.example',
          canFix: 'yes',
        },
      ],
    },
  });
  const r = await run({ 'max-cve-vulns': 'high:0' });
  expect(r.outputs['result']).toBe('fail');
  expect(r.summary).not.toMatch(/https:\/\/evil/);
  expect(r.summary).not.toMatch(/www\.evil/);
});
