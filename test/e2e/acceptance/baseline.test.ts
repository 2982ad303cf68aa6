// Black-box acceptance tests of issue 18, part 2 and "both parts": written from the contract,
// action.yml and README alone (without reading src/), by an independent reviewer, and kept as
// regression tests. They run the built action (and, for part 2, the command line) against the
// simulator, as the hidden acceptance suite does. Each test names the contract sentence it checks.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   black-box: the report is read as untyped JSON, as an outside consumer of the action reads it,
   never through the source's types. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FakeGitHub, INSTALLATION_TOKEN } from '../../helpers/fake-github.js';
import { runAction, simInputs, type ActionRun } from '../../helpers/run-action.js';
import { runCli, simEnv, tempDir } from '../../helpers/run-cli.js';
import { useSimulator } from '../../helpers/use-simulator.js';
import type {
  Fault,
  SimBaselineCheck,
  SimCve,
  SimImage,
  SimMalicious,
  SimScaItem,
} from '../../simulator/sas-simulator.js';

import { jest } from '@jest/globals';
jest.setTimeout(90_000);

const ctx = useSimulator();

const PR = '1'.repeat(64);
const MAIN = '2'.repeat(64);
const OTHER = '3'.repeat(64);
const API = '4'.repeat(64);
const API_OLD = '5'.repeat(64);
const JOBS = '6'.repeat(64);
const JOBS_OLD = '7'.repeat(64);
const HOUR = 3_600_000;

// ---------------------------------------------------------------------------------------------
// Finding builders

function cve(
  id: string,
  necessity: string,
  pkgs: string | Array<{ name: string; version?: string }> = 'openssh-server',
  extra: Partial<SimCve> = {},
): SimCve {
  const packages =
    typeof pkgs === 'string'
      ? [{ name: pkgs, version: '1:9.2p1-2', updateCmd: 'apt-get upgrade' }]
      : pkgs.map((p) => ({ name: p.name, version: p.version ?? '1.0', updateCmd: 'apt upgrade' }));
  return {
    name: `debian:12:${id}`,
    related: id,
    aliasName: `${id} title`,
    necessity,
    canFix: 'yes',
    packages,
    ...extra,
  };
}

function sca(name: string, level: 'asap' | 'later' | 'nntf', extra: Partial<SimScaItem> = {}) {
  return {
    name,
    aliasName: `${name} title`,
    asap: level === 'asap' ? 1 : 0,
    later: level === 'later' ? 1 : 0,
    nntf: level === 'nntf' ? 1 : 0,
    canFix: 'yes',
    status: 0,
    ...extra,
  } satisfies SimScaItem;
}

function mal(c: string, level = 'serious', file = '/var/www/html/shell.php'): SimMalicious {
  return {
    md5: c.repeat(32),
    name: 'Webshell',
    key: 'WEBSHELL_IMG',
    level,
    paths: [{ filePath: file }],
  };
}

function chk(key: string, level: string, extra: Partial<SimBaselineCheck> = {}): SimBaselineCheck {
  return {
    key,
    alias: `${key} alias`,
    classAlias: 'Container configuration',
    level,
    status: 0,
    high: level === 'high' ? 1 : 0,
    medium: level === 'medium' ? 1 : 0,
    low: level === 'low' ? 1 : 0,
    ...extra,
  };
}

const SSH = cve('CVE-2024-6387', 'asap');
const NEW = cve('CVE-2025-0001', 'asap');

function add(digest: string, findings: SimImage['findings'], extra: Partial<SimImage> = {}) {
  const img: SimImage = { digest, repoId: 'crr-1', counts: {}, findings, ...extra };
  ctx.sim.addImage(img);
  return img;
}

/** The usual pair: PR (tag pr-7) and MAIN (tag main), both in crr-1. */
function pair(
  pr: SimImage['findings'],
  main: SimImage['findings'],
  mainExtra: Partial<SimImage> = {},
) {
  add(PR, pr, { tag: 'pr-7' });
  return add(MAIN, main, { tag: 'main', ...mainExtra });
}

// ---------------------------------------------------------------------------------------------
// Running

function run(
  inputs: Record<string, string> = {},
  extra: Partial<Parameters<typeof runAction>[0]> = {},
) {
  return runAction({
    inputs: simInputs(ctx.sim.url, {
      'image-digest': PR,
      'repo-id': 'crr-1',
      'baseline-image-tag': 'main',
      'max-cve-vulns': 'high:0',
      'timeout-seconds': '20',
      ...inputs,
    }),
    workspace: ctx.workspace,
    ...extra,
  });
}

const rep = (r: ActionRun): any => JSON.parse(r.outputs['report'] ?? 'null');
const img0 = (r: ActionRun): any => rep(r)?.images?.[0];
const cat = (r: ActionRun, c: string, i = 0): any => rep(r)?.images?.[i]?.categories?.[c];
const listed = (r: ActionRun, c: string, i = 0): any[] => rep(r)?.images?.[i]?.findings?.[c] ?? [];

/** Makes the simulator fault every request the predicate picks (harness-level fault rule). */
function faultWhen(
  pred: (action: string, params: Record<string, string>) => boolean,
  fault: Fault,
) {
  const sim = ctx.sim as any;
  const original = sim.takeFault.bind(sim);
  sim.takeFault = (action: string, params: Record<string, string>) =>
    pred(action, params) ? fault : original(action, params);
}

const criteria = (p: Record<string, string>) => p['Criteria'] ?? '';
const isBaselineLookup = (action: string, p: Record<string, string>) =>
  action === 'DescribeImageInstances' &&
  (criteria(p).includes('"main"') || criteria(p).includes(MAIN));

