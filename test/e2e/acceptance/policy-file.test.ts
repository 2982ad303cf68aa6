// Black-box acceptance tests of issue 18, part 1 and "both parts": written from the contract,
// action.yml and README alone (without reading src/), by an independent reviewer, and kept as
// regression tests. They run the built action (and, for part 2, the command line) against the
// simulator, as the hidden acceptance suite does. Each test names the contract sentence it checks.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   black-box: the report is read as untyped JSON, as an outside consumer of the action reads it,
   never through the source's types. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAction, simInputs, type ActionRun } from '../../helpers/run-action.js';
import { FakeGitHub, INSTALLATION_TOKEN } from '../../helpers/fake-github.js';
import { useSimulator } from '../../helpers/use-simulator.js';
import type { SimCve, SimFindings, SimImage } from '../../simulator/sas-simulator.js';

const ctx = useSimulator();

const D1 = '1'.repeat(64);
const D2 = '2'.repeat(64);
const DB = '3'.repeat(64);
const DAY = 86_400_000;
/** `YYYY-MM-DD`, `n` UTC days from today. */
const day = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
const DEFAULT_PATH = '.github/sas-image-gate.yml';
const MD5 = '5d41402abc4b2a76b9719d911017c592';
const LIST_ACTIONS = [
  'DescribeImageVulList',
  'DescribeImageGroupedVulList',
  'DescribeGroupedMaliciousFiles',
  'DescribeAffectedMaliciousFileImages',
  'DescribeImageBaselineCheckResult',
];

const cve = (id: string, necessity: string, pkg: string): SimCve => ({
  name: `debian:12:${id}`,
  related: id,
  aliasName: `${id} title`,
  necessity,
  canFix: 'yes',
  packages: [{ name: pkg, version: '1.0', updateCmd: `apt-get install ${pkg}` }],
});

const findings = (): SimFindings => ({
  cve: [cve('CVE-2024-6387', 'asap', 'openssh-server'), cve('CVE-2024-0002', 'later', 'libc6')],
  sca: [
    {
      name: 'sca:lodash:CVE-2021-23337',
      aliasName: 'lodash command injection',
      related: 'CVE-2021-23337',
      asap: 1,
      canFix: 'yes',
      status: 0,
    },
  ],
  malicious: [
    {
      md5: MD5,
      name: 'WebShell.PHP.Generic',
      key: 'WEBSHELL_IMG',
      level: 'serious',
      paths: [{ filePath: '/var/www/html/shell.php' }],
    },
  ],
  baseline: [
    {
      key: 'ssh_root_login',
      alias: 'SSH permits root login',
      classAlias: 'Identity authentication',
      level: 'high',
      status: 0,
      high: 2,
      medium: 1,
      low: 0,
    },
  ],
});

function addImage(over: Partial<SimImage> = {}): void {
  ctx.sim.addImage({
    digest: D1,
    repoId: 'crr-1',
    repoNamespace: 'team',
    repoName: 'frontend',
    tag: 'v1',
    counts: {},
    findings: findings(),
    ...over,
  });
}

/** Every category off unless the test enforces it. */
const OFF = {
  'max-baseline-risks': 'off',
  'max-malicious-files': 'off',
  'max-sca-vulns': 'off',
  'max-cve-vulns': 'off',
};

const run = (inputs: Record<string, string> = {}, env: Record<string, string> = {}) =>
  runAction({
    inputs: simInputs(ctx.sim.url, { 'image-digest': D1, ...OFF, ...inputs }),
    workspace: ctx.workspace,
    env,
  });

