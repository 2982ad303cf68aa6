// The SARIF log for code scanning: checked by Microsoft's SARIF Multitool (the JSON schema, the
// SARIF rules and its GitHub ingestion rules), and by the contract GitHub's alerts depend on:
// rules, severities, fingerprints, category, the 25,000 cap, flattened text, determinism.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Category } from '../../../src/core/categories.js';
import type { Finding } from '../../../src/core/findings.js';
import {
  buildSarif,
  cap,
  dockerfileUri,
  fingerprint,
  flatten,
  MAX_GZIP_BYTES,
  MAX_RESULTS,
  type SarifImage,
  type SarifInput,
  type SarifLog,
} from '../../../src/report/sarif.js';
import { errorsOf, validate } from '../../helpers/sarif-validator.js';

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------
function finding(category: Category, over: Partial<Finding> & { key: string }): Finding {
  return {
    category,
    id: over.key,
    cveIds: [],
    title: '',
    level: 'high',
    rawLevel: 'asap',
    packages: [],
    ...over,
  };
}

const cve = (over: Partial<Finding> & { key: string }): Finding => finding('cve-vulns', over);

const IMAGE_A: SarifImage = {
  label: 'sha256:aaaa1111… (repo-id crr-1)',
  identity: 'cn-shanghai/cri-1/crr-1',
  findings: {
    'cve-vulns': [
      cve({
        key: 'debian:10:CVE-2019-9893',
        id: 'CVE-2019-9893',
        cveIds: ['CVE-2019-9893'],
        title: 'libseccomp: incorrect generation of syscall filters',
        packages: [
          {
            name: 'libseccomp2',
            version: '2.3.3-4',
            fixCommand: 'apt-get update && apt-get install --only-upgrade libseccomp2',
            path: '/usr/lib/x86_64-linux-gnu/libseccomp.so.2',
          },
          { name: 'libseccomp-dev', version: '2.3.3-4' },
        ],
      }),
      cve({
        key: 'debian:10:CVE-2021-3711',
        id: 'CVE-2021-3711',
        cveIds: ['CVE-2021-3711', 'CVE-2021-3712'],
        title: 'openssl: SM2 decryption buffer overflow',
        level: 'medium',
        rawLevel: 'later',
        fixable: false,
        packages: [{ name: 'openssl', version: '1.1.1d-0+deb10u6' }],
      }),
      cve({ key: 'debian:10:CVE-2020-0001', id: 'CVE-2020-0001', level: 'low', rawLevel: 'nntf' }),
    ],
    'sca-vulns': [
      finding('sca-vulns', {
        key: 'SCA-2022-42889',
        id: 'CVE-2022-42889',
        cveIds: ['CVE-2022-42889'],
        title: 'Apache Commons Text: variable interpolation RCE',
        cvss: 9.8,
      }),
    ],
    'malicious-files': [
      finding('malicious-files', {
        key: '0123456789abcdef0123456789abcdef',
        id: 'Webshell',
        title: 'Webshell',
        rawLevel: 'serious',
        md5: '0123456789abcdef0123456789abcdef',
        paths: ['/var/www/html/shell.php', '/tmp/x.php'],
      }),
    ],
    'baseline-risks': [
      finding('baseline-risks', {
        key: 'hc_docker_root',
        id: 'Container runs as root',
        title: 'Container runs as root',
        level: 'medium',
        rawLevel: 'medium',
        className: 'Docker security',
        itemCounts: { high: 1, medium: 2, low: 0 },
      }),
    ],
  },
};

const IMAGE_B: SarifImage = {
  label: 'sha256:bbbb2222… (repo-id crr-2)',
  identity: 'cn-shanghai/cri-1/crr-2',
  findings: {
    'cve-vulns': [
      cve({
        key: 'debian:11:CVE-2019-9893',
        id: 'CVE-2019-9893',
        cveIds: ['CVE-2019-9893'],
        title: 'libseccomp: incorrect generation of syscall filters',
        packages: [{ name: 'libseccomp2', version: '2.5.1-1' }],
      }),
    ],
  },
};

const INPUT: SarifInput = {
  toolVersion: '0.2.0',
  automationId: 'sas-image-gate/build/',
  dockerfile: 'Dockerfile',
  images: [IMAGE_A, IMAGE_B],
};