function policy(text: string): void {
  writeFileSync(path.join(ctx.workspace, 'policy.yml'), text);
}
function inDays(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

// =============================================================================================
describe('Inputs: which baseline', () => {
  test('baseline-image-tag with repo-id resolves the tag in that repository to its digest', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    ctx.sim.addImage({
      digest: OTHER,
      tag: 'main',
      repoId: 'crr-2',
      counts: {},
      findings: { cve: [SSH] },
    });
    const r = await run();
    expect(r.outputs['result']).toBe('pass');
    expect(img0(r).baseline).toMatchObject({ digest: `sha256:${MAIN}` });
    expect(img0(r).baseline.selectors).toMatchObject({ 'image-tag': 'main' });
  });

  test("repo-id given: another repository's main is never the baseline (gated on all)", async () => {
    add(PR, { cve: [SSH] }, { tag: 'pr-7' });
    ctx.sim.addImage({
      digest: OTHER,
      tag: 'main',
      repoId: 'crr-2',
      counts: {},
      findings: { cve: [SSH] },
    });
    const r = await run();
    expect(r.outputs['result']).toBe('fail');
    expect(img0(r).baseline.reason).toBeTruthy();
    expect(img0(r).baseline.digest).toBeUndefined();
    expect(JSON.stringify(rep(r))).not.toContain(OTHER);
  });

  test("without repo-id: the tag is looked up in the repository the image's rows name", async () => {
    pair({ cve: [SSH, NEW] }, { cve: [SSH] });
    // crr-2's main carries NEW too: picking it would hide NEW (a false pass).
    ctx.sim.addImage({
      digest: OTHER,
      tag: 'main',
      repoId: 'crr-2',
      counts: {},
      findings: { cve: [SSH, NEW] },
    });
    const r = await run({ 'repo-id': '' });
    expect(r.outputs['result']).toBe('fail');
    expect(img0(r).baseline).toMatchObject({ digest: `sha256:${MAIN}` });
    expect(cat(r, 'cve-vulns')).toMatchObject({ new: 1, inherited: 1 });
  });

  test('baseline-image-digest: compared with that image', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    const r = await run({ 'baseline-image-tag': '', 'baseline-image-digest': `sha256:${MAIN}` });
    expect(r.outputs['result']).toBe('pass');
    expect(img0(r).baseline).toMatchObject({ digest: `sha256:${MAIN}` });
    expect(cat(r, 'cve-vulns')).toMatchObject({ new: 0, inherited: 1 });
  });

  test('baseline-image-digest as 64 bare hex digits is accepted like image-digest', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    const r = await run({ 'baseline-image-tag': '', 'baseline-image-digest': MAIN });
    expect(r.outputs['result']).toBe('pass');
    expect(img0(r).baseline).toMatchObject({ digest: `sha256:${MAIN}` });
  });

  test('baseline-image-digest with two image-digest values is bad input, before any request', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    add(API, { cve: [SSH] });
    const r = await run({
      'image-digest': `${PR},${API}`,
      'baseline-image-tag': '',
      'baseline-image-digest': MAIN,
    });
    expect(r.outputs['result']).toBe('error');
    expect(r.exitCode).not.toBe(0);
    expect(rep(r).images).toEqual([]);
    expect(rep(r).problems?.length).toBeGreaterThan(0);
    expect(ctx.sim.requests).toHaveLength(0);
  });

  test('step-wide baseline-image-digest over two images lines is bad input', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    add(API, { cve: [SSH] }, { repoId: 'crr-api' });
    const r = await run({
      'image-digest': '',
      'repo-id': '',
      'baseline-image-tag': '',
      'baseline-image-digest': MAIN,
      images: `repo-id=crr-1 image-digest=${PR}\nrepo-id=crr-api image-digest=${API}`,
    });
    expect(r.outputs['result']).toBe('error');
    expect(rep(r).images).toEqual([]);
    expect(ctx.sim.requests).toHaveLength(0);
  });

  test('step-wide baseline-image-digest with one image is fine; an images line can override it', async () => {
    // Two images: one line sets its own baseline, so the step-wide digest applies to one image.
    pair({ cve: [SSH] }, { cve: [SSH] });
    add(API, { cve: [SSH, NEW] }, { repoId: 'crr-api' });
    add(API_OLD, { cve: [SSH, NEW] }, { repoId: 'crr-api', tag: 'main' });
    const r = await run({
      'image-digest': '',
      'repo-id': '',
      'baseline-image-tag': '',
      'baseline-image-digest': MAIN,
      images: `repo-id=crr-1 image-digest=${PR}\nrepo-id=crr-api image-digest=${API} baseline-image-tag=main`,
    });
    expect(r.outputs['result']).toBe('pass');
    const [a, b] = rep(r).images;
    expect(a.baseline).toMatchObject({ digest: `sha256:${MAIN}` });
    expect(b.baseline).toMatchObject({ digest: `sha256:${API_OLD}` });
  });

  test('an images line baseline-image-tag= overrides the step-wide baseline-image-tag', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    const r = await run({
      'image-digest': '',
      'repo-id': '',
      'baseline-image-tag': 'no-such-tag',
      images: `repo-id=crr-1 image-digest=${PR} baseline-image-tag=main`,
    });
    expect(r.outputs['result']).toBe('pass');
    expect(img0(r).baseline).toMatchObject({ digest: `sha256:${MAIN}` });
  });

  test('an images line baseline-image-digest= overrides the step-wide baseline-image-tag', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    add(OTHER, { cve: [] }, { tag: 'release' });
    const r = await run({
      'image-digest': '',
      'repo-id': '',
      'baseline-image-tag': 'release',
      images: `repo-id=crr-1 image-digest=${PR} baseline-image-digest=sha256:${MAIN}`,
    });
    expect(r.outputs['result']).toBe('pass');
    expect(img0(r).baseline).toMatchObject({ digest: `sha256:${MAIN}` });
  });

  test('both baseline-image-tag= and baseline-image-digest= on one images line: bad input, no request', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    const r = await run({
      'image-digest': '',
      'repo-id': '',
      'baseline-image-tag': '',
      images: `repo-id=crr-1 image-digest=${PR} baseline-image-tag=main baseline-image-digest=${MAIN}`,
    });
    expect(r.outputs['result']).toBe('error');
    expect(r.exitCode).not.toBe(0);
    expect(rep(r).images).toEqual([]);
    expect(ctx.sim.requests).toHaveLength(0);
  });

  test('both step-wide inputs on a single image: bad input, no request', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    const r = await run({ 'baseline-image-digest': MAIN });
    expect(r.outputs['result']).toBe('error');
    expect(rep(r).images).toEqual([]);
    expect(ctx.sim.requests).toHaveLength(0);
  });

  test('several images each compare with the baseline of their own images line', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    add(API, { cve: [SSH, NEW] }, { repoId: 'crr-api' });
    add(API_OLD, { cve: [SSH] }, { repoId: 'crr-api' });
    const r = await run({
      'image-digest': '',
      'repo-id': '',
      'baseline-image-tag': '',
      images: [
        `repo-id=crr-1 image-digest=sha256:${PR} baseline-image-tag=main`,
        `repo-id=crr-api image-digest=sha256:${API} baseline-image-digest=sha256:${API_OLD}`,
      ].join('\n'),
    });
    expect(r.outputs['result']).toBe('fail');
    const [fe, api] = rep(r).images;
    expect(fe.result).toBe('pass');
    expect(fe.baseline).toMatchObject({ digest: `sha256:${MAIN}` });
    expect(api.result).toBe('fail');
    expect(api.baseline).toMatchObject({ digest: `sha256:${API_OLD}` });
    expect(api.categories['cve-vulns']).toMatchObject({ new: 1, inherited: 1 });
  });

  test('an image compared with itself has nothing new', async () => {
    add(PR, { cve: [SSH, NEW], sca: [sca('sca:lodash:CVE-2021-1', 'asap')] }, { tag: 'pr-7' });
    const r = await run({
      'baseline-image-tag': '',
      'baseline-image-digest': PR,
      'max-sca-vulns': 'high:0',
    });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['new-findings']).toBe('0');
  });
});