function writeAt(rel: string, text: string): void {
  const file = path.join(ctx.workspace, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

interface Entry {
  id: string;
  reason?: string;
  expires?: string;
  category?: string;
  package?: string;
  images?: string;
}

/** `version: 1\naccept:` then entries; entry i starts at line 3 + (sum of previous entry sizes). */
function policyText(entries: Entry[]): string {
  let s = 'version: 1\naccept:\n';
  for (const e of entries) {
    s += `  - id: ${e.id}\n`;
    s += `    reason: ${JSON.stringify(e.reason ?? 'accepted for the test')}\n`;
    s += `    expires: ${e.expires ?? day(30)}\n`;
    if (e.category) s += `    category: ${e.category}\n`;
    if (e.package) s += `    package: ${e.package}\n`;
    if (e.images) s += `    images: ${e.images}\n`;
  }
  return s;
}

const writePolicy = (entries: Entry[], rel = DEFAULT_PATH) => writeAt(rel, policyText(entries));

const report = (r: ActionRun): any => JSON.parse(r.outputs['report'] ?? 'null');
const img = (r: ActionRun, i = 0): any => report(r)?.images?.[i];
const listCalls = () => ctx.sim.requests.filter((q) => LIST_ACTIONS.includes(q.action));
const actions = () => ctx.sim.requests.map((q) => q.action);

/** Bad input: result error, exit 1, nothing asked of Security Center. */
function expectBadInput(r: ActionRun): string[] {
  expect(r.outputs['result']).toBe('error');
  expect(r.exitCode).toBe(1);
  expect(ctx.sim.requests).toHaveLength(0);
  const problems = (report(r)?.problems ?? []) as string[];
  expect(problems.length).toBeGreaterThan(0);
  return problems;
}

/** A problem naming the policy file and line `line`. */
const atLine = (problems: string[], file: string, line: number) =>
  problems.filter((p) => p.includes(`${file}:${line}:`) || p.includes(`${file}:${line} `));

beforeEach(() => addImage());

// ---------------------------------------------------------------------------------------------
describe('Input: policy-file location', () => {
  test('the default path applies without setting the input', async () => {
    writePolicy([{ id: 'CVE-2024-6387' }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
    expect(report(r).policy.path).toBe(DEFAULT_PATH);
  });

  test('missing file at the default path (defaulted): no policy, no extra calls, accepted empty', async () => {
    const r0 = await run({ 'max-cve-vulns': '5' });
    const calls = actions().sort();
    expect(r0.outputs['result']).toBe('pass');
    expect(r0.outputs['accepted']).toBe('');
    expect(report(r0).policy).toBeUndefined();
    expect(listCalls()).toHaveLength(0);
    ctx.sim.requests.length = 0;
    const r1 = await run({ 'max-cve-vulns': '5', 'policy-file': DEFAULT_PATH });
    expect(r1.outputs['result']).toBe('pass');
    expect(r1.outputs['accepted']).toBe('');
    expect(actions().sort()).toEqual(calls);
  });

  test('missing file at the default path written out: no policy, not an error', async () => {
    const r = await run({ 'max-cve-vulns': 'high:0', 'policy-file': DEFAULT_PATH });
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['accepted']).toBe('');
  });

  test('empty policy-file: the default path (missing there: no policy)', async () => {
    const r = await run({ 'max-cve-vulns': '5', 'policy-file': '' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('');
    expect(listCalls()).toHaveLength(0);
  });

  test('empty policy-file: the file at the default path is read', async () => {
    writePolicy([{ id: 'CVE-2024-6387' }]);
    const r = await run({ 'max-cve-vulns': 'high:0', 'policy-file': '' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
  });

  test('another path that exists is used', async () => {
    writePolicy([{ id: 'CVE-2024-6387' }], 'policy/gate.yml');
    const r = await run({ 'max-cve-vulns': 'high:0', 'policy-file': 'policy/gate.yml' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
    expect(report(r).policy.path).toBe('policy/gate.yml');
  });

  test('a non-default path that does not exist: bad input before any request', async () => {
    const r = await run({ 'max-cve-vulns': 'high:0', 'policy-file': 'policy/missing.yml' });
    const problems = expectBadInput(r);
    expect(problems.join('\n')).toContain('policy/missing.yml');
  });

  test('a `..` path leading outside the workspace: bad input (even when the file exists)', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'policy-out-'));
    try {
      writeFileSync(path.join(outside, 'p.yml'), policyText([{ id: 'CVE-2024-6387' }]));
      const rel = path.relative(ctx.workspace, path.join(outside, 'p.yml'));
      expect(rel.startsWith('..')).toBe(true);
      const r = await run({ 'max-cve-vulns': 'high:0', 'policy-file': rel });
      expectBadInput(r);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('an absolute path elsewhere: bad input', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'policy-out-'));
    try {
      const file = path.join(outside, 'p.yml');
      writeFileSync(file, policyText([{ id: 'CVE-2024-6387' }]));
      const r = await run({ 'max-cve-vulns': 'high:0', 'policy-file': file });
      expectBadInput(r);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('a symlink at the default path leading out of the workspace: bad input', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'policy-out-'));
    try {
      const file = path.join(outside, 'p.yml');
      writeFileSync(file, policyText([{ id: 'CVE-2024-6387' }]));
      mkdirSync(path.join(ctx.workspace, '.github'));
      symlinkSync(file, path.join(ctx.workspace, DEFAULT_PATH));
      const r = await run({ 'max-cve-vulns': 'high:0' });
      expectBadInput(r);
      expect(r.outputs['accepted']).toBe('');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('a file over 1 MiB: bad input', async () => {
    const body = policyText([{ id: 'CVE-2024-6387' }]);
    const pad = ('#' + 'x'.repeat(99) + '\n').repeat(Math.ceil((1024 * 1024) / 100) + 10);
    writeAt(DEFAULT_PATH, body + pad);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expectBadInput(r);
  });

  test('max-accept-days outside 0..3650 is bad input', async () => {
    const r = await run({ 'max-cve-vulns': 'high:0', 'max-accept-days': '3651' });
    const problems = expectBadInput(r);
    expect(problems.join('\n')).toContain('max-accept-days');
  });
});

// ---------------------------------------------------------------------------------------------
describe('Format: every problem reported with its line, before any call', () => {
  const bad = async (text: string, inputs: Record<string, string> = {}) => {
    writeAt(DEFAULT_PATH, text);
    return run({ 'max-cve-vulns': 'high:0', 'max-accept-days': '0', ...inputs });
  };

  test('version other than 1: problem at the version line', async () => {
    const r = await bad(policyText([{ id: 'CVE-2024-6387' }]).replace('version: 1', 'version: 2'));
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 1).length).toBe(1);
    expect(atLine(p, DEFAULT_PATH, 1)[0]).toMatch(/version/);
  });

  test('missing version is bad input', async () => {
    const r = await bad(policyText([{ id: 'CVE-2024-6387' }]).replace('version: 1\n', ''));
    expectBadInput(r);
  });

  test('unknown key `expire:` is named at its own line', async () => {
    const text = `version: 1\naccept:\n  - id: CVE-2024-6387\n    reason: r\n    expire: ${day(30)}\n`;
    const r = await bad(text);
    const p = expectBadInput(r);
    const at5 = atLine(p, DEFAULT_PATH, 5);
    expect(at5.length).toBeGreaterThanOrEqual(1);
    expect(at5.join('\n')).toContain('expire');
  });

  test('unknown top-level key is named', async () => {
    const text = policyText([{ id: 'CVE-2024-6387' }]) + 'acceptz: []\n';
    const r = await bad(text);
    const p = expectBadInput(r);
    expect(p.join('\n')).toContain('acceptz');
    expect(atLine(p, DEFAULT_PATH, 6).length).toBe(1);
  });

  test('a missing required key is reported at the entry line (its `-`)', async () => {
    const text = `version: 1\naccept:\n  - id: CVE-2024-6387\n    reason: r\n`;
    const r = await bad(text);
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 3).join('\n')).toContain('expires');
  });

  test('empty reason: bad input at the reason line', async () => {
    const r = await bad(policyText([{ id: 'CVE-2024-6387', reason: '' }]));
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 4).join('\n')).toContain('reason');
  });

  test('reason of 501 characters: bad input at the reason line', async () => {
    const r = await bad(policyText([{ id: 'CVE-2024-6387', reason: 'r'.repeat(501) }]));
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 4).join('\n')).toContain('reason');
  });

  test('reason of exactly 500 characters is accepted', async () => {
    const r = await bad(policyText([{ id: 'CVE-2024-6387', reason: 'r'.repeat(500) }]));
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
  });

  test('impossible date 2027-02-30: bad input at the expires line', async () => {
    const r = await bad(policyText([{ id: 'CVE-2024-6387', expires: '2027-02-30' }]));
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 5).join('\n')).toContain('expires');
  });

  test('a date not in YYYY-MM-DD form: bad input', async () => {
    const r = await bad(policyText([{ id: 'CVE-2024-6387', expires: '31/03/2027' }]));
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 5).length).toBe(1);
  });

  test('unknown category: bad input at the category line', async () => {
    const r = await bad(policyText([{ id: 'CVE-2024-6387', category: 'cve' }]));
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 6).join('\n')).toContain('category');
  });

  test('package with category sca-vulns: bad input', async () => {
    const r = await bad(
      policyText([{ id: 'CVE-2021-23337', category: 'sca-vulns', package: 'lodash' }]),
    );
    const p = expectBadInput(r);
    expect(p.join('\n')).toContain('package');
  });

  test('an exact duplicate entry: bad input', async () => {
    const e = { id: 'CVE-2024-6387', category: 'cve-vulns', expires: day(30) };
    const r = await bad(policyText([e, e]));
    const p = expectBadInput(r);
    // The duplicate is the second entry, at line 3 + 4 = 7.
    expect(p.filter((x) => x.includes(`${DEFAULT_PATH}:`)).length).toBeGreaterThanOrEqual(1);
    expect(p.join('\n')).toMatch(/duplicate/i);
  });

  test('wrong type (accept is not a list): bad input', async () => {
    const r = await bad('version: 1\naccept: 5\n');
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 2).length).toBe(1);
  });

  test('wrong type (id is a list): bad input at the id line', async () => {
    const text = `version: 1\naccept:\n  - id: [CVE-2024-6387]\n    reason: r\n    expires: ${day(30)}\n`;
    const r = await bad(text);
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 3).join('\n')).toContain('id');
  });

  test('YAML syntax error: bad input with a line number', async () => {
    const text = `version: 1\naccept:\n  - id: CVE-2024-6387\n    reason: "unterminated\n    expires: ${day(30)}\n`;
    const r = await bad(text);
    const p = expectBadInput(r);
    expect(p.join('\n')).toMatch(new RegExp(`${DEFAULT_PATH.replace(/\./g, '\\.')}:\\d+`));
  });

  test('README: an empty file is bad input', async () => {
    const r = await bad('');
    expectBadInput(r);
  });

  test('README: YAML anchors are bad input', async () => {
    const text = `version: 1\naccept:\n  - id: CVE-2024-6387\n    reason: &why "base image"\n    expires: ${day(30)}\n  - id: CVE-2024-0002\n    reason: *why\n    expires: ${day(30)}\n`;
    const r = await bad(text);
    expectBadInput(r);
  });

  test('README: an empty accept list is valid (accepted 0)', async () => {
    const r = await bad('version: 1\naccept: []\n');
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['accepted']).toBe('0');
  });

  test('every problem at once, each with path:line, together with other input problems', async () => {
    const text =
      'version: 3\n' +
      'accept:\n' +
      '  - id: CVE-2024-6387\n' +
      '    reason: ""\n' +
      '    expires: 2027-02-30\n' +
      '    categroy: cve-vulns\n';
    const r = await bad(text, { 'max-sca-vulns': 'bogus' });
    const p = expectBadInput(r);
    for (const line of [1, 4, 5, 6]) expect(atLine(p, DEFAULT_PATH, line).length).toBe(1);
    expect(atLine(p, DEFAULT_PATH, 6)[0]).toContain('categroy');
    expect(p.some((x) => x.includes('max-sca-vulns'))).toBe(true);
    // And in the summary and the error annotation.
    expect(r.summary).toContain(`${DEFAULT_PATH}:6`);
    expect(r.stdout).toMatch(/::error[^\n]*sas-image-gate\.yml:4/);
  });

  test('expires more than max-accept-days (default 365) after today: bad input; 365 is fine', async () => {
    writePolicy([{ id: 'CVE-2024-6387', expires: day(366) }]);
    const bad366 = await run({ 'max-cve-vulns': 'high:0' });
    const p = expectBadInput(bad366);
    expect(atLine(p, DEFAULT_PATH, 5).length).toBe(1);
    writePolicy([{ id: 'CVE-2024-6387', expires: day(365) }]);
    const ok = await run({ 'max-cve-vulns': 'high:0' });
    expect(ok.outputs['result']).toBe('pass');
  });

  test('max-accept-days 30: 31 days ahead is bad input', async () => {
    writePolicy([{ id: 'CVE-2024-6387', expires: day(31) }]);
    const r = await run({ 'max-cve-vulns': 'high:0', 'max-accept-days': '30' });
    expectBadInput(r);
  });

  test('max-accept-days 0: no cap (3000 days ahead accepted)', async () => {
    writePolicy([{ id: 'CVE-2024-6387', expires: day(3000) }]);
    const r = await run({ 'max-cve-vulns': 'high:0', 'max-accept-days': '0' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
  });
});

