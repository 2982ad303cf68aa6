// Severity-aware limits, ignore-unfixable, listed findings and SARIF (issue 11), on the built
// action against the simulator's finding lists.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { reportOf, runAction, simInputs, type ActionRun } from '../helpers/run-action.js';
import { errorsOf, validate } from '../helpers/sarif-validator.js';
import { generateFindings, type SimCve, type SimFindings } from '../simulator/sas-simulator.js';
import { useSimulator } from '../helpers/use-simulator.js';

const ctx = useSimulator();

const DIGEST = '1'.repeat(64);
const OTHER = '2'.repeat(64);
const LIST_ACTIONS = [
  'DescribeImageVulList',
  'DescribeImageGroupedVulList',
  'DescribeGroupedMaliciousFiles',
  'DescribeAffectedMaliciousFileImages',
  'DescribeImageBaselineCheckResult',
];

const run = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAction({
    inputs: simInputs(ctx.sim.url, { 'image-digest': DIGEST, ...inputs }),
    env: { GITHUB_WORKSPACE: ctx.workspace, SAS_IMAGE_GATE_FIRST_POLL_MS: '100', ...env },
  });

const cve = (name: string, necessity: string, over: Partial<SimCve> = {}): SimCve => ({
  name: `debian:12:${name}`,
  related: name,
  aliasName: `${name} title`,
  necessity,
  canFix: 'yes',
  packages: [
    { name: 'openssl', version: '3.0.11-1', updateCmd: 'apt-get install openssl --only-upgrade' },
  ],
  ...over,
});

function image(findings: SimFindings, digest = DIGEST): void {
  ctx.sim.addImage({ digest, repoId: 'crr-1', counts: {}, findings });
}

const listCalls = () => ctx.sim.requests.filter((r) => LIST_ACTIONS.includes(r.action));
const cat = (r: ActionRun, c: string) => reportOf(r).images[0]?.categories[c as 'cve-vulns'];