// =============================================================================================
describe('Semantics: identity of a finding', () => {
  test('the same CVE in another package is new', async () => {
    pair({ cve: [cve('CVE-2024-6387', 'asap', 'openssh-client')] }, { cve: [SSH] });
    const r = await run();
    expect(r.outputs['result']).toBe('fail');
    expect(cat(r, 'cve-vulns')).toMatchObject({ new: 1, inherited: 0 });
  });

  test('the same CVE in another version of the same package is inherited', async () => {
    pair(
      { cve: [cve('CVE-2024-6387', 'asap', [{ name: 'openssh-server', version: '1:9.2p1-3' }])] },
      { cve: [cve('CVE-2024-6387', 'asap', [{ name: 'openssh-server', version: '1:9.2p1-2' }])] },
    );
    const r = await run();
    expect(r.outputs['result']).toBe('pass');
    expect(cat(r, 'cve-vulns')).toMatchObject({ new: 0, inherited: 1 });
  });

  test('another CVE in the same package is new', async () => {
    pair({ cve: [SSH, NEW] }, { cve: [SSH] });
    const r = await run();
    expect(cat(r, 'cve-vulns')).toMatchObject({ new: 1, inherited: 1 });
    expect(listed(r, 'cve-vulns').find((f) => f.id === 'CVE-2025-0001')?.baseline).toBe('new');
    expect(listed(r, 'cve-vulns').find((f) => f.id === 'CVE-2024-6387')?.baseline).toBe(
      'inherited',
    );
  });

  test('SCA findings compare by their Security Center name', async () => {
    pair(
      {
        sca: [sca('sca:lodash:CVE-2021-23337', 'asap'), sca('sca:minimist:CVE-2021-44906', 'asap')],
      },
      { sca: [sca('sca:lodash:CVE-2021-23337', 'asap')] },
    );
    const r = await run({ 'max-cve-vulns': '0', 'max-sca-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('fail');
    expect(cat(r, 'sca-vulns')).toMatchObject({ new: 1, inherited: 1 });
    expect(listed(r, 'sca-vulns').find((f) => /minimist/.test(f.key ?? f.id))?.baseline).toBe(
      'new',
    );
  });

  test("baseline risks compare by the check's key (name may differ)", async () => {
    pair(
      {
        baseline: [
          chk('ssh_root_login', 'high', { alias: 'renamed check' }),
          chk('ak_leak', 'high'),
        ],
      },
      { baseline: [chk('ssh_root_login', 'high')] },
    );
    const r = await run({ 'max-cve-vulns': '0', 'max-baseline-risks': 'high:0' });
    expect(r.outputs['result']).toBe('fail');
    expect(cat(r, 'baseline-risks')).toMatchObject({ new: 1, inherited: 1 });
  });

  test('baseline risks: new/inherited count checks, not items', async () => {
    pair(
      { baseline: [chk('ssh_root_login', 'high', { high: 3, medium: 2, itemCount: 5 })] },
      { baseline: [chk('ssh_root_login', 'high', { high: 3, medium: 2, itemCount: 5 })] },
    );
    const r = await run({ 'max-cve-vulns': '0', 'max-baseline-risks': '0' });
    expect(cat(r, 'baseline-risks')).toMatchObject({ new: 0, inherited: 1, fixed: 0 });
    expect(r.outputs['result']).toBe('pass');
  });

  test('a CVE the baseline has at a lower level counts as new', async () => {
    pair({ cve: [cve('CVE-2024-6387', 'asap')] }, { cve: [cve('CVE-2024-6387', 'later')] });
    const r = await run();
    expect(r.outputs['result']).toBe('fail');
    expect(cat(r, 'cve-vulns')).toMatchObject({ new: 1, inherited: 0 });
  });

  test('a CVE the baseline has at the same or a higher level is inherited', async () => {
    pair({ cve: [cve('CVE-2024-6387', 'later')] }, { cve: [cve('CVE-2024-6387', 'asap')] });
    const r = await run({ 'max-cve-vulns': 'medium:0' });
    expect(r.outputs['result']).toBe('pass');
    expect(cat(r, 'cve-vulns')).toMatchObject({ new: 0, inherited: 1 });
  });

  test('an SCA finding the baseline has at a lower level counts as new', async () => {
    pair(
      { sca: [sca('sca:lodash:CVE-2021-23337', 'asap')] },
      { sca: [sca('sca:lodash:CVE-2021-23337', 'nntf')] },
    );
    const r = await run({ 'max-cve-vulns': '0', 'max-sca-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('fail');
    expect(cat(r, 'sca-vulns')).toMatchObject({ new: 1, inherited: 0 });
  });

  test('a baseline risk the baseline has at a lower level counts as new', async () => {
    pair({ baseline: [chk('root_user', 'high')] }, { baseline: [chk('root_user', 'low')] });
    const r = await run({ 'max-cve-vulns': '0', 'max-baseline-risks': 'high:0' });
    expect(r.outputs['result']).toBe('fail');
    expect(cat(r, 'baseline-risks')).toMatchObject({ new: 1, inherited: 0 });
  });

  test('malicious files are always new, even when the baseline has the same MD5', async () => {
    pair({ malicious: [mal('a')] }, { malicious: [mal('a')] });
    const r = await run({ 'max-cve-vulns': '0', 'max-malicious-files': '0' });
    expect(r.outputs['result']).toBe('fail');
    expect(cat(r, 'malicious-files')).toMatchObject({ new: 1, inherited: 0 });
    expect(r.outputs['new-findings']).toBe('1');
    expect(listed(r, 'malicious-files')[0]?.baseline).toBe('new');
  });

  test('malicious files are never fixed', async () => {
    pair({ malicious: [], cve: [SSH] }, { malicious: [mal('a'), mal('b')], cve: [SSH] });
    const r = await run({ 'max-malicious-files': '0' });
    expect(r.outputs['result']).toBe('pass');
    expect(cat(r, 'malicious-files')?.fixed ?? 0).toBe(0);
    expect(r.summary).not.toMatch(/fixes\s+2\b/i);
  });
});

// =============================================================================================
describe('Semantics: counts, risk-status and ignore-unfixable', () => {
  test('fixed counts findings in the baseline gone from the image; the summary says so', async () => {
    pair(
      { cve: [SSH] },
      {
        cve: [
          SSH,
          cve('CVE-2023-1', 'asap'),
          cve('CVE-2023-2', 'later'),
          cve('CVE-2023-3', 'nntf'),
        ],
      },
    );
    const r = await run();
    expect(r.outputs['result']).toBe('pass');
    expect(cat(r, 'cve-vulns')).toMatchObject({ new: 0, inherited: 1, fixed: 3 });
    expect(r.summary).toMatch(/this change fixes 3 findings?/i);
  });

  test('no "fixes" line when nothing is fixed', async () => {
    pair({ cve: [SSH, NEW] }, { cve: [SSH] });
    const r = await run();
    expect(cat(r, 'cve-vulns').fixed).toBe(0);
    expect(r.summary).not.toMatch(/change fixes/i);
  });

  test('the category output and the report count are the new findings that count', async () => {
    pair({ cve: [SSH, NEW, cve('CVE-2025-0002', 'later')] }, { cve: [SSH] });
    const r = await run({ 'max-cve-vulns': '5' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['cve-vulns']).toBe('2');
    expect(cat(r, 'cve-vulns')).toMatchObject({ count: 2, new: 2, inherited: 1 });
  });

  test('a bare total limit also gates only new findings', async () => {
    pair({ cve: [SSH, cve('CVE-2023-2', 'later')] }, { cve: [SSH, cve('CVE-2023-2', 'later')] });
    const r = await run({ 'max-cve-vulns': '0' });
    expect(r.outputs['result']).toBe('pass');
    expect(cat(r, 'cve-vulns')).toMatchObject({ new: 0, inherited: 2 });
  });

  test('risk-status: the baseline is read with it too (a handled finding of the baseline is not there)', async () => {
    pair({ cve: [SSH] }, { cve: [{ ...SSH, handled: true }] });
    const r = await run();
    expect(r.outputs['result']).toBe('fail');
    expect(cat(r, 'cve-vulns')).toMatchObject({ new: 1, inherited: 0 });
    const baselineReads = ctx.sim
      .requestsFor('DescribeImageVulList')
      .filter((q) => q.params['Digest'] === MAIN);
    expect(baselineReads.length).toBeGreaterThan(0);
    const own = ctx.sim
      .requestsFor('DescribeImageVulList')
      .filter((q) => q.params['Digest'] === PR);
    expect(baselineReads.map((q) => q.params['Dealed'])).toEqual(
      own.map((q) => q.params['Dealed']),
    );
  });

  test('risk-status all: the handled finding of the baseline counts there, so the image inherits it', async () => {
    pair({ cve: [SSH] }, { cve: [{ ...SSH, handled: true }] });
    const r = await run({ 'risk-status': 'all' });
    expect(r.outputs['result']).toBe('pass');
    expect(cat(r, 'cve-vulns')).toMatchObject({ new: 0, inherited: 1 });
  });

  test('ignore-unfixable applies to the baseline too: its unfixable copy does not make the fixable one inherited', async () => {
    pair({ cve: [{ ...SSH, canFix: 'yes' }] }, { cve: [{ ...SSH, canFix: 'no' }] });
    const r = await run({ 'ignore-unfixable': 'true' });
    expect(r.outputs['result']).toBe('fail');
    expect(cat(r, 'cve-vulns')).toMatchObject({ new: 1, inherited: 0 });
  });

  test('every enforced vulnerability and baseline-risk category is read from lists for both images', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    const r = await run({ 'max-cve-vulns': '0', 'max-sca-vulns': '0', 'max-baseline-risks': '0' });
    expect(r.outputs['result']).toBe('pass');
    const vul = ctx.sim.requestsFor('DescribeImageVulList');
    expect(vul.some((q) => q.params['Digest'] === MAIN)).toBe(true);
    const grouped = ctx.sim.requestsFor('DescribeImageGroupedVulList');
    expect(
      grouped.some((q) => q.params['ImageDigest'] === MAIN && q.params['Type'] === 'sca'),
    ).toBe(true);
    const checks = ctx.sim.requestsFor('DescribeImageBaselineCheckResult');
    expect(checks.some((q) => q.params['ImageUuid'] === `uuid-${MAIN.slice(0, 8)}`)).toBe(true);
  });

  test('the count rule with a baseline: a count query above the list still counts what the list does not show', async () => {
    // PR: count query says 5, the list shows 2 (1 inherited, 1 new). Larger of (5 - 1) and 1 = 4.
    pair({ cve: [SSH, NEW] }, { cve: [SSH] });
    ctx.sim.images.find((i) => i.digest === PR)!.counts = { ImageCveVulCount: 5 };
    const r = await run({ 'max-cve-vulns': '3' });
    expect(r.outputs['result']).toBe('fail');
    expect(cat(r, 'cve-vulns').count).toBe(4);
  });
});

// =============================================================================================
describe('Both parts: policy, then comparison, then the verdict', () => {
  test('a finding both accepted and new counts as accepted', async () => {
    pair({ cve: [SSH, NEW] }, { cve: [SSH] });
    policy(
      `version: 1\naccept:\n  - id: CVE-2025-0001\n    reason: "not reachable"\n    expires: ${inDays(30)}\n`,
    );
    const r = await run({ 'policy-file': 'policy.yml' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
    expect(r.outputs['new-findings']).toBe('0');
  });

  test('a finding both accepted and new is not in the category new count', async () => {
    pair({ cve: [SSH, NEW] }, { cve: [SSH] });
    policy(
      `version: 1\naccept:\n  - id: CVE-2025-0001\n    reason: "not reachable"\n    expires: ${inDays(30)}\n`,
    );
    const r = await run({ 'policy-file': 'policy.yml' });
    expect(cat(r, 'cve-vulns')).toMatchObject({ accepted: 1, new: 0 });
  });

  test('acceptances apply to the gated images only, never to the baseline', async () => {
    // Scoped to the baseline's digest: if it removed SSH from the baseline, the image's SSH would
    // turn new and fail. It must stay inherited, and the entry matched no gated image: unused.
    pair({ cve: [SSH] }, { cve: [SSH] });
    policy(
      `version: 1\naccept:\n  - id: CVE-2024-6387\n    reason: "baseline only"\n    expires: ${inDays(30)}\n    images: ["sha256:${MAIN}"]\n`,
    );
    const r = await run({ 'policy-file': 'policy.yml' });
    expect(r.outputs['result']).toBe('pass');
    expect(cat(r, 'cve-vulns')).toMatchObject({ new: 0, inherited: 1 });
    expect(r.outputs['accepted']).toBe('0');
    expect(rep(r).policy.unused.map((e: any) => e.id)).toContain('CVE-2024-6387');
  });
});

// =============================================================================================
describe('No baseline to compare with', () => {
  test('unknown tag: gated on all findings, not an error, the summary says why', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    const r = await run({ 'baseline-image-tag': 'no-such-tag' });
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['cve-vulns']).toBe('1');
    const b = img0(r).baseline;
    expect(typeof b.reason).toBe('string');
    expect(b.reason.length).toBeGreaterThan(0);
    const why = r.summary.split('\n').filter((l) => !l.startsWith('|') && /baseline/i.test(l));
    expect(why.join(' ')).toContain('no-such-tag');
    expect(why.join(' ')).toMatch(/not know|unknown|not found|no such/i);
  });

  test('unknown digest: gated on all findings, never an error', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    const r = await run({ 'baseline-image-tag': '', 'baseline-image-digest': OTHER });
    expect(r.outputs['result']).toBe('fail');
    expect(img0(r).baseline.reason).toBeTruthy();
    expect(r.summary.split('\n').some((l) => !l.startsWith('|') && /baseline/i.test(l))).toBe(true);
  });

  test('unknown baseline is never looser than no baseline (same counts)', async () => {
    pair({ cve: [SSH, NEW, cve('CVE-2020-1', 'later')] }, { cve: [SSH] });
    const without = await run({ 'baseline-image-tag': '', 'max-cve-vulns': '10' });
    const unknown = await run({ 'baseline-image-tag': 'nope', 'max-cve-vulns': '10' });
    expect(unknown.outputs['cve-vulns']).toBe(without.outputs['cve-vulns']);
    expect(unknown.outputs['result']).toBe(without.outputs['result']);
  });

  test('never-scanned baseline: gated on all findings, summary says why, not an error', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] }, { scanStates: [{}] });
    const r = await run();
    expect(r.outputs['result']).toBe('fail');
    expect(img0(r).baseline.reason).toBeTruthy();
    expect(img0(r).baseline.digest).toBeUndefined();
    const why = r.summary.split('\n').filter((l) => !l.startsWith('|') && /baseline/i.test(l));
    expect(why.join(' ')).toMatch(/scan/i);
  });

  test('a baseline whose scan is still running: no waiting, gated on all', async () => {
    pair(
      { cve: [SSH] },
      { cve: [SSH] },
      { scanStates: [{ ScaStatus: 'CVE_ANALYZER', ScaProgress: 40 }] },
    );
    // A wait would outlast the test's time limit: the first poll pause alone is seconds.
    const r = await run({ 'wait-for-scan': '600' });
    expect(
      ctx.sim
        .requestsFor('DescribeImageInstances')
        .filter((q) => q.params['Criteria']?.includes('main')),
    ).toHaveLength(1);
    expect(r.outputs['result']).toBe('fail');
    expect(img0(r).baseline.reason).toBeTruthy();
  });

  test('a never-scanned baseline is never scanned by the gate, even with trigger-scan', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] }, { scanStates: [{}] });
    const r = await run({ 'trigger-scan': 'true' });
    expect(ctx.sim.tasks.filter((t) => t.digests.includes(MAIN))).toHaveLength(0);
    expect(
      ctx.sim
        .requestsFor('PublicCreateImageScanTask')
        .filter((q) => JSON.stringify(q.params).includes(MAIN)),
    ).toHaveLength(0);
    expect(r.outputs['result']).toBe('fail');
  });

  test('new-findings is empty when the only image had no usable baseline', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    const r = await run({ 'baseline-image-tag': 'no-such-tag' });
    expect(r.outputs['new-findings']).toBe('');
  });
});

