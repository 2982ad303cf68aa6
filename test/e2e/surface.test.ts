// The findings surface under adversarial answers and sizes (issue 20): secrets cut by a cap,
// outputs GitHub would refuse, a lying clock, files outside the ctx.workspace or left by an earlier
// run, rows naming another image, the path bound, a count answer with a key twice and the
// dockerfile input. Each runs the built action against the simulator, as the runner would.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reportOf, runAction, simInputs } from '../helpers/run-action.js';
import type { SimMaliciousPath } from '../simulator/findings.js';
import { useSimulator } from '../helpers/use-simulator.js';

const ctx = useSimulator();

const DIGEST = '2'.repeat(64);
const SECRET = 'test-key-secret';
let outside: string;

beforeEach(async () => {
  outside = realpathSync(mkdtempSync(path.join(tmpdir(), 'sas-gate-out-')));
});

afterEach(async () => {
  rmSync(outside, { recursive: true, force: true });
});

const run = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAction({
    inputs: simInputs(ctx.sim.url, { 'image-digest': DIGEST, ...inputs }),
    env: { GITHUB_WORKSPACE: ctx.workspace, SAS_IMAGE_GATE_FIRST_POLL_MS: '100', ...env },
    timeoutMs: 120_000,
  });

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('a secret cut by a cap (item 3)', () => {
  test('no prefix of the secret reaches the report output or the SARIF log', async () => {
    ctx.sim.addImage({
      digest: DIGEST,
      counts: { ImageCveVulCount: 1, ImageMaliciousFileCount: 1 },
      findings: {
        // Read capped at 2,000 characters: the cut falls 9 characters into the secret.
        cve: [
          {
            name: 'debian:12:CVE-2024-1000',
            aliasName: `${'x'.repeat(1990)}${SECRET} and more`,
            necessity: 'asap',
            canFix: 'yes',
          },
        ],
        // A SARIF message shows a path capped at 300 characters: the cut falls inside the secret.
        malicious: [
          {
            md5: 'a'.repeat(32),
            name: 'Webshell',
            level: 'serious',
            paths: [{ filePath: `/${'p'.repeat(290)}${SECRET}/tail` }],
          },
        ],
      },
    });
    const r = await run({ 'sarif-file': 'out.sarif', 'max-cve-vulns': '5' });
    const report = r.outputs['report'] ?? '';
    expect(report).toContain('x*** and m…');
    expect(report).not.toMatch(/test-key(?!-id)/);
    const sarif = readFileSync(path.join(ctx.workspace, 'out.sarif'), 'utf8');
    expect(sarif).toContain('ppp');
    expect(sarif).not.toMatch(/test-key(?!-id)/);
    expect(r.summary).not.toMatch(/test-key(?!-id)/);
  });
});

describe('sizes GitHub enforces (items 4, 5)', () => {
  test('one sample at 1,999 long paths: the report output stays within 512 KiB; the report file holds all', async () => {
    const paths: SimMaliciousPath[] = Array.from({ length: 1_999 }, (_, i) => ({
      filePath: `/srv/${String(i).padStart(4, '0')}/${'d'.repeat(1_900)}`,
    }));
    ctx.sim.maxPageSize = 100;
    ctx.sim.addImage({
      digest: DIGEST,
      counts: { ImageMaliciousFileCount: 1 },
      findings: {
        malicious: [{ md5: 'b'.repeat(32), name: 'Webshell', level: 'serious', paths }],
      },
    });
    const r = await run({ 'max-malicious-files': 'high:0', 'report-file': 'reports/full.json' });
    expect(r.outputs['result']).toBe('fail');
    expect(bytes(r.outputs['report'] ?? '')).toBeLessThanOrEqual(512 * 1024);
    const report = reportOf(r) as unknown as Record<string, unknown> & ReturnType<typeof reportOf>;
    expect(report['truncated']).toBe(true);
    const listed = report.images[0]?.findings['malicious-files']?.[0] as unknown as Record<
      string,
      unknown
    >;
    expect((listed['paths'] as string[]).length).toBeLessThan(1_999);
    expect(listed['pathsLeftOut']).toBe(1_999 - (listed['paths'] as string[]).length);
    const full = JSON.parse(
      readFileSync(path.join(ctx.workspace, 'reports/full.json'), 'utf8'),
    ) as {
      truncated?: boolean;
      images: Array<{ findings: Record<string, Array<{ paths: string[] }>> }>;
    };
    expect(full.truncated).toBeUndefined();
    expect(full.images[0]?.findings['malicious-files']?.[0]?.paths).toHaveLength(1_999);
  });

  test('an output that leaves nothing out is not marked truncated', async () => {
    ctx.sim.addImage({ digest: DIGEST, counts: {} });
    const r = await run({ 'report-file': 'full.json' });
    expect(r.outputs['result']).toBe('pass');
    expect(reportOf(r)).not.toHaveProperty('truncated');
    expect(JSON.parse(readFileSync(path.join(ctx.workspace, 'full.json'), 'utf8'))).toEqual(
      reportOf(r),
    );
  });

  test('CJK finding text: the job summary stays within 512 KiB of UTF-8', async () => {
    const cjk = '漏洞描述'.repeat(60);
    ctx.sim.maxPageSize = 100;
    ctx.sim.addImage({
      digest: DIGEST,
      counts: { ImageCveVulCount: 1000, ImageScaVulCount: 1000 },
      findings: {
        cve: Array.from({ length: 1000 }, (_, i) => ({
          name: `debian:12:CVE-2024-${String(10_000 + i)}`,
          aliasName: `${i} ${cjk}`,
          necessity: 'asap',
          canFix: 'yes',
          packages: [{ name: `包${cjk}`, version: `版${cjk}`, updateCmd: `命令${cjk}` }],
        })),
        sca: Array.from({ length: 1000 }, (_, i) => ({
          name: `组件-${i}`,
          aliasName: `${i} ${cjk}`,
          asap: 1,
        })),
      },
    });
    const r = await run({
      'max-cve-vulns': 'high:0',
      'max-sca-vulns': 'high:0',
      'list-findings': '1000',
    });
    expect(r.outputs['result']).toBe('fail');
    expect(r.summary.length).toBeGreaterThan(1000);
    expect(bytes(r.summary)).toBeLessThanOrEqual(512 * 1024);
  });
});