// ---------------------------------------------------------------------------------------------
describe('Matching', () => {
  test('CVE id matches case-insensitively', async () => {
    writePolicy([{ id: 'cve-2024-6387' }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
  });

  test('CVE finding matched by its Security Center vulnerability name (identity key)', async () => {
    writePolicy([{ id: 'DEBIAN:12:CVE-2024-6387' }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
  });

  test('SCA finding matched by its CVE id', async () => {
    writePolicy([{ id: 'CVE-2021-23337', category: 'sca-vulns' }]);
    const r = await run({ 'max-sca-vulns': '0' });
    expect(r.outputs['result']).toBe('pass');
    expect(img(r).categories['sca-vulns'].accepted).toBe(1);
  });

  test('SCA finding matched by its Security Center name, any case', async () => {
    writePolicy([{ id: 'SCA:LODASH:CVE-2021-23337' }]);
    const r = await run({ 'max-sca-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
  });

  test('malicious file matched by its MD5 (any case)', async () => {
    writePolicy([{ id: MD5.toUpperCase(), category: 'malicious-files' }]);
    const r = await run({ 'max-malicious-files': '0' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
    expect(img(r).categories['malicious-files'].accepted).toBe(1);
  });

  test('malicious file is NOT matched by its sample name; the entry is unused', async () => {
    writePolicy([{ id: 'WebShell.PHP.Generic', category: 'malicious-files' }]);
    const r = await run({ 'max-malicious-files': '0' });
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['accepted']).toBe('0');
    expect(report(r).policy.unused).toEqual([
      { id: 'WebShell.PHP.Generic', line: 3, expires: day(30) },
    ]);
  });

  test("baseline risk matched by the check's key", async () => {
    writePolicy([{ id: 'SSH_ROOT_LOGIN' }]);
    const r = await run({ 'max-baseline-risks': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
    expect(img(r).categories['baseline-risks'].accepted).toBe(1);
  });

  test("baseline risk matched by the check's name", async () => {
    writePolicy([{ id: 'ssh permits root login', category: 'baseline-risks' }]);
    const r = await run({ 'max-baseline-risks': '0' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
  });

  test('category scope: a cve-vulns entry does not accept the SCA finding with that CVE id', async () => {
    writePolicy([{ id: 'CVE-2021-23337', category: 'cve-vulns' }]);
    const r = await run({ 'max-sca-vulns': '0', 'max-cve-vulns': '5' });
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['exceeded']).toBe('sca-vulns');
    expect(r.outputs['accepted']).toBe('0');
  });

  test('package scope: matching package accepts, another package does not', async () => {
    writePolicy([
      { id: 'CVE-2024-6387', package: 'openssh-server' },
      { id: 'CVE-2024-0002', package: 'openssl' },
    ]);
    const r = await run({ 'max-cve-vulns': '0' });
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['accepted']).toBe('1');
    expect(img(r).accepted.map((a: any) => a.id)).toEqual(['CVE-2024-6387']);
    expect(report(r).policy.unused.map((u: any) => u.line)).toEqual([7]);
  });

  test('images scope by repo-id (image named by digest; the rows name its repository)', async () => {
    writePolicy([{ id: 'CVE-2024-6387', images: '[crr-1]' }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
  });

  test('images scope by namespace/name', async () => {
    writePolicy([{ id: 'CVE-2024-6387', images: '[team/frontend]' }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
  });

  test('images scope by sha256 digest', async () => {
    writePolicy([{ id: 'CVE-2024-6387', images: `["sha256:${D1}"]` }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
  });

  test('images scope naming another image: not accepted', async () => {
    writePolicy([{ id: 'CVE-2024-6387', images: '[crr-other, team/backend]' }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['accepted']).toBe('0');
  });

  test('every scope must match: right image, wrong package → not accepted', async () => {
    writePolicy([{ id: 'CVE-2024-6387', images: '[crr-1]', package: 'libc6' }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['accepted']).toBe('0');
  });

  test('several images: a scope covering only the second accepts only there', async () => {
    ctx.sim.addImage({
      digest: D2,
      repoId: 'crr-2',
      repoNamespace: 'team',
      repoName: 'backend',
      counts: {},
      findings: findings(),
    });
    writePolicy([{ id: 'CVE-2024-6387', images: '[team/backend]' }]);
    const r = await run({ 'image-digest': `${D1},${D2}`, 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['accepted']).toBe('1');
    const rows = report(r).images;
    const byDigest = (d: string) => rows.find((x: any) => x.gatedDigests?.includes(`sha256:${d}`));
    expect(byDigest(D1).result).toBe('fail');
    expect(byDigest(D2).result).toBe('pass');
    expect(byDigest(D2).categories['cve-vulns'].accepted).toBe(1);
    expect(byDigest(D1).categories['cve-vulns'].accepted).toBe(0);
  });

  test('several images, unscoped entry: accepted counts across all images', async () => {
    ctx.sim.addImage({ digest: D2, repoId: 'crr-2', counts: {}, findings: findings() });
    writePolicy([{ id: 'CVE-2024-6387' }]);
    const r = await run({ 'image-digest': `${D1},${D2}`, 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('2');
  });
});

// ---------------------------------------------------------------------------------------------
describe('Expiry', () => {
  test('an entry expiring today has stopped applying (00:00 UTC): counted, flagged expired', async () => {
    writePolicy([{ id: 'CVE-2024-6387', expires: day(0) }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('fail');
    expect(r.exitCode).toBe(1);
    expect(r.outputs['accepted']).toBe('0');
    expect(report(r).policy.expired).toEqual([
      { id: 'CVE-2024-6387', line: 3, expires: day(0), matched: 1 },
    ]);
    expect(r.summary).toContain(`acceptance expired on ${day(0)}, policy line 3`);
  });

  test('an entry expiring tomorrow applies, flagged "expires in 1 day"', async () => {
    writePolicy([{ id: 'CVE-2024-6387', expires: day(1) }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
    expect(r.summary).toMatch(/expires in 1 days?\b/);
    expect(report(r).policy.expiring).toEqual([
      expect.objectContaining({ id: 'CVE-2024-6387', line: 3, expires: day(1) }),
    ]);
  });

  test('14 days ahead is flagged expiring, 15 days is not', async () => {
    writePolicy([
      { id: 'CVE-2024-6387', expires: day(14) },
      { id: 'CVE-2024-0002', expires: day(15) },
    ]);
    const r = await run({ 'max-cve-vulns': '0' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.summary).toContain('expires in 14 days');
    expect(r.summary).not.toContain('expires in 15 days');
    expect(report(r).policy.expiring.map((e: any) => e.id)).toEqual(['CVE-2024-6387']);
  });

  test('the expired finding is listed as counting, marked with its expiry and policy line', async () => {
    writePolicy([{ id: 'CVE-2024-6387', expires: day(-3) }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    const f = img(r).findings['cve-vulns'].find((x: any) => x.id === 'CVE-2024-6387');
    expect(f).toBeDefined();
    expect(f.acceptanceExpired).toEqual({ expires: day(-3), policyLine: 3 });
    expect(img(r).accepted ?? []).toEqual([]);
  });

  test('every expired entry is listed, also one matching nothing (matched 0)', async () => {
    writePolicy([
      { id: 'CVE-2099-0001', expires: day(-1), category: 'cve-vulns' },
      { id: 'CVE-2024-6387', expires: day(30), category: 'cve-vulns' },
    ]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
    expect(report(r).policy.expired).toEqual([
      { id: 'CVE-2099-0001', line: 3, expires: day(-1), matched: 0 },
    ]);
  });

  test('expired entries are not an error: a passing image stays pass, exit 0', async () => {
    writePolicy([{ id: 'CVE-2024-6387', expires: day(-1) }]);
    const r = await run({ 'max-cve-vulns': '5' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.exitCode).toBe(0);
  });

  test('an expired entry adds no list call', async () => {
    writePolicy([{ id: 'CVE-2024-6387', expires: day(-1) }]);
    const r = await run({ 'max-cve-vulns': '5' });
    expect(r.outputs['result']).toBe('pass');
    expect(listCalls()).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------
describe('Effect on the verdict', () => {
  test('accepted finding does not count toward the total (bare N)', async () => {
    writePolicy([{ id: 'CVE-2024-6387' }]);
    const r = await run({ 'max-cve-vulns': '1' });
    expect(r.outputs['result']).toBe('pass');
    expect(img(r).categories['cve-vulns'].count).toBe(1);
    expect(r.outputs['cve-vulns']).toBe('1');
  });

  test('accepting every finding makes a 0 total pass', async () => {
    writePolicy([{ id: 'CVE-2024-6387' }, { id: 'CVE-2024-0002' }]);
    const r = await run({ 'max-cve-vulns': '0' });
    expect(r.outputs['result']).toBe('pass');
    expect(img(r).categories['cve-vulns'].count).toBe(0);
    expect(img(r).categories['cve-vulns'].accepted).toBe(2);
  });

  test('accepted finding counts toward neither level nor total term (high:0,1)', async () => {
    writePolicy([{ id: 'CVE-2024-6387' }]);
    const r = await run({ 'max-cve-vulns': 'high:0,1' });
    expect(r.outputs['result']).toBe('pass');
    expect(img(r).levels['cve-vulns']).toEqual({ high: 0, medium: 1, low: 0 });
  });

  test('an entry only for an `off` category: not checked (not unused), its list not read', async () => {
    writePolicy([{ id: 'CVE-2021-23337', category: 'sca-vulns' }]);
    const r = await run({ 'max-cve-vulns': '5' });
    expect(r.outputs['result']).toBe('pass');
    expect(report(r).policy.notChecked).toEqual([
      { id: 'CVE-2021-23337', line: 3, expires: day(30) },
    ]);
    expect(report(r).policy.unused).toEqual([]);
    expect(ctx.sim.requestsFor('DescribeImageGroupedVulList')).toHaveLength(0);
  });

  test('a cve-vulns entry adds list calls only for the CVE list (bare-N limits elsewhere)', async () => {
    writePolicy([{ id: 'CVE-2024-6387', category: 'cve-vulns' }]);
    const r = await run({
      'max-cve-vulns': '1',
      'max-sca-vulns': '5',
      'max-malicious-files': '5',
      'max-baseline-risks': '5',
    });
    expect(r.outputs['result']).toBe('pass');
    expect(new Set(listCalls().map((q) => q.action))).toEqual(new Set(['DescribeImageVulList']));
  });

  test('an entry without category could match any enforced category: their lists are read', async () => {
    writePolicy([{ id: 'CVE-2024-6387' }]);
    const r = await run({ 'max-cve-vulns': '5', 'max-sca-vulns': '5' });
    expect(r.outputs['result']).toBe('pass');
    const read = new Set(listCalls().map((q) => q.action));
    expect(read.has('DescribeImageVulList')).toBe(true);
    expect(read.has('DescribeImageGroupedVulList')).toBe(true);
    expect(read.has('DescribeImageBaselineCheckResult')).toBe(false);
  });

  test('list cannot be read with an entry in force: the image is error, never pass', async () => {
    writePolicy([{ id: 'CVE-2024-6387', category: 'cve-vulns' }]);
    ctx.sim.fault(
      { kind: 'error', status: 403, code: 'NoPermission', message: 'not allowed' },
      { action: 'DescribeImageVulList', times: Infinity },
    );
    const r = await run({ 'max-cve-vulns': '5' });
    expect(ctx.sim.requestsFor('DescribeImageVulList').length).toBeGreaterThan(0);
    expect(r.outputs['result']).toBe('error');
    expect(r.exitCode).toBe(1);
    expect(r.outputs['gated-digests']).toBe('');
  });

  test('list read partially (a short page) with an entry in force: error', async () => {
    ctx.sim.images.length = 0;
    const many = Array.from({ length: 12 }, (_, i) => cve(`CVE-2024-${1000 + i}`, 'later', 'pkg'));
    addImage({ findings: { cve: [cve('CVE-2024-6387', 'asap', 'openssh-server'), ...many] } });
    ctx.sim.maxPageSize = 5;
    ctx.sim.listQuirks.set('DescribeImageVulList', { shortPage: 2 });
    writePolicy([{ id: 'CVE-2024-6387', category: 'cve-vulns' }]);
    const r = await run({ 'max-cve-vulns': '20' });
    expect(r.outputs['result']).toBe('error');
  });

  test('an unreadable list of an `off` category stays a note (the verdict is the enforced one)', async () => {
    writePolicy([{ id: 'CVE-2021-23337', category: 'sca-vulns' }]);
    ctx.sim.fault(
      { kind: 'error', status: 403, code: 'NoPermission', message: 'not allowed' },
      { action: 'DescribeImageGroupedVulList', times: Infinity },
    );
    const r = await run({ 'max-cve-vulns': '0' });
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['exceeded']).toBe('cve-vulns');
  });

  test('count rule: count query above the list → (total − accepted) is gated', async () => {
    ctx.sim.images.length = 0;
    addImage({ counts: { ImageCveVulCount: 5 } });
    writePolicy([{ id: 'CVE-2024-6387', category: 'cve-vulns' }]);
    const r = await run({ 'max-cve-vulns': '3' });
    expect(img(r).categories['cve-vulns'].count).toBe(4);
    expect(r.outputs['cve-vulns']).toBe('4');
    expect(r.outputs['result']).toBe('fail');
  });

  test("count rule: count query below the list → the list's unaccepted findings are gated", async () => {
    ctx.sim.images.length = 0;
    const f = findings();
    f.cve!.push(cve('CVE-2024-0003', 'nntf', 'zlib1g'));
    addImage({ counts: { ImageCveVulCount: 1 }, findings: f });
    writePolicy([{ id: 'CVE-2024-6387', category: 'cve-vulns' }]);
    const r = await run({ 'max-cve-vulns': '1' });
    expect(img(r).categories['cve-vulns'].count).toBe(2);
    expect(r.outputs['result']).toBe('fail');
  });

  test('baseline risks: an accepted check takes its items out of the total; accepted counts checks', async () => {
    ctx.sim.images.length = 0;
    const f = findings();
    f.baseline!.push({
      key: 'root_user',
      alias: 'Container runs as root',
      level: 'medium',
      status: 0,
      high: 0,
      medium: 2,
      low: 0,
    });
    // Items: ssh_root_login 3 (2 high + 1 medium), root_user 2 → count query 5.
    addImage({ counts: { ImageBaselineCount: 5 }, findings: f });
    writePolicy([{ id: 'ssh_root_login', category: 'baseline-risks' }]);
    const r = await run({ 'max-baseline-risks': '2' });
    expect(img(r).categories['baseline-risks'].accepted).toBe(1);
    expect(img(r).categories['baseline-risks'].count).toBe(2);
    expect(r.outputs['result']).toBe('pass');
  });

  test('listing is bounded by list-findings; the counts are complete', async () => {
    writePolicy([{ id: 'CVE-2024-6387' }, { id: 'CVE-2024-0002' }]);
    const r = await run({ 'max-cve-vulns': '0', 'list-findings': '1' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('2');
    expect(img(r).categories['cve-vulns'].accepted).toBe(2);
    expect(img(r).accepted.length).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
describe('What users see', () => {
  test('report: per-image accepted[] entries carry category, id, level, package, reason, expires, policyLine', async () => {
    writePolicy([
      { id: 'CVE-2021-23337', category: 'sca-vulns', reason: 'not reachable' },
      { id: 'CVE-2024-6387', package: 'openssh-server', reason: 'sshd not started; SEC-142' },
    ]);
    const r = await run({ 'max-cve-vulns': 'high:0', 'max-sca-vulns': '0' });
    expect(r.outputs['result']).toBe('pass');
    const acc = img(r).accepted;
    const cveRow = acc.find((a: any) => a.category === 'cve-vulns');
    expect(cveRow).toMatchObject({
      category: 'cve-vulns',
      id: 'CVE-2024-6387',
      level: 'high',
      package: 'openssh-server',
      reason: 'sshd not started; SEC-142',
      expires: day(30),
      policyLine: 7,
    });
    const scaRow = acc.find((a: any) => a.category === 'sca-vulns');
    expect(scaRow).toMatchObject({
      category: 'sca-vulns',
      reason: 'not reachable',
      expires: day(30),
      policyLine: 3,
      level: 'high',
    });
    for (const a of acc)
      for (const k of ['category', 'id', 'level', 'package', 'reason', 'expires', 'policyLine'])
        expect(Object.keys(a)).toContain(k);
  });

  test('report: categories.<cat>.accepted is a number; schemaVersion stays 1', async () => {
    writePolicy([{ id: 'CVE-2024-6387' }]);
    const r = await run({ 'max-cve-vulns': 'high:0', 'max-sca-vulns': '5' });
    expect(report(r).schemaVersion).toBe(1);
    expect(img(r).categories['cve-vulns'].accepted).toBe(1);
    expect(img(r).categories['sca-vulns'].accepted).toBe(0);
  });

  test('report: top-level policy {path, expired, expiring, unused, notChecked} with {id, line, expires}', async () => {
    writePolicy([
      { id: 'CVE-2024-6387', expires: day(-2) },
      { id: 'CVE-2024-0002', expires: day(3) },
      { id: 'CVE-2099-9999', expires: day(40) },
      { id: 'CVE-2021-23337', expires: day(50), category: 'sca-vulns' },
    ]);
    const r = await run({ 'max-cve-vulns': '5' });
    const pol = report(r).policy;
    expect(pol.path).toBe(DEFAULT_PATH);
    expect(pol.expired).toEqual([{ id: 'CVE-2024-6387', line: 3, expires: day(-2), matched: 1 }]);
    expect(pol.expiring).toEqual([
      expect.objectContaining({ id: 'CVE-2024-0002', line: 6, expires: day(3) }),
    ]);
    expect(pol.unused).toEqual([{ id: 'CVE-2099-9999', line: 9, expires: day(40) }]);
    expect(pol.notChecked).toEqual([{ id: 'CVE-2021-23337', line: 12, expires: day(50) }]);
  });

  test('no policy file: no `policy` in the report, accepted output empty', async () => {
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(report(r).schemaVersion).toBe(1);
    expect('policy' in report(r)).toBe(false);
    expect(img(r).accepted).toBeUndefined();
    expect(r.outputs['accepted']).toBe('');
  });

  test('output accepted is 0 when a policy was read and nothing matched', async () => {
    writePolicy([{ id: 'CVE-2099-0001' }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['accepted']).toBe('0');
    expect(r.outputs['result']).toBe('fail');
  });

  test('unused entries are listed and are not an error', async () => {
    writePolicy([{ id: 'CVE-2099-0001', category: 'cve-vulns' }]);
    const r = await run({ 'max-cve-vulns': '5' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.exitCode).toBe(0);
    expect(report(r).policy.unused).toEqual([{ id: 'CVE-2099-0001', line: 3, expires: day(30) }]);
    expect(r.summary).toMatch(/unused/i);
    expect(r.summary).toContain('CVE-2099-0001');
  });

  test('summary: Accepted risks section with id, level, package, reason, expiry, policy line; Accepted column', async () => {
    writePolicy([{ id: 'CVE-2024-6387', reason: 'sshd is not started in this image' }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.summary).toContain('Accepted risks');
    const sec = r.summary.slice(r.summary.indexOf('Accepted risks'));
    expect(sec).toContain('CVE-2024-6387');
    expect(sec).toContain('high');
    expect(sec).toContain('openssh-server');
    expect(sec).toContain('sshd is not started in this image');
    expect(sec).toContain(day(30));
    expect(sec).toMatch(/\|\s*3\s*\|/);
    expect(r.summary).toMatch(/\|\s*Count\s*\|\s*Accepted\s*\|/);
    expect(r.summary).toMatch(/CVE vulnerabilities \| 1 \| 1 \|/);
  });

  test('annotation: exactly one warning for the policy file, at the first flagged line, with counts', async () => {
    writePolicy([
      { id: 'CVE-2024-0002', expires: day(60) }, // accepted, not flagged: line 3
      { id: 'CVE-2024-6387', expires: day(-1) }, // expired: line 6
      { id: 'CVE-2021-23337', expires: day(5) }, // expiring: line 9
      { id: 'CVE-2099-0001', expires: day(60) }, // unused: line 12
      { id: 'CVE-2099-0002', expires: day(60) }, // unused: line 15
    ]);
    const r = await run({ 'max-cve-vulns': '5', 'max-sca-vulns': '5' });
    const warnings = r.stdout.split('\n').filter((l) => l.startsWith('::warning'));
    const policyWarnings = warnings.filter((l) => l.includes('sas-image-gate.yml'));
    expect(policyWarnings).toHaveLength(1);
    const w = policyWarnings[0] ?? '';
    expect(w).toMatch(/^::warning file=\.github\/sas-image-gate\.yml,line=6::/);
    expect(w).toMatch(/1 expired/);
    expect(w).toMatch(/1 expiring/);
    expect(w).toMatch(/2 unused/);
  });

  test('annotation: none for a policy with nothing flagged', async () => {
    writePolicy([{ id: 'CVE-2024-6387', expires: day(60) }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.stdout).not.toMatch(/::warning[^\n]*sas-image-gate\.yml/);
  });

  test('SARIF leaves accepted findings out', async () => {
    writePolicy([{ id: 'CVE-2024-6387' }]);
    const r = await run({ 'max-cve-vulns': 'high:0', 'sarif-file': 'gate.sarif' });
    expect(r.outputs['result']).toBe('pass');
    const log = JSON.parse(readFileSync(path.join(ctx.workspace, 'gate.sarif'), 'utf8'));
    const results = JSON.stringify(log.runs[0].results);
    expect(results).toContain('CVE-2024-0002');
    expect(results).not.toContain('CVE-2024-6387');
    expect(results).toContain('CVE-2021-23337'); // not accepted: still there
  });

  test('README: the count outputs carry the count-rule number', async () => {
    writePolicy([{ id: 'CVE-2024-6387' }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['cve-vulns']).toBe('1');
    expect(report(r).counts['cve-vulns']).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
describe('Both parts', () => {
  test('a finding both accepted and new counts as accepted', async () => {
    // The baseline image: tag main in the same repository, only CVE-2024-0002.
    ctx.sim.addImage({
      digest: DB,
      repoId: 'crr-1',
      repoNamespace: 'team',
      repoName: 'frontend',
      tag: 'main',
      counts: {},
      findings: { cve: [cve('CVE-2024-0002', 'later', 'libc6')] },
    });
    writePolicy([{ id: 'CVE-2024-6387', category: 'cve-vulns' }]);
    const r = await run({ 'max-cve-vulns': '0', 'baseline-image-tag': 'main' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
    expect(r.outputs['new-findings']).toBe('0');
    expect(img(r).categories['cve-vulns'].accepted).toBe(1);
    expect(img(r).categories['cve-vulns'].inherited).toBe(1);
  });

  test('the policy file is read and checked before the baseline is looked up (no call)', async () => {
    writeAt(DEFAULT_PATH, 'version: 1\naccept:\n  - id: X\n');
    const r = await run({ 'max-cve-vulns': '0', 'baseline-image-tag': 'main' });
    expectBadInput(r);
  });
});

// ---------------------------------------------------------------------------------------------
describe('Edge cases', () => {
  test('days are UTC calendar days, whatever the runner time zone: expires today (UTC) is expired', async () => {
    // A zone whose local date differs from the UTC date right now.
    const tz = new Date().getUTCHours() < 12 ? 'Etc/GMT+12' : 'Etc/GMT-14';
    writePolicy([{ id: 'CVE-2024-6387', expires: day(0) }]);
    const r = await run({ 'max-cve-vulns': 'high:0' }, { TZ: tz });
    expect(r.outputs['result']).toBe('fail');
    expect(report(r).policy.expired.map((e: any) => e.id)).toEqual(['CVE-2024-6387']);
  });

  test('days are UTC calendar days in another time zone: tomorrow (UTC) is "expires in 1 day"', async () => {
    const tz = new Date().getUTCHours() < 12 ? 'Etc/GMT+12' : 'Etc/GMT-14';
    writePolicy([{ id: 'CVE-2024-6387', expires: day(1) }]);
    const r = await run({ 'max-cve-vulns': 'high:0' }, { TZ: tz });
    expect(r.outputs['result']).toBe('pass');
    expect(r.summary).toMatch(/expires in 1 days?\b/);
  });

  test('max-accept-days measured in UTC days in another time zone: 365 ahead is fine', async () => {
    const tz = new Date().getUTCHours() < 12 ? 'Etc/GMT+12' : 'Etc/GMT-14';
    writePolicy([{ id: 'CVE-2024-6387', expires: day(365) }]);
    const r = await run({ 'max-cve-vulns': 'high:0' }, { TZ: tz });
    expect(r.outputs['result']).toBe('pass');
  });

  test('a quoted expires date is read the same', async () => {
    writeAt(
      DEFAULT_PATH,
      `version: 1\naccept:\n  - id: CVE-2024-6387\n    reason: r\n    expires: "${day(30)}"\n`,
    );
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
  });

  test('expires with a time of day is not YYYY-MM-DD: bad input', async () => {
    writeAt(
      DEFAULT_PATH,
      `version: 1\naccept:\n  - id: CVE-2024-6387\n    reason: r\n    expires: ${day(30)}T00:00:00Z\n`,
    );
    const r = await run({ 'max-cve-vulns': 'high:0' });
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 5).length).toBe(1);
  });

  test('an empty id is bad input', async () => {
    writeAt(
      DEFAULT_PATH,
      `version: 1\naccept:\n  - id: ""\n    reason: r\n    expires: ${day(30)}\n`,
    );
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expectBadInput(r);
  });

  test('a key given twice in one entry is bad input', async () => {
    writeAt(
      DEFAULT_PATH,
      `version: 1\naccept:\n  - id: CVE-2024-6387\n    reason: r\n    reason: s\n    expires: ${day(30)}\n`,
    );
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expectBadInput(r);
  });

  test('wrong type: images is a mapping', async () => {
    writeAt(
      DEFAULT_PATH,
      `version: 1\naccept:\n  - id: CVE-2024-6387\n    reason: r\n    expires: ${day(30)}\n    images: {repo: crr-1}\n`,
    );
    const r = await run({ 'max-cve-vulns': 'high:0' });
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 6).length).toBeGreaterThanOrEqual(1);
  });

  test('README: duplicate ids differing only in case (same scope, reason, expiry) are a duplicate', async () => {
    writePolicy([{ id: 'CVE-2024-6387' }, { id: 'cve-2024-6387' }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 6).length).toBe(1);
  });

  test('the duplicate is reported at the line of its `-`', async () => {
    writePolicy([{ id: 'CVE-2024-6387' }, { id: 'CVE-2024-6387' }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 6).join('\n')).toMatch(/duplicate/i);
  });

  test('same id, different reason: not a duplicate', async () => {
    writePolicy([
      { id: 'CVE-2024-6387', reason: 'a' },
      { id: 'CVE-2024-6387', reason: 'b', images: '[crr-1]' },
    ]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
  });

  test('CRLF line endings: the lines stay right', async () => {
    writeAt(DEFAULT_PATH, policyText([{ id: 'CVE-2024-6387', reason: '' }]).replace(/\n/g, '\r\n'));
    const r = await run({ 'max-cve-vulns': 'high:0' });
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 4).length).toBe(1);
  });

  test('comments and blank lines before the entries: policyLine is the physical line of the `-`', async () => {
    writeAt(
      DEFAULT_PATH,
      `# accepted risks\n\nversion: 1\n# reviewed by security\naccept:\n\n  - id: CVE-2024-6387\n    reason: r\n    expires: ${day(30)}\n`,
    );
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
    expect(img(r).accepted[0].policyLine).toBe(7);
  });

  test('flow-style entry: a key problem names the line it is on', async () => {
    writeAt(
      DEFAULT_PATH,
      `version: 1\naccept:\n  - id: CVE-2024-0002\n    reason: r\n    expires: ${day(30)}\n  - {id: CVE-2024-6387, reason: "", expires: ${day(30)}}\n`,
    );
    const r = await run({ 'max-cve-vulns': 'high:0' });
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 6).join('\n')).toContain('reason');
  });

  test('reason of 500 characters outside the BMP (emoji) is 500 characters: accepted', async () => {
    writePolicy([{ id: 'CVE-2024-6387', reason: '😀'.repeat(500) }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
  });

  test('whitespace-only reason counts as empty', async () => {
    writePolicy([{ id: 'CVE-2024-6387', reason: '   ' }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expectBadInput(r);
  });

  test('package without category only matches CVE findings (not the SCA item with that id)', async () => {
    writePolicy([{ id: 'CVE-2021-23337', package: 'lodash' }]);
    const r = await run({ 'max-sca-vulns': '0' });
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['accepted']).toBe('0');
  });

  test("malicious: the sample's key (MaliciousKey) does not accept either", async () => {
    writePolicy([{ id: 'WEBSHELL_IMG' }]);
    const r = await run({ 'max-malicious-files': '0' });
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['accepted']).toBe('0');
  });

  test('digest scope on an image named by tag + repo-id (digest resolved by Security Center)', async () => {
    writePolicy([{ id: 'CVE-2024-6387', images: `["sha256:${D1}"]` }]);
    const r = await run({
      'image-digest': '',
      'image-tag': 'v1',
      'repo-id': 'crr-1',
      'max-cve-vulns': 'high:0',
    });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
  });

  test('README: require-scan false, digest scope still matches', async () => {
    writePolicy([{ id: 'CVE-2024-6387', images: `["sha256:${D1}"]` }]);
    const r = await run({ 'max-cve-vulns': 'high:0', 'require-scan': 'false' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
  });

  test('an entry matching in one image of several is not unused', async () => {
    ctx.sim.addImage({
      digest: D2,
      repoId: 'crr-2',
      counts: {},
      findings: { cve: [cve('CVE-2030-0001', 'asap', 'x')] },
    });
    writePolicy([{ id: 'CVE-2030-0001' }]);
    const r = await run({ 'image-digest': `${D1},${D2}`, 'max-cve-vulns': '5' });
    expect(report(r).policy.unused).toEqual([]);
    expect(r.outputs['accepted']).toBe('1');
  });

  test('expired entry: matched sums over the images', async () => {
    ctx.sim.addImage({ digest: D2, repoId: 'crr-2', counts: {}, findings: findings() });
    writePolicy([{ id: 'CVE-2024-6387', expires: day(-1) }]);
    const r = await run({ 'image-digest': `${D1},${D2}`, 'max-cve-vulns': 'high:0' });
    expect(report(r).policy.expired).toEqual([
      { id: 'CVE-2024-6387', line: 3, expires: day(-1), matched: 2 },
    ]);
  });

  test('count rule applies only where something was accepted: nothing matched, total stays the count query', async () => {
    ctx.sim.images.length = 0;
    addImage({ counts: { ImageCveVulCount: 5 } });
    writePolicy([{ id: 'CVE-2099-0001', category: 'cve-vulns' }]);
    const r = await run({ 'max-cve-vulns': '5' });
    expect(img(r).categories['cve-vulns'].count).toBe(5);
    expect(r.outputs['result']).toBe('pass');
  });

  test('README: an entry that may cover an image that ended in error is not checked, not unused', async () => {
    writePolicy([{ id: 'CVE-2024-6387', category: 'cve-vulns' }]);
    ctx.sim.fault(
      { kind: 'error', status: 403, code: 'NoPermission', message: 'not allowed' },
      { action: 'DescribeImageVulList', times: Infinity },
    );
    const r = await run({ 'max-cve-vulns': '5' });
    expect(r.outputs['result']).toBe('error');
    expect(report(r).policy.unused).toEqual([]);
    expect(report(r).policy.notChecked.map((e: any) => e.id)).toEqual(['CVE-2024-6387']);
  });

  test('annotation points into a non-default policy file', async () => {
    writePolicy([{ id: 'CVE-2099-0001', category: 'cve-vulns' }], 'ci/policy.yml');
    const r = await run({ 'max-cve-vulns': '5', 'policy-file': 'ci/policy.yml' });
    expect(r.stdout).toMatch(/^::warning file=ci\/policy\.yml,line=3::.*1 unused/m);
  });

  test('SARIF also leaves out accepted SCA, malicious and baseline findings', async () => {
    writePolicy([
      { id: 'CVE-2021-23337', category: 'sca-vulns' },
      { id: MD5 },
      { id: 'ssh_root_login' },
    ]);
    const r = await run({
      'max-sca-vulns': '0',
      'max-malicious-files': '0',
      'max-baseline-risks': '0',
      'max-cve-vulns': '5',
      'sarif-file': 'gate.sarif',
    });
    expect(r.outputs['result']).toBe('pass');
    const log = JSON.parse(readFileSync(path.join(ctx.workspace, 'gate.sarif'), 'utf8'));
    const results = JSON.stringify(log.runs[0].results);
    expect(results).not.toMatch(
      /23337|5d41402abc4b2a76b9719d911017c592|ssh_root_login|SSH permits/i,
    );
    expect(results).toContain('CVE-2024-6387');
  });

  test('summary: a pipe or HTML in the reason does not break the Accepted risks table', async () => {
    writePolicy([{ id: 'CVE-2024-6387', reason: 'a | b <img src=x onerror=alert(1)>' }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.summary).not.toContain('<img');
    const row = r.summary.split('\n').find((l) => l.includes('CVE-2024-6387') && l.startsWith('|'));
    expect(row).toBeDefined();
    const cells = (row ?? '').replace(/\\\|/g, '').split('|').length;
    const header = r.summary.split('\n').find((l) => /\|\s*Policy line\s*\|/.test(l)) ?? '';
    expect(cells).toBe(header.split('|').length);
  });

  test('PR comment: shows the Accepted risks section and the Accepted column', async () => {
    const gh = await FakeGitHub.start();
    try {
      writePolicy([{ id: 'CVE-2024-6387', reason: 'sshd not started' }]);
      const r = await runAction({
        inputs: simInputs(ctx.sim.url, {
          'image-digest': D1,
          ...OFF,
          'max-cve-vulns': 'high:0',
          'github-token': INSTALLATION_TOKEN,
        }),
        workspace: ctx.workspace,
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
      });
      expect(r.outputs['result']).toBe('pass');
      expect(gh.comments).toHaveLength(1);
      const body = gh.comments[0]?.body ?? '';
      expect(body).toContain('Accepted risks');
      expect(body).toContain('sshd not started');
      expect(body).toMatch(/\|\s*Accepted\s*\|/);
    } finally {
      await gh.close();
    }
  });

  test('runs no code: a !!js/function tag is never executed (bad input or plain text)', async () => {
    const marker = path.join(ctx.workspace, 'pwned');
    writeAt(
      DEFAULT_PATH,
      `version: 1\naccept:\n  - id: !!js/function "function(){require('fs').writeFileSync('${marker}','x')}"\n    reason: r\n    expires: ${day(30)}\n`,
    );
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toMatch(/error|fail/);
    expect(() => readFileSync(marker)).toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
describe('Edge cases, round 3', () => {
  test('an entry long expired (400 days ago) is not bad input: listed expired', async () => {
    writePolicy([{ id: 'CVE-2024-6387', expires: day(-400) }]);
    const r = await run({ 'max-cve-vulns': '5' });
    expect(r.outputs['result']).toBe('pass');
    expect(report(r).policy.expired).toHaveLength(1);
  });

  test('a CVE record with several CVE ids matches by its second id', async () => {
    ctx.sim.images.length = 0;
    const f = findings();
    f.cve![0]!.related = 'CVE-2024-6387,CVE-2024-6409';
    addImage({ findings: f });
    writePolicy([{ id: 'CVE-2024-6409' }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
  });

  test('acceptances apply only to enforced categories: an off category read for display accepts nothing', async () => {
    writePolicy([{ id: 'CVE-2021-23337', category: 'sca-vulns' }]);
    // cve fails, so all four lists are read to show them, including the off sca-vulns.
    const r = await run({ 'max-cve-vulns': '0' });
    expect(r.outputs['result']).toBe('fail');
    expect(ctx.sim.requestsFor('DescribeImageGroupedVulList').length).toBeGreaterThan(0);
    expect(r.outputs['accepted']).toBe('0');
    expect(report(r).policy.unused).toEqual([]);
    expect(report(r).policy.notChecked.map((e: any) => e.id)).toEqual(['CVE-2021-23337']);
  });

  test('an expired and an in-force entry for one finding: the in-force one accepts it', async () => {
    writePolicy([
      { id: 'CVE-2024-6387', expires: day(-1), reason: 'old' },
      { id: 'CVE-2024-6387', expires: day(30), reason: 'renewed' },
    ]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
    expect(img(r).accepted[0]).toMatchObject({ reason: 'renewed', policyLine: 6 });
    // The finding does not count (the renewed entry accepts it): the summary must not say it does.
    expect(r.summary).not.toMatch(/still matches 1 finding, which count/);
  });

  test('the annotation points at the first flagged line, whatever its kind (unused before expired)', async () => {
    writePolicy([
      { id: 'CVE-2099-0001', expires: day(60), category: 'cve-vulns' }, // unused: line 3
      { id: 'CVE-2024-6387', expires: day(-1), category: 'cve-vulns' }, // expired: line 7
    ]);
    const r = await run({ 'max-cve-vulns': '5' });
    const w = r.stdout.split('\n').filter((l) => /^::warning[^\n]*sas-image-gate\.yml/.test(l));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/line=3::/);
  });

  test('one policy annotation for several images', async () => {
    ctx.sim.addImage({ digest: D2, repoId: 'crr-2', counts: {}, findings: findings() });
    writePolicy([
      { id: 'CVE-2024-6387', expires: day(-1) },
      { id: 'CVE-2099-0001', expires: day(2) },
    ]);
    const r = await run({ 'image-digest': `${D1},${D2}`, 'max-cve-vulns': '5' });
    const w = r.stdout.split('\n').filter((l) => /^::warning[^\n]*sas-image-gate\.yml/.test(l));
    expect(w).toHaveLength(1);
  });

  test('a package entry without category can only match CVE findings: only the CVE list is read', async () => {
    writePolicy([{ id: 'CVE-2024-6387', package: 'openssh-server' }]);
    const r = await run({
      'max-cve-vulns': '1',
      'max-sca-vulns': '5',
      'max-malicious-files': '5',
      'max-baseline-risks': '5',
    });
    expect(r.outputs['result']).toBe('pass');
    expect(new Set(listCalls().map((q) => q.action))).toEqual(new Set(['DescribeImageVulList']));
  });

  test('empty max-accept-days means the default 365', async () => {
    writePolicy([{ id: 'CVE-2024-6387', expires: day(366) }]);
    const r = await run({ 'max-cve-vulns': 'high:0', 'max-accept-days': '' });
    expectBadInput(r);
  });

  test('a `..` that stays inside the workspace is fine', async () => {
    writePolicy([{ id: 'CVE-2024-6387' }]);
    const r = await run({
      'max-cve-vulns': 'high:0',
      'policy-file': 'x/../.github/sas-image-gate.yml',
    });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
  });

  test('a malicious sample at two paths is one finding: accepted 1', async () => {
    ctx.sim.images.length = 0;
    const f = findings();
    f.malicious![0]!.paths.push({ filePath: '/var/www/html/copy.php' });
    addImage({ findings: f });
    writePolicy([{ id: MD5 }]);
    const r = await run({ 'max-malicious-files': '0' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
  });

  test('report-file holds the policy section too', async () => {
    writePolicy([{ id: 'CVE-2024-6387' }]);
    const r = await run({ 'max-cve-vulns': 'high:0', 'report-file': 'report.json' });
    const full = JSON.parse(readFileSync(path.join(ctx.workspace, 'report.json'), 'utf8'));
    expect(full.policy.path).toBe(DEFAULT_PATH);
    expect(full.images[0].accepted).toHaveLength(1);
    expect(r.outputs['result']).toBe('pass');
  });

  test('wrong type: reason is a number', async () => {
    writeAt(
      DEFAULT_PATH,
      `version: 1\naccept:\n  - id: CVE-2024-6387\n    reason: 5\n    expires: ${day(30)}\n`,
    );
    const r = await run({ 'max-cve-vulns': 'high:0' });
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 4).length).toBe(1);
  });

  test('an entry that is not a mapping: bad input at its `-` line', async () => {
    writeAt(DEFAULT_PATH, `version: 1\naccept:\n  - CVE-2024-6387\n`);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 3).length).toBe(1);
  });

  test('Both parts: an accepted inherited finding counts as accepted, not inherited', async () => {
    ctx.sim.addImage({
      digest: DB,
      repoId: 'crr-1',
      tag: 'main',
      counts: {},
      findings: { cve: [cve('CVE-2024-0002', 'later', 'libc6')] },
    });
    writePolicy([{ id: 'CVE-2024-0002', category: 'cve-vulns' }]);
    const r = await run({ 'max-cve-vulns': 'high:0', 'baseline-image-tag': 'main' });
    const c = img(r).categories['cve-vulns'];
    expect(c.accepted).toBe(1);
    expect(c.inherited).toBe(0);
    expect(c.new).toBe(1);
    expect(r.outputs['result']).toBe('fail');
  });

  test('Both parts: acceptances apply to the gated image only, not the baseline', async () => {
    ctx.sim.addImage({
      digest: DB,
      repoId: 'crr-1',
      tag: 'main',
      counts: {},
      findings: {
        cve: [cve('CVE-2024-0002', 'later', 'libc6'), cve('CVE-2023-1111', 'asap', 'bash')],
      },
    });
    writePolicy([{ id: 'CVE-2023-1111', category: 'cve-vulns' }]);
    const r = await run({ 'max-cve-vulns': '5', 'baseline-image-tag': 'main' });
    const c = img(r).categories['cve-vulns'];
    expect(c.accepted).toBe(0);
    expect(r.outputs['accepted']).toBe('0');
    expect(report(r).policy.unused.map((u: any) => u.id)).toEqual(['CVE-2023-1111']);
  });
});

// ---------------------------------------------------------------------------------------------
describe('Edge cases, round 4', () => {
  test('baseline count rule with disagreeing numbers: total − accepted items', async () => {
    ctx.sim.images.length = 0;
    const f = findings();
    f.baseline!.push({
      key: 'root_user',
      alias: 'Container runs as root',
      level: 'medium',
      status: 0,
      medium: 2,
    });
    // Items 3 + 2 = 5 on the list, but the count query says 10.
    addImage({ counts: { ImageBaselineCount: 10 }, findings: f });
    writePolicy([{ id: 'ssh_root_login', category: 'baseline-risks' }]);
    const r = await run({ 'max-baseline-risks': '10' });
    expect(img(r).categories['baseline-risks'].count).toBe(7);
    expect(img(r).categories['baseline-risks'].accepted).toBe(1);
  });

  test('a digest scope naming another image costs this image no list call', async () => {
    writePolicy([{ id: 'CVE-2024-6387', images: `["sha256:${D2}"]` }]);
    const r = await run({ 'max-cve-vulns': '5' });
    expect(r.outputs['result']).toBe('pass');
    expect(listCalls()).toHaveLength(0);
  });

  test('summary: the Accepted risks listing is bounded by list-findings, its count complete', async () => {
    writePolicy([{ id: 'CVE-2024-6387' }, { id: 'CVE-2024-0002' }]);
    const r = await run({ 'max-cve-vulns': '0', 'list-findings': '1' });
    const sec = r.summary.slice(r.summary.indexOf('Accepted risks'));
    const rows = sec.split('\n').filter((l) => /^\| CVE vulnerabilities \| CVE-/.test(l));
    expect(rows).toHaveLength(1);
    expect(sec).toMatch(/\b2\b/);
  });

  test('reason: with no value is bad input at the reason line', async () => {
    writeAt(
      DEFAULT_PATH,
      `version: 1\naccept:\n  - id: CVE-2024-6387\n    reason:\n    expires: ${day(30)}\n`,
    );
    const r = await run({ 'max-cve-vulns': 'high:0' });
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 4).length).toBe(1);
  });

  test('a folded reason over 500 characters names the reason key line', async () => {
    const long = Array.from({ length: 60 }, () => 'abcdefghij').join(' ');
    writeAt(
      DEFAULT_PATH,
      `version: 1\naccept:\n  - id: CVE-2024-6387\n    reason: >\n      ${long}\n    expires: ${day(30)}\n`,
    );
    const r = await run({ 'max-cve-vulns': 'high:0' });
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 4).join('\n')).toContain('reason');
  });

  test('leap day 2028-02-29 is a valid date; 2027-02-29 and 2027-13-01 are not', async () => {
    writePolicy([{ id: 'CVE-2024-6387', expires: '2028-02-29' }]);
    const ok = await run({ 'max-cve-vulns': 'high:0', 'max-accept-days': '0' });
    expect(ok.outputs['result']).toBe('pass');
    writePolicy([
      { id: 'CVE-2024-6387', expires: '2027-02-29' },
      { id: 'CVE-2024-0002', expires: '2027-13-01' },
    ]);
    const bad = await run({ 'max-cve-vulns': 'high:0', 'max-accept-days': '0' });
    ctx.sim.requests.length = 0; // the first run made calls
    expect(bad.outputs['result']).toBe('error');
    const p = report(bad).problems as string[];
    expect(atLine(p, DEFAULT_PATH, 5).length).toBe(1);
    expect(atLine(p, DEFAULT_PATH, 8).length).toBe(1);
  });

  test('duplicate in another key order is still an exact duplicate', async () => {
    writeAt(
      DEFAULT_PATH,
      `version: 1\naccept:\n  - id: CVE-2024-6387\n    reason: r\n    expires: ${day(30)}\n  - expires: ${day(30)}\n    reason: r\n    id: CVE-2024-6387\n`,
    );
    const r = await run({ 'max-cve-vulns': 'high:0' });
    const p = expectBadInput(r);
    expect(atLine(p, DEFAULT_PATH, 6).join('\n')).toMatch(/duplicate/i);
  });

  test('one image in error, another accepting: accepted counts the image that was read', async () => {
    ctx.sim.addImage({ digest: D2, repoId: 'crr-2', counts: {}, findings: findings() });
    writePolicy([{ id: 'CVE-2024-6387', category: 'cve-vulns' }]);
    ctx.sim.fault(
      { kind: 'error', status: 403, code: 'NoPermission', message: 'not allowed' },
      { action: 'DescribeImageVulList', times: Infinity, params: { Digest: D2 } },
    );
    const r = await run({ 'image-digest': `${D1},${D2}`, 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('error');
    expect(r.outputs['accepted']).toBe('1');
    expect(r.outputs['gated-digests']).toBe(`sha256:${D1}`);
  });
});

// ---------------------------------------------------------------------------------------------
describe('Edge cases, round 5 (what users see, hostile text)', () => {
  test('a reason with a newline and a workflow command is never a command in the log', async () => {
    writePolicy([
      { id: 'CVE-2024-6387', reason: 'ok\n::error::injected\n::set-output name=result::pass' },
    ]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.stdout).not.toMatch(/^::error::injected/m);
    expect(r.stdout).not.toMatch(/^::set-output/m);
  });

  test('an id with a workflow command is never a command in the log', async () => {
    writePolicy([{ id: 'CVE-2099-1\n::error::injected-id', category: 'cve-vulns' }]);
    const r = await run({ 'max-cve-vulns': '5' });
    expect(r.stdout).not.toMatch(/^::error::injected-id/m);
  });

  test('a reason with a newline keeps the Accepted risks table row on one line', async () => {
    writePolicy([{ id: 'CVE-2024-6387', reason: 'first line\nsecond line' }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    const row = r.summary
      .split('\n')
      .find((l) => l.startsWith('| CVE vulnerabilities | CVE-2024-6387'));
    expect(row).toBeDefined();
    expect(row).toContain('first line');
    expect(row).toContain('second line');
  });

  test('an id with HTML is escaped in the summary (unused list)', async () => {
    writePolicy([{ id: '</code><img src=x onerror=alert(1)>', category: 'cve-vulns' }]);
    const r = await run({ 'max-cve-vulns': '5' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.summary).not.toContain('<img');
  });

  test('annotation properties are escaped: a policy path with "," and ":"', async () => {
    writePolicy([{ id: 'CVE-2099-0001', category: 'cve-vulns' }], 'ci/a,b:c.yml');
    const r = await run({ 'max-cve-vulns': '5', 'policy-file': 'ci/a,b:c.yml' });
    expect(r.outputs['result']).toBe('pass');
    const w = r.stdout.split('\n').filter((l) => l.startsWith('::warning file='));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^::warning file=ci\/a%2Cb%3Ac\.yml,line=3::/);
  });
});

// ---------------------------------------------------------------------------------------------
describe('Edge cases, round 6 (RAM, not-checked)', () => {
  test('Both parts: a refused list names the action and the printed minimal policy covers it', async () => {
    writePolicy([{ id: 'CVE-2024-6387', category: 'cve-vulns' }]);
    ctx.sim.fault(
      {
        kind: 'error',
        status: 403,
        code: 'NoPermission',
        message: 'You are not authorized to do this action.',
        extra: { AccessDeniedDetail: { AuthAction: 'yundun-sas:DescribeImageVulList' } },
      },
      { action: 'DescribeImageVulList', times: Infinity },
    );
    const r = await run({ 'max-cve-vulns': '5', 'list-findings': '0' });
    expect(r.outputs['result']).toBe('error');
    const text = r.stdout + r.summary;
    expect(text).toContain('yundun-sas:DescribeImageVulList');
    // The printed minimal policy (a JSON Statement) includes the list the policy file needs.
    const m = /"Action":\s*\[([^\]]*)\]/.exec(text.replace(/%0A/g, '\n'));
    expect(m?.[1]).toContain('yundun-sas:DescribeImageVulList');
    expect(m?.[1]).not.toContain('DescribeImageBaselineCheckResult');
  });
});

// ---------------------------------------------------------------------------------------------
describe('README report fields (public API)', () => {
  test('each accepted finding carries exactly the seven fields the contract names', async () => {
    writePolicy([{ id: 'CVE-2024-6387' }]);
    const r = await run({ 'max-cve-vulns': 'high:0' });
    expect(Object.keys(img(r).accepted[0]).sort()).toEqual([
      'category',
      'expires',
      'id',
      'level',
      'package',
      'policyLine',
      'reason',
    ]);
  });

  test('expiring entries are {id, line, expires}, in the output and in report-file', async () => {
    writePolicy([{ id: 'CVE-2024-6387', expires: day(3) }]);
    const r = await run({ 'max-cve-vulns': 'high:0', 'report-file': 'report.json' });
    const expected = [{ id: 'CVE-2024-6387', line: 3, expires: day(3) }];
    expect(report(r).policy.expiring).toEqual(expected);
    const full = JSON.parse(readFileSync(path.join(ctx.workspace, 'report.json'), 'utf8'));
    expect(full.policy.expiring).toEqual(expected);
  });

  test('without a policy file no category carries `accepted`', async () => {
    const r = await run({ 'max-cve-vulns': 'high:0' });
    for (const c of Object.values(img(r).categories))
      expect('accepted' in (c as object)).toBe(false);
  });
});