/** Image A again, pushed under another tag: the same repository, so the same alerts. */
const TWIN: SarifImage = { ...structuredClone(IMAGE_A), label: 'sha256:cccc3333… (tag v2)' };
const TWIN_INPUT: SarifInput = { ...INPUT, images: [IMAGE_A, TWIN] };

const BREAKS = ['\r\n', '\n', '\r', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c', '\t'];
/** Every kind of line break, controls, a terminal escape, a bidi override, a lone surrogate. */
const hostile = `line one${BREAKS.join('x')}end\u0000\u001b[31m\u202eevil\ud800`;
const HOSTILE_INPUT: SarifInput = {
  ...INPUT,
  images: [
    {
      label: `image${hostile}`,
      identity: 'r',
      findings: {
        'cve-vulns': [
          cve({
            key: `k${hostile}`,
            id: `CVE-2020-1234${hostile}`,
            title: `Title${hostile}`,
            rawLevel: `asap${hostile}`,
            packages: [
              { name: `pkg${hostile}`, version: `1${hostile}`, fixCommand: `apt${hostile}` },
            ],
          }),
        ],
        'malicious-files': [
          finding('malicious-files', {
            key: 'm',
            id: `mal${hostile}`,
            paths: [`/p${hostile}`],
          }),
        ],
        'baseline-risks': [finding('baseline-risks', { key: 'b', className: `c${hostile}` })],
      },
    },
  ],
};

type Run = SarifLog['runs'][0];
const runOf = (input: SarifInput): Run => buildSarif(input).log.runs[0];
const clone = <T>(v: T): T => structuredClone(v);

// ---------------------------------------------------------------------------------------------
describe('SARIF validation (Microsoft SARIF Multitool)', () => {
  it('accepts the logs: schema, SARIF rules and GitHub ingestion rules, no errors', () => {
    const problems = validate({
      mixed: buildSarif(INPUT).log,
      twins: buildSarif(TWIN_INPUT).log,
      hostile: buildSarif(HOSTILE_INPUT).log,
      many: buildSarif(manyFindings(500)).log,
      empty: buildSarif({ ...INPUT, images: [] }).log,
    });
    expect(errorsOf(problems)).toEqual([]);
  });

  it('rejects broken logs: a result without a message, a rule without help', () => {
    const noMessage = clone(buildSarif(INPUT).log) as unknown as { runs: { results: object[] }[] };
    delete (noMessage.runs[0]!.results[0] as { message?: unknown }).message;
    // Required by GitHub, not by the schema: the multitool's GitHub rules catch it.
    const noHelp = clone(buildSarif(INPUT).log) as unknown as {
      runs: { tool: { driver: { rules: object[] } } }[];
    };
    delete (noHelp.runs[0]!.tool.driver.rules[0] as { help?: unknown }).help;
    const errors = errorsOf(validate({ noMessage, noHelp }));
    expect(
      errors.some(
        (e) => e.log === 'noMessage' && e.ruleId.startsWith('JSON') && /message/.test(e.text),
      ),
    ).toBe(true);
    expect(errors.some((e) => e.log === 'noHelp' && e.ruleId.startsWith('GH'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
describe('rules and results', () => {
  const run = runOf(INPUT);
  const rules = run.tool.driver.rules;
  const ruleById = (id: string) => rules.find((r) => r.id === id)!;
  const resultsOf = (id: string) => run.results.filter((r) => r.ruleId === id);

  it('describes the tool and the log', () => {
    const { log } = buildSarif(INPUT);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({
      name: 'sas-image-gate',
      version: '0.2.0',
      semanticVersion: '0.2.0',
    });
    expect(run.tool.driver.informationUri).toBeUndefined();
    const withUri = runOf({ ...INPUT, informationUri: 'https://example.com/sas-image-gate' });
    expect(withUri.tool.driver.informationUri).toBe('https://example.com/sas-image-gate');
    // Not a semantic version: version only.
    expect(runOf({ ...INPUT, toolVersion: 'main' }).tool.driver.semanticVersion).toBeUndefined();
  });

  it('makes one rule per category and finding id, sorted, each result pointing at its rule', () => {
    expect(rules.map((r) => r.id)).toEqual([
      'baseline-risks/Container runs as root',
      'cve-vulns/CVE-2019-9893',
      'cve-vulns/CVE-2020-0001',
      'cve-vulns/CVE-2021-3711',
      'malicious-files/Webshell',
      'sca-vulns/CVE-2022-42889',
    ]);
    // CVE-2019-9893: two packages of image A, one of image B (another record key) → one rule.
    expect(resultsOf('cve-vulns/CVE-2019-9893')).toHaveLength(3);
    for (const r of run.results) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
  });

  it('keeps rule ids of one finding id apart across categories', () => {
    const id = 'CVE-2022-42889';
    const input: SarifInput = {
      ...INPUT,
      images: [
        {
          ...IMAGE_A,
          findings: {
            'cve-vulns': [cve({ key: 'debian:12:x', id })],
            'sca-vulns': [finding('sca-vulns', { key: 'x', id })],
          },
        },
      ],
    };
    const ids = runOf(input).tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual([`cve-vulns/${id}`, `sca-vulns/${id}`]);
  });

  it('fills the rule fields GitHub requires, with text from the finding', () => {
    const r = ruleById('cve-vulns/CVE-2021-3711');
    expect(r.name).toBe('CVE-2021-3711');
    expect(r.shortDescription.text).toBe('CVE-2021-3711: openssl: SM2 decryption buffer overflow');
    expect(r.fullDescription.text).toContain('CVE-2021-3711, CVE-2021-3712');
    expect(r.fullDescription.text).toContain('debian:10:CVE-2021-3711');
    expect(r.help.text).toContain('https://avd.aliyun.com/detail/CVE-2021-3712');
    expect(r.help.markdown).toContain(
      '[CVE-2021-3711](https://avd.aliyun.com/detail/CVE-2021-3711)',
    );
    expect(r.defaultConfiguration.level).toBe('warning');
    expect(r.properties.tags).toEqual([
      'security',
      'cve-vulns',
      'vulnerability',
      'container-image',
    ]);
    for (const rule of rules) {
      expect(rule.properties.tags).toContain('security');
      expect(rule.properties.tags.length).toBeLessThanOrEqual(10);
      expect(rule.name.length).toBeLessThanOrEqual(255);
      expect(rule.shortDescription.text.length).toBeLessThanOrEqual(1024);
      expect(rule.fullDescription.text).not.toBe('');
      expect(rule.help.text).not.toBe('');
    }
  });

  it('maps levels to error, warning and note', () => {
    expect(resultsOf('cve-vulns/CVE-2019-9893').map((r) => r.level)).toEqual([
      'error',
      'error',
      'error',
    ]);
    expect(resultsOf('cve-vulns/CVE-2021-3711')[0]!.level).toBe('warning');
    expect(resultsOf('cve-vulns/CVE-2020-0001')[0]!.level).toBe('note');
    expect(resultsOf('baseline-risks/Container runs as root')[0]!.level).toBe('warning');
  });

  it('makes one result per package of a CVE record, naming the image and the package', () => {
    const texts = resultsOf('cve-vulns/CVE-2019-9893').map((r) => r.message.text);
    const a = texts.find((t) => t.includes('libseccomp2 2.3.3-4'))!;
    expect(a).toContain(`of image ${IMAGE_A.label}`);
    expect(a).toContain('Fix: apt-get update && apt-get install --only-upgrade libseccomp2.');
    expect(a).toContain('Path: /usr/lib/x86_64-linux-gnu/libseccomp.so.2.');
    expect(texts.some((t) => t.includes('package libseccomp-dev 2.3.3-4'))).toBe(true);
    expect(texts.some((t) => t.includes(`libseccomp2 2.5.1-1 of image ${IMAGE_B.label}`))).toBe(
      true,
    );
    const noFix = resultsOf('cve-vulns/CVE-2021-3711')[0]!.message.text;
    expect(noFix).toContain('Security Center marks it as having no fix.');
    expect(noFix).toContain('Security Center level: later.');
    expect(noFix).toContain('Also: CVE-2021-3712.');
  });

  it('names the sample MD5 and paths of a malicious file, the class and counts of a check', () => {
    const mal = resultsOf('malicious-files/Webshell')[0]!.message.text;
    expect(mal).toContain('MD5 0123456789abcdef0123456789abcdef');
    expect(mal).toContain('at /var/www/html/shell.php, /tmp/x.php.');
    expect(mal).toContain(IMAGE_A.label);
    const base = resultsOf('baseline-risks/Container runs as root')[0]!.message.text;
    expect(base).toContain('(class Docker security)');
    expect(base).toContain('1 high, 2 medium, 0 low');
    const sca = resultsOf('sca-vulns/CVE-2022-42889')[0]!.message.text;
    expect(sca).toContain(`CVE-2022-42889 in image ${IMAGE_A.label}.`);
    // The title is the alert's title (the rule's shortDescription), not repeated per result.
    expect(ruleById('sca-vulns/CVE-2022-42889').shortDescription.text).toBe(
      'CVE-2022-42889: Apache Commons Text: variable interpolation RCE',
    );
  });

  it('points every result at the Dockerfile (no region: upload-sarif would hash line 1 and warn)', () => {
    const input = { ...INPUT, dockerfile: './docker/My App/Dockerfile' };
    for (const r of runOf(input).results) {
      expect(r.locations).toEqual([
        {
          physicalLocation: {
            artifactLocation: { uri: 'docker/My%20App/Dockerfile' },
          },
        },
      ]);
    }
    expect(dockerfileUri('Dockerfile')).toBe('Dockerfile');
    expect(dockerfileUri('.\\build\\Dockerfile.prod')).toBe('build/Dockerfile.prod');
    expect(dockerfileUri('')).toBe('Dockerfile');
    expect(dockerfileUri('/Dockerfile')).toBe('Dockerfile');
    expect(dockerfileUri('app/Dockerfile@v1#x?y')).toBe('app/Dockerfile%40v1%23x%3Fy');
  });

  it('reports one alert for a finding in two images of one repository, naming both', () => {
    const run2 = runOf(TWIN_INPUT);
    expect(run2.results).toHaveLength(runOf({ ...INPUT, images: [IMAGE_A] }).results.length);
    const fps = run2.results.map((r) => r.partialFingerprints.primaryLocationLineHash);
    expect(new Set(fps).size).toBe(fps.length);
    const mal = run2.results.find((r) => r.ruleId === 'malicious-files/Webshell')!;
    expect(mal.message.text).toContain(`images ${IMAGE_A.label}, ${TWIN.label}`);
  });

  it('writes an empty run when nothing was found', () => {
    const built = buildSarif({ ...INPUT, images: [{ ...IMAGE_A, findings: {} }] });
    expect(built).toMatchObject({ resultCount: 0, truncated: 0 });
    expect(built.log.runs[0].results).toEqual([]);
    expect(built.log.runs[0].tool.driver.rules).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
describe('security-severity', () => {
  const severityOf = (findings: Partial<Record<Category, Finding[]>>): string[] =>
    runOf({ ...INPUT, images: [{ ...IMAGE_A, findings }] }).tool.driver.rules.map(
      (r) => r.properties['security-severity'],
    );

  it('is a string: the CVSS score when given, else by level', () => {
    expect(severityOf({ 'sca-vulns': [finding('sca-vulns', { key: 'a', cvss: 9.8 })] })).toEqual([
      '9.8',
    ]);
    expect(
      severityOf({
        'cve-vulns': [
          cve({ key: 'h', level: 'high' }),
          cve({ key: 'm', level: 'medium' }),
          cve({ key: 'l', level: 'low' }),
        ],
      }),
    ).toEqual(['8.0', '2.0', '5.5']);
    // A CVSS score overrides the level, both ways.
    expect(
      severityOf({ 'sca-vulns': [finding('sca-vulns', { key: 'a', level: 'high', cvss: 3.1 })] }),
    ).toEqual(['3.1']);
  });

  it('makes a serious malicious file critical (9.5), other levels as usual', () => {
    const mal = (key: string, level: Finding['level']) =>
      finding('malicious-files', { key, id: key, level });
    expect(
      severityOf({
        'malicious-files': [
          mal('a-serious', 'high'),
          mal('b-suspicious', 'medium'),
          mal('c', 'low'),
        ],
      }),
    ).toEqual(['9.5', '5.5', '2.0']);
  });

  it('takes the highest when several findings share a rule', () => {
    expect(
      severityOf({
        'cve-vulns': [
          cve({ key: 'debian:10:CVE-1', id: 'CVE-1', level: 'low' }),
          cve({ key: 'debian:11:CVE-1', id: 'CVE-1', level: 'high' }),
          cve({ key: 'alpine:3:CVE-1', id: 'CVE-1', level: 'medium' }),
        ],
      }),
    ).toEqual(['8.0']);
    expect(
      severityOf({
        'sca-vulns': [
          finding('sca-vulns', { key: 'a', id: 'CVE-2', cvss: 4.3 }),
          finding('sca-vulns', { key: 'b', id: 'CVE-2', cvss: 7.5 }),
        ],
      }),
    ).toEqual(['7.5']);
  });

  it('ignores a CVSS score out of (0, 10]', () => {
    expect(
      severityOf({
        'sca-vulns': [
          finding('sca-vulns', { key: 'a', id: 'a', level: 'medium', cvss: 0 }),
          finding('sca-vulns', { key: 'b', id: 'b', level: 'medium', cvss: 11 }),
          finding('sca-vulns', { key: 'c', id: 'c', level: 'medium', cvss: Number.NaN }),
        ],
      }),
    ).toEqual(['5.5', '5.5', '5.5']);
  });
});

// ---------------------------------------------------------------------------------------------
describe('fingerprints', () => {
  const fps = (run: Run): string[] =>
    run.results.map((r) => r.partialFingerprints.primaryLocationLineHash);

  it('are stable across builds, and across pushes (new digest, same repository)', () => {
    const first = fps(runOf(INPUT));
    expect(fps(runOf(clone(INPUT)))).toEqual(first);
    const pushed = clone(INPUT);
    pushed.images[0]!.label = 'sha256:ffff9999… (repo-id crr-1)';
    pushed.images[1]!.label = 'sha256:eeee8888… (repo-id crr-2)';
    expect(new Set(fps(runOf(pushed)))).toEqual(new Set(first));
    // Pinned: a change of the hash would reopen every alert, so it must be deliberate.
    expect(
      fingerprint('cn-shanghai/cri-1/crr-1', 'cve-vulns', 'debian:10:CVE-2019-9893', 'libseccomp2'),
    ).toBe('cd0848bff1f81f5d5887d1e6da7baf48');
    expect(fingerprint('r', 'cve-vulns', 'k', 'p')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('are distinct between findings, packages, categories and repositories', () => {
    const all = fps(runOf(INPUT));
    expect(new Set(all).size).toBe(all.length);
    const base = fingerprint('repo', 'cve-vulns', 'key', 'pkg');
    expect(fingerprint('repo', 'cve-vulns', 'key', 'pkg2')).not.toBe(base);
    expect(fingerprint('repo', 'cve-vulns', 'key')).not.toBe(base);
    expect(fingerprint('repo', 'cve-vulns', 'key2', 'pkg')).not.toBe(base);
    expect(fingerprint('repo', 'sca-vulns', 'key', 'pkg')).not.toBe(base);
    expect(fingerprint('repo2', 'cve-vulns', 'key', 'pkg')).not.toBe(base);
    // No separator games: ('a|b', 'c') and ('a', 'b|c') differ.
    expect(fingerprint('a|b', 'cve-vulns', 'c')).not.toBe(fingerprint('a', 'cve-vulns', 'b|c'));
    // The same key in two categories: two alerts.
    const same: SarifInput = {
      ...INPUT,
      images: [
        {
          ...IMAGE_A,
          findings: {
            'cve-vulns': [cve({ key: 'K' })],
            'sca-vulns': [finding('sca-vulns', { key: 'K' })],
          },
        },
      ],
    };
    const two = fps(runOf(same));
    expect(two).toHaveLength(2);
    expect(two[0]).not.toBe(two[1]);
  });
});

// ---------------------------------------------------------------------------------------------
describe('automationDetails', () => {
  it('carries the category id, ending with /', () => {
    expect(runOf(INPUT).automationDetails.id).toBe('sas-image-gate/build/');
    expect(runOf({ ...INPUT, automationId: 'sas-image-gate/build' }).automationDetails.id).toBe(
      'sas-image-gate/build/',
    );
  });
});

// ---------------------------------------------------------------------------------------------
function manyFindings(n: number): SarifInput {
  // n findings: levels and CVSS scores spread so the order can be checked.
  const levels: Finding['level'][] = ['low', 'medium', 'high'];
  const findings: Finding[] = [];
  for (let i = 0; i < n; i++) {
    findings.push(
      finding('sca-vulns', {
        key: `SCA-${i}`,
        id: `CVE-2024-${String(10000 + i)}`,
        title: `Vulnerability number ${i}`,
        level: levels[i % 3]!,
        cvss: i % 7 === 0 ? undefined : 1 + ((i * 37) % 90) / 10,
      }),
    );
  }
  return { ...INPUT, images: [{ ...IMAGE_A, findings: { 'sca-vulns': findings } }] };
}

describe('the 25,000 result limit', () => {
  it('keeps the most severe: high before medium before low, then by CVSS', () => {
    const n = MAX_RESULTS + 1234;
    const input = manyFindings(n);
    const { log, resultCount, truncated } = buildSarif(input);
    const run = log.runs[0];
    expect(resultCount).toBe(MAX_RESULTS);
    expect(truncated).toBe(1234);
    expect(run.results).toHaveLength(MAX_RESULTS);
    expect(run.tool.driver.rules.length).toBeLessThanOrEqual(MAX_RESULTS);

    const byKey = new Map(
      input.images[0]!.findings['sca-vulns']!.map((f) => [`sca-vulns/${f.id}`, f]),
    );
    const rank = { high: 0, medium: 1, low: 2 };
    const sev = (f: Finding) => f.cvss ?? { high: 8, medium: 5.5, low: 2 }[f.level];
    const kept = run.results.map((r) => byKey.get(r.ruleId)!);
    for (let i = 1; i < kept.length; i++) {
      const a = kept[i - 1]!;
      const b = kept[i]!;
      expect(rank[a.level] < rank[b.level] || (a.level === b.level && sev(a) >= sev(b))).toBe(true);
    }
    // Every high and medium finding is kept; only low ones were dropped, the least severe.
    const keptKeys = new Set(kept.map((f) => f.key));
    const dropped = input.images[0]!.findings['sca-vulns']!.filter((f) => !keptKeys.has(f.key));
    expect(dropped).toHaveLength(1234);
    expect(dropped.every((f) => f.level === 'low')).toBe(true);
    const minKeptLow = Math.min(...kept.filter((f) => f.level === 'low').map(sev));
    expect(Math.max(...dropped.map(sev))).toBeLessThanOrEqual(minKeptLow);
  });

  it('drops nothing at the limit', () => {
    expect(buildSarif(manyFindings(MAX_RESULTS))).toMatchObject({
      resultCount: MAX_RESULTS,
      truncated: 0,
    });
  });
});

// ---------------------------------------------------------------------------------------------
/** Text that does not compress: base64 of a hash chain, `n` characters. */
function noise(seed: string, n: number): string {
  let out = '';
  for (let i = 0; out.length < n; i++) {
    out += createHash('sha256').update(`${seed}/${i}`).digest('base64');
  }
  return out.slice(0, n);
}

describe('the compressed size limit', () => {
  it('keeps the log under MAX_GZIP_BYTES compressed, dropping the least severe', () => {
    const levels: Finding['level'][] = ['high', 'medium', 'low'];
    const findings = Array.from({ length: 6000 }, (_, i) =>
      cve({
        key: noise(`k${i}`, 300),
        id: `CVE-2024-${100000 + i}`,
        title: noise(`t${i}`, 1000),
        level: levels[i % 3]!,
        packages: [
          {
            name: noise(`n${i}`, 300),
            version: noise(`v${i}`, 300),
            fixCommand: noise(`f${i}`, 300),
            path: noise(`p${i}`, 300),
          },
        ],
      }),
    );
    const input = { ...INPUT, images: [{ ...IMAGE_A, findings: { 'cve-vulns': findings } }] };
    const built = buildSarif(input);
    expect(built.droppedForSize).toBeGreaterThan(0);
    expect(built.truncated).toBe(built.droppedForSize);
    expect(built.resultCount + built.truncated).toBe(6000);
    expect(built.gzipBytes).toBe(gzipSync(JSON.stringify(built.log)).length);
    expect(built.gzipBytes).toBeLessThanOrEqual(MAX_GZIP_BYTES);
    // Not far under it either: the cut is proportional, not a halving.
    expect(built.gzipBytes).toBeGreaterThan(MAX_GZIP_BYTES * 0.8);
    // The most severe are the ones kept.
    const levelOf = new Map(findings.map((f) => [`cve-vulns/${f.id}`, f.level]));
    const kept = built.log.runs[0].results.map((r) => levelOf.get(r.ruleId));
    const highs = findings.filter((f) => f.level === 'high').length;
    expect(kept.slice(0, Math.min(highs, kept.length)).every((l) => l === 'high')).toBe(true);
  });

  it('leaves an ordinary log alone', () => {
    const built = buildSarif(INPUT);
    expect(built.droppedForSize).toBe(0);
    expect(built.gzipBytes).toBeLessThan(10_000);
  });
});

// ---------------------------------------------------------------------------------------------
describe('Security Center text', () => {
  it('is flattened to one line: no line breaks, controls, bidi overrides or lone surrogates', () => {
    expect(flatten('a\r\nb\u2028c\u2029d\u0085e\tf')).toBe('a b c d e f');
    expect(flatten(hostile)).toBe('line one x x x x x x x x end[31mevil\ufffd');
    const run = runOf(HOSTILE_INPUT);
    const texts = [
      ...run.results.flatMap((r) => [r.message.text, r.ruleId]),
      ...run.tool.driver.rules.flatMap((r) => [
        r.id,
        r.name,
        r.shortDescription.text,
        r.fullDescription.text,
        r.help.text,
      ]),
    ];
    for (const t of texts) {
      // eslint-disable-next-line no-control-regex -- asserting control characters are gone
      expect(t).not.toMatch(/[\r\n\t\u000b\u000c\u0085\u2028\u2029\u0000-\u001f\u202e]/);
      expect(t).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    }
    // The raw text still tells the findings apart: the cleaned rule id carries a hash.
    expect(run.tool.driver.rules.find((r) => r.id.startsWith('cve-vulns/'))!.id).toMatch(
      /~[0-9a-f]{8}$/,
    );
  });

  it('is shortened: titles, names and messages within their limits', () => {
    const long = 'x'.repeat(5000);
    const run = runOf({
      ...INPUT,
      images: [
        {
          ...IMAGE_A,
          findings: {
            'cve-vulns': [
              cve({
                key: long,
                id: `CVE-${long}`,
                title: long,
                // One package name, six installs: every field long.
                packages: [1, 2, 3, 4, 5, 6].map((n) => ({
                  name: long,
                  version: `${n}${long}`,
                  fixCommand: `${n}${long}`,
                  path: `${n}${long}`,
                })),
              }),
            ],
          },
        },
      ],
    });
    const rule = run.tool.driver.rules[0]!;
    expect(rule.id.length).toBeLessThanOrEqual(200);
    expect(rule.name.length).toBeLessThanOrEqual(255);
    expect(rule.shortDescription.text.length).toBeLessThanOrEqual(1024);
    expect(rule.shortDescription.text.endsWith('…')).toBe(true);
    expect(rule.fullDescription.text.length).toBeLessThanOrEqual(4000);
    expect(run.results).toHaveLength(1);
    expect(run.results[0]!.message.text.length).toBeLessThanOrEqual(2000);
    expect(run.results[0]!.message.text.endsWith('…')).toBe(true);
  });

  it('never splits a surrogate pair when shortening', () => {
    expect(cap('ab😀cd', 4)).toBe('ab…');
    expect(cap('abc😀d', 5)).toBe('abc…');
    expect(cap('abc😀', 5)).toBe('abc😀');
    expect(cap('short', 10)).toBe('short');
  });

  it('keeps raw HTML out of help markdown', () => {
    const run = runOf({
      ...INPUT,
      images: [
        {
          ...IMAGE_A,
          findings: {
            'cve-vulns': [
              cve({
                key: 'k',
                id: 'CVE-2020-1',
                title: '<img src=x onerror=alert(1)> [x](javascript:y)',
              }),
            ],
          },
        },
      ],
    });
    const md = run.tool.driver.rules[0]!.help.markdown!;
    expect(md).not.toContain('<img');
    expect(md).not.toContain('](javascript');
  });
});

// ---------------------------------------------------------------------------------------------
describe('determinism', () => {
  it('gives byte-identical JSON for the same input', () => {
    expect(JSON.stringify(buildSarif(INPUT))).toBe(JSON.stringify(buildSarif(clone(INPUT))));
  });

  it('does not depend on the order findings were read in', () => {
    const shuffled = clone(INPUT);
    for (const image of shuffled.images) {
      for (const list of Object.values(image.findings)) list?.reverse();
      for (const f of image.findings['cve-vulns'] ?? []) f.packages.reverse();
    }
    expect(
      JSON.stringify(buildSarif(shuffled).log.runs[0].results.map((r) => r.partialFingerprints)),
    ).toBe(JSON.stringify(buildSarif(INPUT).log.runs[0].results.map((r) => r.partialFingerprints)));
    expect(JSON.stringify(buildSarif(shuffled).log.runs[0].tool.driver.rules)).toBe(
      JSON.stringify(buildSarif(INPUT).log.runs[0].tool.driver.rules),
    );
  });
});