describe('level terms', () => {
  test.each([
    ['high:0', 'fail', ['high:0']],
    ['asap:0', 'fail', ['high:0']],
    ['HIGH:1', 'pass', []],
    ['medium:2', 'fail', ['medium:2']],
    ['later:3', 'pass', []],
    ['low:4', 'pass', []],
    ['high:1,medium:2', 'fail', ['medium:2']],
    ['high:5, 2', 'fail', ['2']],
  ])('max-cve-vulns: %s → %s', async (limit, result, terms) => {
    image({
      cve: [
        cve('CVE-2024-0001', 'asap'),
        cve('CVE-2024-0002', 'later'),
        cve('CVE-2024-0003', 'later'),
        cve('CVE-2024-0004', 'nntf'),
      ],
    });
    const r = await run({ 'max-cve-vulns': limit, 'list-findings': '0' });
    expect(r.outputs['result']).toBe(result);
    expect(r.outputs['cve-vulns']).toBe('4');
    expect(cat(r, 'cve-vulns')).toMatchObject({ limitText: limit, exceededTerms: terms });
    expect(reportOf(r).images[0]?.levels['cve-vulns']).toEqual({ high: 1, medium: 2, low: 1 });
  });

  test('each category reads its own list with its own level words', async () => {
    image({
      sca: [{ name: 'lodash', asap: 0, later: 2, nntf: 0, canFix: 'yes' }],
      malicious: [
        {
          md5: 'a'.repeat(32),
          name: 'Webshell',
          level: 'suspicious',
          paths: [{ filePath: '/app/x.php' }],
        },
      ],
      baseline: [
        { key: 'ssh_root', alias: 'SSH root login', level: 'high', status: 0, high: 1 },
        { key: 'passwd', alias: 'Password age', level: 'low', status: 0, low: 2 },
        { key: 'fixed', alias: 'Fixed check', level: 'high', status: 1 },
      ],
    });
    const r = await run({
      'max-sca-vulns': 'later:0',
      'max-malicious-files': 'serious:0',
      'max-baseline-risks': 'high:0',
      'max-cve-vulns': 'off',
      'list-findings': '0',
    });
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['exceeded']).toBe('baseline-risks,sca-vulns');
    const levels = reportOf(r).images[0]?.levels;
    expect(levels).toEqual({
      'baseline-risks': { high: 1, medium: 0, low: 1 },
      'malicious-files': { high: 0, medium: 1, low: 0 },
      'sca-vulns': { high: 0, medium: 1, low: 0 },
    });
    // The baseline list is read by the UUID the scan proof's row gives.
    expect(ctx.sim.requestsFor('DescribeImageBaselineCheckResult')[0]?.params['ImageUuid']).toBe(
      `uuid-${DIGEST.slice(0, 8)}`,
    );
  });

  test('without the scan proof, the baseline UUID comes from the image row', async () => {
    image({ baseline: [{ key: 'k', alias: 'Check', level: 'medium', status: 0 }] });
    const r = await run({ 'max-baseline-risks': 'high:0', 'require-scan': 'false' });
    expect(r.outputs['result']).toBe('pass');
    expect(ctx.sim.requestsFor('DescribeImageInstances')).toHaveLength(1);
    expect(ctx.sim.requestsFor('DescribeImageBaselineCheckResult')).toHaveLength(1);
  });

  test.each([
    ['high:-1'],
    ['critical:0'],
    ['high:0,high:1'],
    ['1,2'],
    ['off,high:0'],
    ['high:0 medium:1'],
    ['serious:0'],
    ['high:'],
  ])('a bad term (%s) is bad input naming it, before any request', async (limit) => {
    const r = await run({ 'max-cve-vulns': limit });
    expect(r.exitCode).toBe(1);
    expect(r.outputs['result']).toBe('error');
    expect(ctx.sim.requests).toHaveLength(0);
    const problem = reportOf(r).problems?.find((p) => p.startsWith('max-cve-vulns:')) ?? '';
    expect(problem).toMatch(/LEVEL:N/);
    expect(problem).toMatch(/asap, later, nntf/);
  });
});

describe('ignore-unfixable', () => {
  const findings = {
    cve: [
      cve('CVE-2024-1000', 'asap', { canFix: 'no' }),
      cve('CVE-2024-1001', 'asap', { canFix: 'no' }),
      cve('CVE-2024-1002', 'later', { canFix: undefined }),
    ],
  };

  test('vulnerabilities marked CanFix no are left out; a missing CanFix counts', async () => {
    image(findings);
    const on = await run({ 'max-cve-vulns': 'high:0,medium:0', 'ignore-unfixable': 'true' });
    expect(on.outputs['result']).toBe('fail');
    expect(cat(on, 'cve-vulns')?.exceededTerms).toEqual(['medium:0']);
    expect(reportOf(on).images[0]?.unfixableIgnored).toEqual({ 'cve-vulns': 2, 'sca-vulns': 0 });
    expect(on.summary).toContain('2 without a fix left out');
    const off = await run({ 'max-cve-vulns': 'high:0,medium:0' });
    expect(cat(off, 'cve-vulns')?.exceededTerms).toEqual(['high:0', 'medium:0']);
  });

  test('a bare N then counts the fixable findings of the list, not the total', async () => {
    image(findings);
    const r = await run({
      'max-cve-vulns': '1',
      'ignore-unfixable': 'true',
      'max-sca-vulns': 'off',
    });
    expect(r.outputs['cve-vulns']).toBe('3');
    expect(r.outputs['result']).toBe('pass');
  });
});

test('pages after the first are read at the page size the server reports', async () => {
  ctx.sim.maxPageSize = 50;
  image({ cve: Array.from({ length: 120 }, (_, i) => cve(`CVE-2024-${2000 + i}`, 'nntf')) });
  const r = await run({ 'max-cve-vulns': 'high:0', 'list-findings': '0' });
  expect(r.outputs['result']).toBe('pass');
  expect(reportOf(r).images[0]?.levels['cve-vulns']).toEqual({ high: 0, medium: 0, low: 120 });
  expect(ctx.sim.requestsFor('DescribeImageVulList').map((q) => q.params['CurrentPage'])).toEqual(
    expect.arrayContaining(['1', '2', '3']) as unknown,
  );
});