// =============================================================================================
describe('Baseline that cannot be established: error', () => {
  test("403 on the baseline's scan-state lookup: error", async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    faultWhen(isBaselineLookup, {
      kind: 'error',
      status: 403,
      code: 'NoPermission',
      message: 'You are not authorized',
    });
    const r = await run();
    expect(r.outputs['result']).toBe('error');
    expect(r.exitCode).not.toBe(0);
  });

  test("a malformed answer to the baseline's scan-state lookup: error", async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    faultWhen(isBaselineLookup, {
      kind: 'raw',
      status: 200,
      body: '{"RequestId": "x", "ImageInstanceList": [',
    });
    const r = await run();
    expect(r.outputs['result']).toBe('error');
  });

  test("rows without LastScanTime: the baseline's latest scan task proves it", async () => {
    const task = {
      Target: MAIN,
      TargetType: 'IMAGE',
      TaskType: 'IMAGE_SCAN',
      TaskId: 't1',
      Status: 'SUCCESS',
      FinishTime: Date.now() - 2 * HOUR,
    };
    pair(
      { cve: [SSH] },
      { cve: [SSH] },
      { scanStates: [{ ScaStatus: 'SUCCESS' }], latestTasks: [[task]] },
    );
    const r = await run();
    expect(r.outputs['result']).toBe('pass');
    expect(img0(r).baseline).toMatchObject({ digest: `sha256:${MAIN}` });
  });

  test("403 on the baseline's latest-scan-task call, the one that would prove its scan: error", async () => {
    const task = {
      Target: MAIN,
      TargetType: 'IMAGE',
      TaskType: 'IMAGE_SCAN',
      TaskId: 't1',
      Status: 'SUCCESS',
      FinishTime: Date.now() - 2 * HOUR,
    };
    pair(
      { cve: [SSH] },
      { cve: [SSH] },
      { scanStates: [{ ScaStatus: 'SUCCESS' }], latestTasks: [[task]] },
    );
    ctx.sim.fault(
      { kind: 'error', status: 403, code: 'NoPermission', message: 'denied' },
      { action: 'DescribeImageLatestScanTask', times: Infinity, params: { Digest: MAIN } },
    );
    const r = await run();
    expect(
      ctx.sim.requestsFor('DescribeImageLatestScanTask').some((q) => q.params['Digest'] === MAIN),
    ).toBe(true);
    expect(r.outputs['result']).toBe('error');
  });

  test("a malformed answer to the baseline's latest-scan-task call: error", async () => {
    const task = {
      Target: MAIN,
      TargetType: 'IMAGE',
      TaskType: 'IMAGE_SCAN',
      TaskId: 't1',
      Status: 'SUCCESS',
      FinishTime: Date.now() - 2 * HOUR,
    };
    pair(
      { cve: [SSH] },
      { cve: [SSH] },
      { scanStates: [{ ScaStatus: 'SUCCESS' }], latestTasks: [[task]] },
    );
    ctx.sim.fault(
      { kind: 'raw', status: 200, body: '<html>' },
      { action: 'DescribeImageLatestScanTask', times: Infinity, params: { Digest: MAIN } },
    );
    const r = await run();
    expect(r.outputs['result']).toBe('error');
  });

  test("network failure on the baseline's scan-state lookup: error", async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    faultWhen(isBaselineLookup, { kind: 'reset' });
    const r = await run({ 'timeout-seconds': '10' });
    expect(r.outputs['result']).toBe('error');
  });

  test("require-scan false: the baseline's scan-state lookup is still made, and its 403 is an error", async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    faultWhen(isBaselineLookup, {
      kind: 'error',
      status: 403,
      code: 'NoPermission',
      message: 'no',
    });
    const r = await run({ 'require-scan': 'false' });
    expect(r.outputs['result']).toBe('error');
  });

  test('the baseline list over 2,000 findings cannot be read whole: error', async () => {
    const many = Array.from({ length: 2001 }, (_, i) => cve(`CVE-2019-${10000 + i}`, 'nntf'));
    pair({ cve: [SSH] }, { cve: [SSH, ...many] });
    const r = await run();
    expect(r.outputs['result']).toBe('error');
  });

  test("403 on the baseline's CVE list: error", async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    ctx.sim.fault(
      { kind: 'error', status: 403, code: 'NoPermission', message: 'denied' },
      { action: 'DescribeImageVulList', times: Infinity, params: { Digest: MAIN } },
    );
    const r = await run();
    expect(r.outputs['result']).toBe('error');
    expect(img0(r).result).toBe('error');
  });

  test("a malformed answer on the baseline's SCA list: error", async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    ctx.sim.fault(
      { kind: 'raw', status: 200, body: 'not json at all' },
      { action: 'DescribeImageGroupedVulList', times: Infinity, params: { ImageDigest: MAIN } },
    );
    const r = await run({ 'max-sca-vulns': '0' });
    expect(r.outputs['result']).toBe('error');
  });

  test("network failure on the baseline's baseline-risk list: error", async () => {
    pair({ baseline: [chk('root_user', 'high')] }, { baseline: [chk('root_user', 'high')] });
    ctx.sim.fault(
      { kind: 'reset' },
      {
        action: 'DescribeImageBaselineCheckResult',
        times: Infinity,
        params: { ImageUuid: `uuid-${MAIN.slice(0, 8)}` },
      },
    );
    const r = await run({
      'max-cve-vulns': '0',
      'max-baseline-risks': 'high:0',
      'timeout-seconds': '15',
    });
    expect(r.outputs['result']).toBe('error');
  });

  test('a tag that names more than one image in the repository: error', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    add(OTHER, { cve: [SSH] }, { tag: 'main' });
    const r = await run();
    expect(r.outputs['result']).toBe('error');
  });
});

