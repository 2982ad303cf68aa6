// End to end (issue 18): the built action with a policy file in its workspace and baseline
// inputs. Bad policy files and bad baseline inputs are bad input: reported all at once, the
// step fails, and Security Center is never asked anything (the simulator sees no request).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reportOf, runAction, simInputs } from '../helpers/run-action.js';
import { SasSimulator } from '../simulator/sas-simulator.js';

const CLEAN = 'a'.repeat(64);
const OTHER = 'c'.repeat(64);
const BASE = 'd'.repeat(64);
const DEFAULT = '.github/sas-image-gate.yml';

let sim: SasSimulator;
let workspace: string;

beforeEach(async () => {
  sim = await SasSimulator.start();
  sim.addImage({ digest: CLEAN, repoId: 'crr-1', counts: {} });
  workspace = mkdtempSync(path.join(tmpdir(), 'sas-gate-ws-'));
  mkdirSync(path.join(workspace, '.github'));
});

afterEach(async () => {
  await sim.close();
  rmSync(workspace, { recursive: true, force: true });
});

const run = (inputs: Record<string, string>) =>
  runAction({ inputs: simInputs(sim.url, { 'image-digest': CLEAN, ...inputs }), workspace });

const writePolicy = (text: string, rel = DEFAULT) => writeFileSync(path.join(workspace, rel), text);

/** Bad input: exit 1, result error, the problems in the report, nothing sent. */
function expectBadInput(r: Awaited<ReturnType<typeof run>>): string[] {
  expect(r.exitCode).toBe(1);
  expect(r.outputs['result']).toBe('error');
  expect(sim.requests).toEqual([]);
  return reportOf(r).problems ?? [];
}

describe('bad policy files fail before any network call', () => {
  test('every problem of the file at once, each with its line, with the other inputs', async () => {
    writePolicy(`version: 1
accept:
  - id: CVE-2024-6387
    reason: ""
    expires: 2027-02-30
  - id: CVE-2024-0001
    reason: tracked
    expire: 2027-01-01
    package: zlib1g
    category: sca-vulns
`);
    const r = await run({ 'max-cve-vulns': 'many' });
    const problems = expectBadInput(r);
    expect(problems[0]).toMatch(/^max-cve-vulns:/);
    const lines = problems
      .filter((p) => p.startsWith(`policy-file: ${DEFAULT}:`))
      .map((p) => Number(/:(\d+): /.exec(p)?.[1]));
    expect(lines).toEqual([4, 5, 6, 8, 9]);
    expect(r.summary).toContain('**Invalid input:**');
    expect(r.summary).toContain(`policy-file: .github/sas-image-gate.yml:8:`);
    expect(r.outputs['accepted']).toBe('');
  });

  test('an expiry beyond max-accept-days', async () => {
    writePolicy('version: 1\naccept:\n  - id: CVE-1\n    reason: r\n    expires: 2999-01-01\n');
    const problems = expectBadInput(await run({}));
    expect(problems).toEqual([expect.stringMatching(/:5: .*max-accept-days allows at most 365/)]);
  });

  test('an explicit path that does not exist', async () => {
    const problems = expectBadInput(await run({ 'policy-file': 'policy/gate.yml' }));
    expect(problems).toEqual([
      expect.stringMatching(/^policy-file: "policy\/gate\.yml" does not exist in the workspace/),
    ]);
  });

  test('a path outside the workspace, and a symbolic link leading out', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'sas-gate-out-'));
    try {
      writeFileSync(path.join(outside, 'p.yml'), 'version: 1\n');
      expect(expectBadInput(await run({ 'policy-file': '../p.yml' }))).toEqual([
        expect.stringContaining('lies outside the workspace'),
      ]);
      symlinkSync(path.join(outside, 'p.yml'), path.join(workspace, DEFAULT));
      expect(expectBadInput(await run({}))).toEqual([
        expect.stringContaining('leads outside the workspace (through a symbolic link)'),
      ]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('a file over 1 MiB', async () => {
    writePolicy(`version: 1\n# ${'x'.repeat(1024 * 1024)}\n`);
    expect(expectBadInput(await run({}))).toEqual([
      expect.stringContaining('is larger than 1048576 bytes'),
    ]);
  });
});

describe('bad baseline inputs fail before any network call', () => {
  test('a baseline digest that would apply to two images', async () => {
    const problems = expectBadInput(
      await run({ 'image-digest': `${CLEAN},${OTHER}`, 'baseline-image-digest': BASE }),
    );
    expect(problems).toEqual([expect.stringMatching(/would be the baseline of 2 images/)]);
  });

  test('both baselines, at step level and on one images line', async () => {
    const problems = expectBadInput(
      await run({
        'image-digest': '',
        'repo-id': 'crr-1',
        'baseline-image-tag': 'main',
        'baseline-image-digest': BASE,
        images: `image-digest=${OTHER} baseline-image-tag=main baseline-image-digest=${BASE}`,
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^baseline-image-tag and baseline-image-digest are both set/),
      expect.stringMatching(/^images line 1: baseline-image-tag and baseline-image-digest/),
    ]);
  });
});

describe('a readable policy file', () => {
  test('missing at the default path: no policy, accepted is empty', async () => {
    const r = await run({});
    expect(r.exitCode).toBe(0);
    expect(r.outputs['accepted']).toBe('');
    expect(r.outputs['new-findings']).toBe('');
    expect(reportOf(r).policy).toBeUndefined();
  });

  test('read and reported; one warning annotation at its first flagged line', async () => {
    writePolicy(`version: 1
accept:
  - id: CVE-2024-6387
    reason: sshd is not started
    expires: 2027-01-01
    category: cve-vulns
  - id: CVE-2020-0001
    reason: long gone
    expires: 2021-01-01
`);
    const r = await run({});
    expect(r.exitCode).toBe(0);
    expect(r.outputs['accepted']).toBe('0');
    const report = reportOf(r);
    expect(report.policy).toMatchObject({
      path: DEFAULT,
      expired: [{ id: 'CVE-2020-0001', line: 7, expires: '2021-01-01', matched: 0 }],
      // The engine read the image's CVE list for it: in force, it matched nothing.
      unused: [{ id: 'CVE-2024-6387', line: 3, expires: '2027-01-01' }],
    });
    const warnings = r.stdout.split('\n').filter((l) => l.startsWith('::warning file='));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^::warning file=\.github\/sas-image-gate\.yml,line=3::Policy file: 2 entries need a look \(1 expired, 1 unused\)/,
      ),
    ]);
    expect(r.summary).toContain('**Policy file:** <code>.github/sas-image-gate.yml</code>.');
  });
});