describe('a list that cannot be read', () => {
  const deny = () =>
    ctx.sim.fault(
      { kind: 'error', status: 403, code: 'NoPermission', message: 'denied' },
      { action: 'DescribeImageVulList', times: Infinity },
    );

  test('with a level term: error naming the missing RAM action, never pass', async () => {
    image({ cve: [cve('CVE-2024-0001', 'nntf')] });
    deny();
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('error');
    expect(r.exitCode).toBe(1);
    expect(reportOf(r).images[0]?.error).toMatch(
      /CVE vulnerability list .* could not be read: .*yundun-sas:DescribeImageVulList/,
    );
  });

  test('read only to show: the verdict stands and the summary says which and why', async () => {
    image({ cve: [cve('CVE-2024-0001', 'nntf')] });
    deny();
    const r = await run({ 'max-cve-vulns': '0' });
    expect(r.outputs['result']).toBe('fail');
    expect(r.summary).toMatch(/CVE vulnerability list .* could not be read/);
    expect(r.summary).toContain('yundun-sas:DescribeImageVulList');
  });

  test.each([
    ['malformed', () => ctx.sim.listQuirks.set('DescribeImageVulList', { omitList: true })],
    ['short', () => ctx.sim.listQuirks.set('DescribeImageVulList', { shortPage: 1 })],
  ])('%s, with a level term: error', async (_, quirk) => {
    image({ cve: [cve('CVE-2024-0001', 'nntf'), cve('CVE-2024-0002', 'nntf')] });
    quirk();
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('error');
  });

  test('over the 2,000 bound, with a level term: error after one page', async () => {
    image({ cve: Array.from({ length: 2001 }, (_, i) => cve(`CVE-2023-${10000 + i}`, 'nntf')) });
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('error');
    expect(reportOf(r).images[0]?.error).toMatch(/more than the 2,000/);
    expect(ctx.sim.requestsFor('DescribeImageVulList').length).toBeLessThanOrEqual(2);
  });

  test('a list with nothing while the count query counts some is not trusted', async () => {
    ctx.sim.addImage({ digest: DIGEST, counts: { ImageCveVulCount: 3 }, findings: { cve: [] } });
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('error');
    expect(reportOf(r).images[0]?.error).toMatch(/cannot be trusted/);
  });
});

describe('list calls only when needed', () => {
  test('list-findings 0, no level term, no ignore-unfixable, no sarif-file: none', async () => {
    image({ cve: [cve('CVE-2024-0001', 'asap')] });
    const r = await run({ 'list-findings': '0' });
    expect(r.outputs['result']).toBe('fail');
    expect(listCalls()).toHaveLength(0);
  });

  test('a passing image costs no list call for display', async () => {
    image({});
    const r = await run({});
    expect(r.outputs['result']).toBe('pass');
    expect(listCalls()).toHaveLength(0);
  });

  test('a failing image lists all four categories, off ones too', async () => {
    image({
      cve: [cve('CVE-2024-0001', 'asap')],
      malicious: [
        {
          md5: 'b'.repeat(32),
          name: 'Miner',
          level: 'serious',
          paths: [{ filePath: '/usr/bin/xmr' }],
        },
      ],
    });
    const r = await run({ 'max-malicious-files': 'off' });
    expect(r.outputs['exceeded']).toBe('cve-vulns');
    const findings = reportOf(r).images[0]?.findings;
    expect(findings?.['malicious-files']?.[0]).toMatchObject({
      id: 'Miner',
      md5: 'b'.repeat(32),
      paths: ['/usr/bin/xmr'],
    });
    expect(findings?.['cve-vulns']?.[0]).toMatchObject({
      id: 'CVE-2024-0001',
      level: 'high',
      fixable: true,
      links: ['https://avd.aliyun.com/detail/CVE-2024-0001'],
    });
    expect(new Set(listCalls().map((q) => q.action))).toEqual(new Set(LIST_ACTIONS));
  });
});