// =============================================================================================
describe('The baseline image is never gated', () => {
  test('never in gated-digests, never its own image in the report', async () => {
    pair({ cve: [SSH] }, { cve: [SSH, cve('CVE-2022-9', 'asap')], malicious: [mal('c')] });
    const r = await run();
    expect(r.outputs['gated-digests']).toBe(`sha256:${PR}`);
    expect(rep(r).images).toHaveLength(1);
    expect(r.outputs['result']).toBe('pass');
  });

  test('never in gated-digests when resolved without repo-id', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    const r = await run({ 'repo-id': '' });
    expect(r.outputs['gated-digests']).not.toContain(MAIN);
  });
});

// =============================================================================================
describe('What users see', () => {
  test('the summary names the baseline: tag, digest, scan time', async () => {
    const scannedAt = Date.now() - 5 * HOUR;
    pair(
      { cve: [SSH, NEW] },
      { cve: [SSH] },
      { scanStates: [{ ScaStatus: 'SUCCESS', LastScanTime: scannedAt }] },
    );
    const r = await run();
    expect(r.summary).toContain('main');
    expect(r.summary).toContain(MAIN);
    const iso = new Date(scannedAt).toISOString();
    // the time, to the minute, in some common form
    expect(
      r.summary.includes(iso.slice(0, 16)) ||
        r.summary.includes(iso.slice(0, 16).replace('T', ' ')),
    ).toBe(true);
  });

  test('the report baseline is {selectors, digest, scannedAt}', async () => {
    const scannedAt = Date.now() - 5 * HOUR;
    pair(
      { cve: [SSH] },
      { cve: [SSH] },
      { scanStates: [{ ScaStatus: 'SUCCESS', LastScanTime: scannedAt }] },
    );
    const r = await run();
    const b = img0(r).baseline;
    expect(b.selectors).toBeTruthy();
    expect(b.digest).toBe(`sha256:${MAIN}`);
    expect(Math.abs(Date.parse(b.scannedAt) - scannedAt)).toBeLessThan(1000);
  });

  test('new findings are listed first and marked new (summary and report), even when less severe', async () => {
    pair({ cve: [SSH, cve('CVE-2025-7777', 'later')] }, { cve: [SSH] });
    const r = await run({ 'max-cve-vulns': 'medium:0' });
    const s = r.summary;
    const a = s.indexOf('CVE-2025-7777');
    const b = s.indexOf('CVE-2024-6387');
    expect(a).toBeGreaterThan(-1);
    expect(b).toBeGreaterThan(-1);
    expect(a).toBeLessThan(b);
    const row = s.split('\n').find((l) => l.includes('CVE-2025-7777') && l.startsWith('|')) ?? '';
    expect(row).toMatch(/new/i);
    const inhRow =
      s.split('\n').find((l) => l.includes('CVE-2024-6387') && l.startsWith('|')) ?? '';
    expect(inhRow).not.toMatch(/\bnew\b/i);
    const list = listed(r, 'cve-vulns');
    expect(list.map((f) => f.baseline)).toEqual(['new', 'inherited']);
  });

  test('new/inherited/fixed counts per category appear in the summary', async () => {
    pair({ cve: [SSH, NEW] }, { cve: [SSH, cve('CVE-2023-5', 'asap')] });
    const r = await run();
    expect(r.summary).toMatch(/new/i);
    expect(r.summary).toMatch(/inherited/i);
    expect(r.summary).toMatch(/fixed/i);
  });

  test('baseline scanned > 24 h before the image: warns that findings disclosed in between may show as new', async () => {
    pair(
      { cve: [SSH] },
      { cve: [SSH] },
      { scanStates: [{ ScaStatus: 'SUCCESS', LastScanTime: Date.now() - 30 * HOUR }] },
    );
    const r = await run();
    expect(r.summary).toMatch(/disclosed/i);
  });

  test('baseline scanned < 24 h before the image: no such warning', async () => {
    pair(
      { cve: [SSH] },
      { cve: [SSH] },
      { scanStates: [{ ScaStatus: 'SUCCESS', LastScanTime: Date.now() - 20 * HOUR }] },
    );
    const r = await run();
    expect(r.summary).not.toMatch(/disclosed/i);
  });

  test('the PR comment names the baseline and marks new findings first', async () => {
    pair({ cve: [SSH, cve('CVE-2025-7777', 'later')] }, { cve: [SSH] });
    const gh = await FakeGitHub.start();
    try {
      const r = await run(
        {
          'max-cve-vulns': 'medium:0',
          'github-token': INSTALLATION_TOKEN,
          'comment-on-pr': 'always',
        },
        {
          event: {
            name: 'pull_request',
            payload: {
              action: 'synchronize',
              number: 42,
              pull_request: {
                number: 42,
                head: { ref: 'f', repo: { full_name: 'acme/shop', fork: false } },
                base: { ref: 'main', repo: { full_name: 'acme/shop', fork: false } },
              },
              repository: { full_name: 'acme/shop' },
            },
          },
          env: {
            GITHUB_API_URL: gh.url,
            GITHUB_SERVER_URL: 'https://github.example',
            GITHUB_REPOSITORY: 'acme/shop',
            GITHUB_RUN_ID: '7',
            GITHUB_RUN_ATTEMPT: '1',
            GITHUB_WORKFLOW: 'CI',
            GITHUB_JOB: 'gate',
          },
        },
      );
      expect(r.outputs['comment-url']).toBeTruthy();
      const body = gh.comments[0]?.body ?? '';
      expect(body).toContain(MAIN.slice(0, 12));
      expect(body).toContain('main');
      const a = body.indexOf('CVE-2025-7777');
      expect(a).toBeGreaterThan(-1);
      expect(a).toBeLessThan(body.indexOf('CVE-2024-6387'));
      expect(body.split('\n').find((l) => l.includes('CVE-2025-7777')) ?? '').toMatch(/new/i);
    } finally {
      await gh.close();
    }
  });

  test('new-findings sums over the images compared with a baseline', async () => {
    pair({ cve: [SSH, NEW] }, { cve: [SSH] });
    add(API, { cve: [SSH, NEW, cve('CVE-2025-0002', 'later')] }, { repoId: 'crr-api' });
    add(API_OLD, { cve: [SSH] }, { repoId: 'crr-api', tag: 'main' });
    // A third image without a usable baseline: its findings are not "new findings".
    add(JOBS, { cve: [SSH, NEW] }, { repoId: 'crr-jobs' });
    add(JOBS_OLD, { cve: [SSH] }, { repoId: 'crr-jobs', tag: 'old' });
    const r = await run({
      'image-digest': '',
      'repo-id': '',
      'max-cve-vulns': '10',
      images: [
        `repo-id=crr-1 image-digest=${PR}`,
        `repo-id=crr-api image-digest=${API}`,
        `repo-id=crr-jobs image-digest=${JOBS}`,
      ].join('\n'),
    });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['new-findings']).toBe('3');
    expect(rep(r).images[2].baseline.reason).toBeTruthy();
  });

  test('new-findings is empty without a baseline', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    const r = await run({ 'baseline-image-tag': '', 'max-cve-vulns': '5' });
    expect(r.outputs['new-findings']).toBe('');
    expect(img0(r).baseline).toBeUndefined();
  });

  test('new-findings counts only categories that count (a category off adds nothing)', async () => {
    pair({ cve: [SSH, NEW], sca: [sca('sca:lodash:CVE-1', 'asap')] }, { cve: [SSH] });
    const r = await run({ 'max-cve-vulns': 'off', 'max-sca-vulns': '5' });
    expect(r.outputs['new-findings']).toBe('1');
  });

  test('report: categories.<cat>.new/.inherited/.fixed are numbers for every compared category', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    const r = await run({
      'max-sca-vulns': '0',
      'max-baseline-risks': '0',
      'max-malicious-files': '0',
    });
    for (const c of ['baseline-risks', 'malicious-files', 'sca-vulns', 'cve-vulns']) {
      const v = cat(r, c);
      expect(typeof v.new).toBe('number');
      expect(typeof v.inherited).toBe('number');
      expect(typeof v.fixed).toBe('number');
    }
  });

  test('SARIF: results carry baselineState new / unchanged; malicious files are new', async () => {
    pair({ cve: [SSH, NEW], malicious: [mal('a')] }, { cve: [SSH], malicious: [mal('a')] });
    const r = await run({ 'sarif-file': 'gate.sarif', 'max-malicious-files': '0' });
    const sarif = JSON.parse(readFileSync(path.join(ctx.workspace, 'gate.sarif'), 'utf8'));
    const results: any[] = sarif.runs[0].results;
    const state = (frag: string) =>
      results.find((x) => JSON.stringify(x).includes(frag))?.baselineState;
    expect(state('CVE-2025-0001')).toBe('new');
    expect(state('CVE-2024-6387')).toBe('unchanged');
    expect(state('a'.repeat(32))).toBe('new');
    expect(r.outputs['sarif-file']).toBeTruthy();
  });

  test('SARIF: no baselineState without a baseline', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    await run({ 'baseline-image-tag': '', 'sarif-file': 'gate.sarif', 'max-cve-vulns': '5' });
    const file = path.join(ctx.workspace, 'gate.sarif');
    expect(existsSync(file)).toBe(true);
    const sarif = JSON.parse(readFileSync(file, 'utf8'));
    for (const x of sarif.runs[0].results) expect(x.baselineState).toBeUndefined();
  });
});