describe('a lying clock (item 8)', () => {
  const ZEROS = {
    ImageBaselineCount: 0,
    ImageMaliciousFileCount: 0,
    ImageScaVulCount: 0,
    ImageCveVulCount: 0,
  };
  test.each([
    ['10 minutes ahead', () => new Date(Date.now() + 10 * 60_000).toUTCString()],
    ['in 2099', () => 'Thu, 01 Jan 2099 00:00:00 GMT'],
    ['10 minutes behind', () => new Date(Date.now() - 10 * 60_000).toUTCString()],
  ])('a Date %s is treated as absent: the early count is asked again', async (_what, date) => {
    ctx.sim.addImage({
      digest: DIGEST,
      counts: { ImageCveVulCount: 7 },
      scanStates: [{ ScaStatus: 'SUCCESS', LastScanTime: 'now' }],
    });
    // The early answer describes the image before the scan that just finished: nothing yet.
    ctx.sim.fault(
      {
        kind: 'raw',
        status: 200,
        body: JSON.stringify({ RequestId: 'R', Data: ZEROS }),
        headers: { 'content-type': 'application/json', date: date() },
      },
      { action: 'DescribeImageSecurityScanCount', times: 1 },
    );
    const r = await run({});
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['cve-vulns']).toBe('7');
    expect(ctx.sim.requestsFor('DescribeImageSecurityScanCount')).toHaveLength(2);
  });
});