test('findings are listed most severe first, then fixable first, then by id, escaped', async () => {
  image({
    cve: [
      cve('CVE-2024-0300', 'nntf'),
      cve('CVE-2024-0200', 'asap', { canFix: 'no' }),
      cve('CVE-2024-0100', 'asap', {
        aliasName: '<script>alert(1)</script> | **bold**\n::error::x',
      }),
      cve('CVE-2024-0050', 'later'),
    ],
  });
  const r = await run({ 'list-findings': '3' });
  const listed = reportOf(r).images[0]?.findings['cve-vulns'] ?? [];
  expect(listed.map((f) => f.id)).toEqual(['CVE-2024-0100', 'CVE-2024-0200', 'CVE-2024-0050']);
  expect(r.summary).toContain('3 of 4 listed');
  expect(r.summary).not.toContain('<script>');
  expect(r.summary).toContain('&lt;script&gt;');
  expect(r.summary).toContain('[CVE-2024-0100](https://avd.aliyun.com/detail/CVE-2024-0100)');
  for (const line of r.summary.split('\n').filter((l) => l.startsWith('| [CVE')))
    expect(line.split('|').length - 1).toBe(7);
  expect(r.stdout.split(/\r?\n/).some((l) => l.startsWith('::error::x'))).toBe(false);
});

test('SARIF: every finding read, validated by the SARIF multitool', async () => {
  image(generateFindings({ cve: 30, sca: 8, malicious: 2, baseline: 5, seed: 3 }));
  const r = await run({
    'sarif-file': 'out/gate.sarif',
    dockerfile: './docker/Dockerfile',
    'list-findings': '2',
  });
  const file = path.join(ctx.workspace, 'out', 'gate.sarif');
  expect(r.outputs['sarif-file']).toBe(file);
  const log = JSON.parse(readFileSync(file, 'utf8')) as {
    runs: Array<{
      tool: { driver: { name: string; version: string } };
      results: Array<{
        locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
      }>;
      automationDetails: { id: string };
    }>;
  };
  const sarifRun = log.runs[0];
  expect(sarifRun?.tool.driver.name).toBe('sas-image-gate');
  expect(sarifRun?.automationDetails.id).toMatch(/^sas-image-gate\/[0-9a-f]{16}\/$/);
  expect(sarifRun?.results.length).toBeGreaterThan(10);
  expect(sarifRun?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
    'docker/Dockerfile',
  );
  expect(errorsOf(validate({ gate: log }))).toEqual([]);
});

test('several images: each with its own levels and findings', async () => {
  image({ cve: [cve('CVE-2024-0001', 'asap')] }, DIGEST);
  image({ cve: [cve('CVE-2024-0002', 'nntf')] }, OTHER);
  const r = await run({ 'image-digest': `${DIGEST},${OTHER}`, 'max-cve-vulns': 'high:0' });
  const images = reportOf(r).images;
  expect(images.map((i) => i.result)).toEqual(['fail', 'pass']);
  expect(images.map((i) => i.levels['cve-vulns']?.high)).toEqual([1, 0]);
  expect(r.outputs['exceeded']).toBe('cve-vulns');
});

test('a scan that finished long before: the early count and lists are used, not asked again', async () => {
  image({ cve: [cve('CVE-2024-0001', 'nntf')] });
  const r = await run({ 'max-cve-vulns': 'high:0' });
  expect(r.outputs['result']).toBe('pass');
  expect(ctx.sim.requestsFor('DescribeImageSecurityScanCount')).toHaveLength(1);
  expect(ctx.sim.requestsFor('DescribeImageVulList')).toHaveLength(1);
});