// (At most one extra round of calls per image: measured by `npm run bench`, part f, not asserted.)

// =============================================================================================
describe('The command line', () => {
  const cli = (args: string[], cwd?: string) =>
    runCli({
      args: ['--endpoint', ctx.sim.url, '--timeout-seconds', '20', ...args],
      env: simEnv(),
      ...(cwd ? { cwd } : {}),
    });
  const base = [
    '--image-digest',
    PR,
    '--repo-id',
    'crr-1',
    '--baseline-image-tag',
    'main',
    '--max-cve-vulns',
    'high:0',
  ];

  test('an inherited high CVE passes: exit 0, json report names the baseline', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    const r = await cli([...base, '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.result).toBe('pass');
    expect(doc.images[0].baseline.digest).toBe(`sha256:${MAIN}`);
    expect(doc.images[0].categories['cve-vulns']).toMatchObject({ new: 0, inherited: 1 });
  });

  test('a new high CVE fails: exit 1, the listed finding is marked new', async () => {
    pair({ cve: [SSH, NEW] }, { cve: [SSH] });
    const r = await cli([...base, '--format', 'json']);
    expect(r.exitCode).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.images[0].findings['cve-vulns'][0]).toMatchObject({
      id: 'CVE-2025-0001',
      baseline: 'new',
    });
  });

  test('text output marks new findings (new) and gives the baseline', async () => {
    pair({ cve: [SSH, NEW] }, { cve: [SSH] });
    const r = await cli(base);
    expect(r.exitCode).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/fail/);
    expect(r.stdout).toMatch(/\(new\)/);
    expect(r.stdout).toMatch(/inherited/i);
  });

  test('baseline-image-digest over two images: bad input, exit 2, json problems', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    add(API, { cve: [SSH] });
    const r = await cli([
      '--image-digest',
      `${PR},${API}`,
      '--repo-id',
      'crr-1',
      '--baseline-image-digest',
      MAIN,
      '--format',
      'json',
    ]);
    expect(r.exitCode).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.result).toBe('error');
    expect(doc.problems.length).toBeGreaterThan(0);
    expect(ctx.sim.requests).toHaveLength(0);
  });

  test("the baseline's list fails: exit 2", async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    ctx.sim.fault(
      { kind: 'error', status: 403, code: 'NoPermission', message: 'denied' },
      { action: 'DescribeImageVulList', times: Infinity, params: { Digest: MAIN } },
    );
    const r = await cli([...base, '--format', 'json']);
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout).result).toBe('error');
  });

  test('unknown baseline via --images-file: gated on all, exit 1, reason given', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'images.txt'),
      `repo-id=crr-1 image-digest=${PR} baseline-image-tag=gone\n`,
    );
    const r = await cli(
      ['--images-file', 'images.txt', '--max-cve-vulns', 'high:0', '--format', 'json'],
      dir,
    );
    expect(r.exitCode).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.images[0].baseline.reason).toBeTruthy();
  });
});