describe('files stay inside the ctx.workspace (items 9, 10)', () => {
  test.each([
    ['sarif-file', '../escape.sarif'],
    ['sarif-file', '/tmp/sas-gate-abs.sarif'],
    ['report-file', '../escape.json'],
  ])('%s %s is bad input, reported before any request', async (input, value) => {
    ctx.sim.addImage({ digest: DIGEST, counts: {} });
    const r = await run({ [input]: value, dockerfile: '.' });
    expect(r.outputs['result']).toBe('error');
    expect(r.exitCode).not.toBe(0);
    expect(ctx.sim.requests).toHaveLength(0);
    const problems = reportOf(r).problems ?? [];
    expect(problems.some((p) => p.startsWith(`${input}:`) && /workspace/.test(p))).toBe(true);
    // Every problem at once: the dockerfile too.
    expect(problems.some((p) => p.startsWith('dockerfile:'))).toBe(true);
  });

  test('a directory symlink leading out of the ctx.workspace is bad input', async () => {
    ctx.sim.addImage({ digest: DIGEST, counts: {} });
    symlinkSync(outside, path.join(ctx.workspace, 'out'));
    const r = await run({ 'sarif-file': 'out/x.sarif' });
    expect(r.outputs['result']).toBe('error');
    expect(ctx.sim.requests).toHaveLength(0);
    expect(existsSync(path.join(outside, 'x.sarif'))).toBe(false);
  });

  test.each(['sarif-file', 'report-file'])(
    'a symlink planted at the %s path is replaced, never written through',
    async (input) => {
      ctx.sim.addImage({ digest: DIGEST, counts: {} });
      const target = path.join(outside, 'victim.txt');
      writeFileSync(target, 'precious');
      symlinkSync(target, path.join(ctx.workspace, 'planted'));
      const r = await run({ [input]: 'planted' });
      expect(r.outputs['result']).toBe('pass');
      expect(readFileSync(target, 'utf8')).toBe('precious');
      const written = path.join(ctx.workspace, 'planted');
      expect(lstatSync(written).isSymbolicLink()).toBe(false);
      expect(readFileSync(written, 'utf8')).toMatch(/^\{/);
    },
  );

  test('a path inside the ctx.workspace that cannot be written stays a warning', async () => {
    ctx.sim.addImage({ digest: DIGEST, counts: {} });
    mkdirSync(path.join(ctx.workspace, 'dir.sarif'));
    const r = await run({ 'sarif-file': 'dir.sarif' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.exitCode).toBe(0);
    expect(r.outputs['sarif-file']).toBe('');
    expect(r.stdout).toMatch(/::warning::SARIF log not written/);
  });

  test('a SARIF log left by an earlier run is removed when none is written', async () => {
    ctx.sim.addImage({ digest: DIGEST, counts: {} });
    ctx.sim.fault(
      { kind: 'error', status: 400, code: 'InvalidParam' },
      { action: 'DescribeImageSecurityScanCount', times: 5 },
    );
    const file = path.join(ctx.workspace, 'out.sarif');
    writeFileSync(file, '{"old":true}');
    const r = await run({ 'sarif-file': 'out.sarif' });
    expect(r.outputs['sarif-file']).toBe('');
    expect(existsSync(file)).toBe(false);
    expect(r.stdout).toMatch(/old SARIF file .*removed/);
  });
});

describe('rows that name another image (item 11)', () => {
  test.each([
    ['Uuid', 'uuid-of-another-image'],
    ['RepoNamespace', 'other-ns'],
    ['RepoName', 'other-repo'],
  ])('a CVE row whose %s differs from the proof row: error', async (field, value) => {
    ctx.sim.addImage({
      digest: DIGEST,
      repoName: 'app',
      repoNamespace: 'team',
      counts: { ImageCveVulCount: 1 },
      findings: {
        cve: [{ name: 'debian:12:CVE-2024-2000', necessity: 'asap', canFix: 'yes' }],
      },
    });
    const list = ctx.sim.handlers.get('DescribeImageVulList')!;
    ctx.sim.handlers.set('DescribeImageVulList', (ctx) => {
      const answer = list(ctx);
      const rows = (answer.body['VulRecords'] ?? []) as Array<Record<string, unknown>>;
      for (const row of rows) {
        delete row['ImageDigest'];
        row[field] = value;
      }
      return answer;
    });
    const r = await run({ 'max-cve-vulns': 'high:5' });
    expect(r.outputs['result']).toBe('error');
    expect(reportOf(r).images[0]?.error).toMatch(new RegExp(`another image \\(page 1: ${field} `));
  });

  test('another Tag on the row is not another image', async () => {
    ctx.sim.addImage({
      digest: DIGEST,
      repoName: 'app',
      counts: { ImageCveVulCount: 1 },
      findings: { cve: [{ name: 'debian:12:CVE-2024-2001', necessity: 'asap', canFix: 'yes' }] },
    });
    const r = await run({ 'max-cve-vulns': 'high:5' });
    expect(r.outputs['result']).toBe('pass');
  });
});

describe('the 2,000 bound counts findings (item 12)', () => {
  test('one sample at 2,001 paths is read and counted once', async () => {
    ctx.sim.maxPageSize = 100;
    ctx.sim.addImage({
      digest: DIGEST,
      counts: { ImageMaliciousFileCount: 1 },
      findings: {
        malicious: [
          {
            md5: 'c'.repeat(32),
            name: 'Miner',
            level: 'serious',
            paths: Array.from({ length: 2_001 }, (_, i) => ({ filePath: `/bin/m${i}` })),
          },
        ],
      },
    });
    const r = await run({ 'max-malicious-files': 'high:1' });
    expect(r.outputs['result']).toBe('pass');
    expect(reportOf(r).images[0]?.levels['malicious-files']?.high).toBe(1);
  });
});

describe('a count answer with a key twice (item 14)', () => {
  test.each([
    [
      'a count field',
      '{"RequestId":"R","Data":{"ImageCveVulCount":7,"ImageScaVulCount":0,"ImageMaliciousFileCount":0,"ImageBaselineCount":0,"ImageCveVulCount":0}}',
    ],
    [
      'Data',
      '{"RequestId":"R","Data":{"ImageCveVulCount":7,"ImageScaVulCount":0,"ImageMaliciousFileCount":0,"ImageBaselineCount":0},"Data":{"ImageCveVulCount":0,"ImageScaVulCount":0,"ImageMaliciousFileCount":0,"ImageBaselineCount":0}}',
    ],
  ])('%s twice: error', async (_what, body) => {
    ctx.sim.addImage({ digest: DIGEST, counts: { ImageCveVulCount: 7 } });
    ctx.sim.fault(
      { kind: 'raw', status: 200, body, headers: { 'content-type': 'application/json' } },
      { action: 'DescribeImageSecurityScanCount' },
    );
    const r = await run({ 'require-scan': 'false' });
    expect(r.outputs['result']).toBe('error');
    expect(reportOf(r).images[0]?.error).toMatch(/twice/);
  });
});

describe('dockerfile (item 15)', () => {
  test.each(['.', 'docker/', 'docker/.', 'd'.repeat(1_025)])(
    'dockerfile %s is bad input naming the input',
    async (value) => {
      const r = await run({ dockerfile: value });
      expect(r.outputs['result']).toBe('error');
      expect(ctx.sim.requests).toHaveLength(0);
      expect(reportOf(r).problems?.some((p) => p.startsWith('dockerfile:'))).toBe(true);
    },
  );
});