// =============================================================================================
describe('More readings of the contract and README', () => {
  test('a baseline-image-digest in another repository (repo-id given) is unknown: gated on all', async () => {
    pair({ cve: [SSH, NEW] }, { cve: [SSH] });
    ctx.sim.addImage({
      digest: OTHER,
      tag: 'x',
      repoId: 'crr-2',
      counts: {},
      findings: { cve: [SSH, NEW] },
    });
    const r = await run({ 'baseline-image-tag': '', 'baseline-image-digest': OTHER });
    expect(r.outputs['result']).toBe('fail');
    expect(img0(r).baseline.reason).toBeTruthy();
  });

  test('a baseline-image-digest in another repository (no repo-id, rows name crr-1) is unknown: gated on all', async () => {
    pair({ cve: [SSH, NEW] }, { cve: [SSH] });
    ctx.sim.addImage({
      digest: OTHER,
      tag: 'x',
      repoId: 'crr-2',
      counts: {},
      findings: { cve: [SSH, NEW] },
    });
    const r = await run({
      'baseline-image-tag': '',
      'repo-id': '',
      'baseline-image-digest': OTHER,
    });
    expect(img0(r).baseline.digest).toBeUndefined();
    expect(img0(r).baseline.reason).toBeTruthy();
    expect(r.outputs['result']).toBe('fail');
  });

  test('CVE identity: another identity key (OS release) is new; a package in common is inherited', async () => {
    pair(
      {
        cve: [
          cve('CVE-2024-1', 'asap', [{ name: 'openssh-server' }, { name: 'openssh-client' }]),
          { ...cve('CVE-2024-3', 'asap'), name: 'debian:13:CVE-2024-3' },
        ],
      },
      {
        cve: [
          cve('CVE-2024-1', 'asap', [{ name: 'openssh-server' }]),
          { ...cve('CVE-2024-3', 'asap'), name: 'debian:12:CVE-2024-3' },
        ],
      },
    );
    const r = await run();
    expect(cat(r, 'cve-vulns')).toMatchObject({ new: 1, inherited: 1, fixed: 1 });
    expect(listed(r, 'cve-vulns').find((f) => f.key === 'debian:13:CVE-2024-3')?.baseline).toBe(
      'new',
    );
  });

  test('policy first: an accepted finding the baseline also has is accepted, not inherited', async () => {
    pair({ cve: [SSH, NEW] }, { cve: [SSH] });
    policy(
      `version: 1\naccept:\n  - id: CVE-2024-6387\n    reason: "x"\n    expires: ${inDays(30)}\n`,
    );
    const r = await run({ 'policy-file': 'policy.yml' });
    expect(r.outputs['accepted']).toBe('1');
    expect(r.outputs['new-findings']).toBe('1');
    expect(cat(r, 'cve-vulns')).toMatchObject({ accepted: 1, new: 1, inherited: 0 });
  });

  test('only the policy file can accept a malicious file: accepted, not a new finding', async () => {
    pair({ malicious: [mal('a')] }, { malicious: [mal('a')] });
    policy(
      `version: 1\naccept:\n  - id: ${'a'.repeat(32)}\n    reason: "x"\n    expires: ${inDays(30)}\n`,
    );
    const r = await run({ 'policy-file': 'policy.yml', 'max-cve-vulns': '0' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
    expect(r.outputs['new-findings']).toBe('0');
  });

  test('require-scan false: a scanned baseline is still compared, a never-scanned one is not', async () => {
    const main = pair({ cve: [SSH] }, { cve: [SSH] }, { scanStates: [{}] });
    let r = await run({ 'require-scan': 'false' });
    expect(r.outputs['result']).toBe('fail');
    expect(img0(r).baseline.reason).toBeTruthy();
    main.scanStates = [{ ScaStatus: 'SUCCESS', LastScanTime: Date.now() - 5 * HOUR }];
    r = await run({ 'require-scan': 'false' });
    expect(r.outputs['result']).toBe('pass');
    expect(img0(r).baseline.digest).toBe(`sha256:${MAIN}`);
  });

  test('a baseline older than max-scan-age, or whose last scan failed, is not used (gated on all)', async () => {
    const main = pair(
      { cve: [SSH] },
      { cve: [SSH] },
      { scanStates: [{ ScaStatus: 'SUCCESS', LastScanTime: Date.now() - 5 * HOUR }] },
    );
    let r = await run({ 'max-scan-age': '3' });
    expect(r.outputs['result']).toBe('fail');
    expect(img0(r).baseline.reason).toBeTruthy();
    main.scanStates = [{ ScaStatus: 'FAIL' }];
    r = await run();
    expect(r.outputs['result']).toBe('fail');
    expect(img0(r).baseline.reason).toBeTruthy();
  });

  test('a baseline Security Center has not synced is unknown: gated on all', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] }, { synced: false });
    const r = await run();
    expect(r.outputs['result']).toBe('fail');
    expect(img0(r).baseline.reason).toBeTruthy();
  });

  test('the 24 h warning compares with the image scan time, not the clock', async () => {
    pair(
      { cve: [SSH] },
      { cve: [SSH] },
      { scanStates: [{ ScaStatus: 'SUCCESS', LastScanTime: Date.now() - 40 * HOUR }] },
    );
    ctx.sim.images[0]!.scanStates = [
      { ScaStatus: 'SUCCESS', LastScanTime: Date.now() - 30 * HOUR },
    ];
    const r = await run();
    expect(r.outputs['result']).toBe('pass');
    expect(r.summary).not.toMatch(/disclosed/i);
  });

  test('categories whose limit is off are not read for the baseline', async () => {
    pair({ cve: [SSH], sca: [sca('sca:x:1', 'asap')] }, { cve: [SSH] });
    const r = await run({
      'max-sca-vulns': 'off',
      'max-baseline-risks': 'off',
      'max-malicious-files': 'off',
    });
    expect(r.outputs['result']).toBe('pass');
    const forMain = ctx.sim.requests.filter(
      (q) =>
        JSON.stringify(q.params).includes(MAIN.slice(0, 8)) &&
        q.action !== 'DescribeImageInstances',
    );
    expect(forMain.map((q) => q.action)).toEqual(['DescribeImageVulList']);
  });

  test('without repo-id, rows naming no single repository: error that says to give repo-id', async () => {
    add(PR, { cve: [SSH] }, { tag: 'pr-7' });
    add(PR, { cve: [SSH] }, { tag: 'pr-7', repoId: 'crr-2' });
    add(MAIN, { cve: [SSH] }, { tag: 'main' });
    const r = await run({ 'repo-id': '' });
    expect(r.outputs['result']).toBe('error');
    expect(img0(r).error).toMatch(/repo-id/);
  });

  test('list-findings 1: the one finding listed is the new one', async () => {
    pair({ cve: [SSH, cve('CVE-2025-7777', 'later')] }, { cve: [SSH] });
    const r = await run({ 'max-cve-vulns': 'medium:0', 'list-findings': '1' });
    expect(listed(r, 'cve-vulns').map((f) => [f.id, f.baseline])).toEqual([
      ['CVE-2025-7777', 'new'],
    ]);
  });

  test('risk-status handled: both images read with Dealed=y', async () => {
    pair({ cve: [{ ...SSH, handled: true }] }, { cve: [{ ...SSH, handled: true }] });
    const r = await run({ 'risk-status': 'handled' });
    expect(r.outputs['result']).toBe('pass');
    expect(cat(r, 'cve-vulns')).toMatchObject({ new: 0, inherited: 1 });
    expect(
      new Set(ctx.sim.requestsFor('DescribeImageVulList').map((q) => q.params['Dealed'])),
    ).toEqual(new Set(['y']));
  });

  test('a check or SCA item fixed/handled in the baseline does not make the image one inherited', async () => {
    pair(
      { baseline: [chk('root_user', 'high')], sca: [sca('sca:x:1', 'asap')] },
      {
        baseline: [chk('root_user', 'high', { status: 1 })],
        sca: [sca('sca:x:1', 'asap', { status: 1 })],
      },
    );
    const r = await run({
      'max-cve-vulns': '0',
      'max-baseline-risks': 'high:0',
      'max-sca-vulns': 'high:0',
    });
    expect(r.outputs['result']).toBe('fail');
    expect(cat(r, 'baseline-risks')).toMatchObject({ new: 1, inherited: 0 });
    expect(cat(r, 'sca-vulns')).toMatchObject({ new: 1, inherited: 0 });
  });

  test('count rule with acceptance and baseline: max(total - accepted - inherited, list new unaccepted)', async () => {
    pair({ cve: [SSH, NEW, cve('CVE-2025-0002', 'later')] }, { cve: [SSH] });
    ctx.sim.images[0]!.counts = { ImageCveVulCount: 5 };
    policy(
      `version: 1\naccept:\n  - id: CVE-2025-0001\n    reason: "x"\n    expires: ${inDays(30)}\n`,
    );
    const r = await run({ 'policy-file': 'policy.yml', 'max-cve-vulns': '2' });
    expect(r.outputs['result']).toBe('fail');
    expect(cat(r, 'cve-vulns').count).toBe(3);
  });

  test('baseline risks: inherited checks take their items out of the total', async () => {
    pair(
      {
        baseline: [
          chk('root_user', 'high', { high: 3, itemCount: 3 }),
          chk('ak_leak', 'low', { low: 1, itemCount: 1 }),
        ],
      },
      { baseline: [chk('root_user', 'high', { high: 3, itemCount: 3 })] },
    );
    ctx.sim.images[0]!.counts = { ImageBaselineCount: 4 };
    ctx.sim.images[1]!.counts = { ImageBaselineCount: 3 };
    const r = await run({ 'max-cve-vulns': '0', 'max-baseline-risks': '1' });
    expect(r.outputs['result']).toBe('pass');
    expect(cat(r, 'baseline-risks')).toMatchObject({ count: 1, new: 1, inherited: 1 });
  });

  test('"this change fixes N findings" sums the categories compared', async () => {
    pair(
      { cve: [SSH] },
      { cve: [SSH, NEW], sca: [sca('sca:x:1', 'asap')], baseline: [chk('root_user', 'high')] },
    );
    const r = await run({ 'max-sca-vulns': '0' });
    expect(r.summary).toMatch(/fixes 3 findings/);
  });

  test("the image found by tag (or uuid, without repo-id) is compared with its repository's baseline", async () => {
    pair({ cve: [SSH, NEW] }, { cve: [SSH] });
    let r = await run({ 'image-digest': '', 'image-tag': 'pr-7' });
    expect(cat(r, 'cve-vulns')).toMatchObject({ new: 1, inherited: 1 });
    expect(r.outputs['gated-digests']).toBe(`sha256:${PR}`);
    r = await run({ 'image-digest': '', 'repo-id': '', 'image-uuid': `uuid-${PR.slice(0, 8)}` });
    expect(img0(r).baseline.digest).toBe(`sha256:${MAIN}`);
    expect(r.outputs['gated-digests']).toBe(`sha256:${PR}`);
  });

  test('one image errors on its baseline: new-findings sums only the compared image; gated-digests leaves it out', async () => {
    pair({ cve: [SSH, NEW] }, { cve: [SSH] });
    add(API, { cve: [SSH, NEW] }, { repoId: 'crr-api' });
    add(API_OLD, { cve: [SSH] }, { repoId: 'crr-api', tag: 'main' });
    ctx.sim.fault(
      { kind: 'error', status: 403, code: 'NoPermission', message: 'x' },
      { action: 'DescribeImageVulList', times: Infinity, params: { Digest: API_OLD } },
    );
    const r = await run({
      'image-digest': '',
      'repo-id': '',
      'max-cve-vulns': '5',
      images: `repo-id=crr-1 image-digest=${PR}\nrepo-id=crr-api image-digest=${API}`,
    });
    expect(r.outputs['result']).toBe('error');
    expect(r.outputs['new-findings']).toBe('1');
    expect(r.outputs['gated-digests']).toBe(`sha256:${PR}`);
  });

  test('a malformed baseline-image-digest (step or line) is bad input before any request', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    const r = await run({ 'baseline-image-tag': '', 'baseline-image-digest': 'abc' });
    expect(r.outputs['result']).toBe('error');
    expect(rep(r).problems.join(' ')).toMatch(/baseline-image-digest/);
    const r2 = await run({
      'image-digest': '',
      'repo-id': '',
      'baseline-image-tag': '',
      images: `repo-id=crr-1 image-digest=${PR} baseline-image-digest=zz`,
    });
    expect(r2.outputs['result']).toBe('error');
    expect(ctx.sim.requests).toHaveLength(0);
  });

  test('SARIF: no baselineState when the baseline was not used; an off category carries none, malicious stays new', async () => {
    pair(
      { cve: [SSH], malicious: [mal('a')], sca: [sca('sca:x:1', 'asap')] },
      { cve: [SSH], sca: [sca('sca:x:1', 'asap')] },
    );
    await run({ 'baseline-image-tag': 'gone', 'sarif-file': 'g.sarif' });
    let sarif = JSON.parse(readFileSync(path.join(ctx.workspace, 'g.sarif'), 'utf8'));
    for (const x of sarif.runs[0].results) expect(x.baselineState).toBeUndefined();
    await run({ 'max-sca-vulns': 'off', 'max-malicious-files': 'off', 'sarif-file': 'g.sarif' });
    sarif = JSON.parse(readFileSync(path.join(ctx.workspace, 'g.sarif'), 'utf8'));
    const st = Object.fromEntries(
      sarif.runs[0].results.map((x: any) => [x.ruleId.split('/')[0], x.baselineState]),
    );
    expect(st).toEqual({
      'malicious-files': 'new',
      'sca-vulns': undefined,
      'cve-vulns': 'unchanged',
    });
  });

  test('CLI: text output says why the baseline was not used; SAS_IMAGE_GATE_BASELINE_IMAGE_TAG works', async () => {
    pair({ cve: [SSH] }, { cve: [SSH] });
    const args = [
      '--endpoint',
      ctx.sim.url,
      '--image-digest',
      PR,
      '--repo-id',
      'crr-1',
      '--max-cve-vulns',
      'high:0',
    ];
    const r = await runCli({ args: [...args, '--baseline-image-tag', 'gone'], env: simEnv() });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/baseline.*gone.*not used/i);
    const r2 = await runCli({ args, env: simEnv({ SAS_IMAGE_GATE_BASELINE_IMAGE_TAG: 'main' }) });
    expect(r2.exitCode).toBe(0);
  });
});
