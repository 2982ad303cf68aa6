// The GitLab container-scanning report: valid against the schema's rules (test/helpers/
// gitlab-schema.ts restates the published 15.2.x schema), and the contract GitLab's vulnerability
// report depends on: severities, the primary identifier, unique and stable ids, locations,
// scan status and times, inert Markdown.
import { Ajv } from 'ajv';
import {
  buildGitlabReport,
  gitlabTime,
  OS_UNKNOWN,
  PACKAGE_UNKNOWN,
  type GitlabImage,
  type GitlabInput,
  type GitlabReport,
} from '../../../src/report/gitlab.js';
import { CONTAINER_SCANNING_SCHEMA } from '../../helpers/gitlab-schema.js';
import {
  DIGEST_A,
  DIGEST_B,
  errorImage,
  finding,
  image,
  report,
} from '../../helpers/report-fixtures.js';

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(CONTAINER_SCANNING_SCHEMA);

function schemaErrors(doc: unknown): string[] {
  // Through JSON, as GitLab reads the file: undefined fields vanish, nothing else may change.
  const parsed = JSON.parse(JSON.stringify(doc)) as unknown;
  return validate(parsed)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

const START = new Date(Date.UTC(2026, 11, 4, 9, 8, 7, 654));
const END = new Date(Date.UTC(2026, 11, 4, 9, 9, 1));

const CVE = finding('cve-vulns', {
  key: 'debian:12:CVE-2024-1111',
  id: 'CVE-2024-1111',
  cveIds: ['CVE-2024-1111', 'cve-2024-2222', 'not-a-cve'],
  title: 'openssl: a flaw',
  level: 'medium',
  rawLevel: 'later',
  fixable: true,
  packages: [
    { name: 'libssl3', version: '3.0.11-1', fixCommand: 'apt-get install --only-upgrade libssl3' },
    { name: 'openssl', version: '3.0.11-1', path: '/usr/bin/openssl' },
    { name: 'openssl', version: '3.0.11-1', path: '/usr/lib/openssl' },
  ],
});
const SCA = finding('sca-vulns', {
  key: 'fastjson-deser',
  id: 'fastjson-deser',
  title: 'fastjson deserialisation',
  level: 'low',
  rawLevel: 'nntf',
});
const MALWARE = finding('malicious-files', { key: 'md5x', id: 'Trojan', rawLevel: 'serious' });
const BASELINE = finding('baseline-risks', { key: 'ssh', id: 'SSH root login', rawLevel: 'high' });

function input(over: Partial<GitlabInput> = {}): GitlabInput {
  return {
    report: report([image()]),
    images: [
      {
        imageName: 'registry.cn-shanghai.aliyuncs.com/ns/app:1.0',
        digest: DIGEST_A,
        operatingSystem: 'debian:12',
        findings: [CVE, SCA, MALWARE, BASELINE],
      },
    ],
    startTime: START,
    endTime: END,
    toolVersion: '1.2.3',
    ...over,
  };
}

describe('schema', () => {
  test('a report with findings is valid', () => {
    const doc = buildGitlabReport(input());
    expect(schemaErrors(doc)).toEqual([]);
    expect(doc.vulnerabilities.length).toBeGreaterThan(0);
  });

  test('an empty report and an error run are valid', () => {
    expect(schemaErrors(buildGitlabReport(input({ images: [] })))).toEqual([]);
    const failed = buildGitlabReport(
      input({ report: report([errorImage('the count query failed: timeout')], { error: 'x' }) }),
    );
    expect(schemaErrors(failed)).toEqual([]);
  });

  test('the check can fail: a report missing what the schema requires is refused', () => {
    const doc = buildGitlabReport(input()) as unknown as Record<string, Record<string, unknown>>;
    const broken = structuredClone(doc);
    delete broken['scan']?.['start_time'];
    expect(schemaErrors(broken)).not.toEqual([]);
    const badTime = structuredClone(doc);
    (badTime['scan'] as Record<string, unknown>)['end_time'] = END.toISOString();
    expect(schemaErrors(badTime)).not.toEqual([]);
    const badOs = structuredClone(doc) as unknown as GitlabReport;
    if (badOs.vulnerabilities[0]) badOs.vulnerabilities[0].location.operating_system = '';
    expect(schemaErrors(badOs)).not.toEqual([]);
  });

  test('hostile text stays valid and inert', () => {
    const nasty = finding('cve-vulns', {
      key: 'k\u0000\n'.repeat(200),
      id: '',
      title: `<img src=x onerror=alert(1)> [link](https://evil.example) @all #1 ${'x'.repeat(400)}`,
      packages: [{ name: '', version: 'v\n1', fixCommand: `rm -rf / \`id\` ${'y'.repeat(9000)}` }],
    });
    const doc = buildGitlabReport(
      input({ images: [{ imageName: '', digest: DIGEST_B, findings: [nasty] }] }),
    );
    expect(schemaErrors(doc)).toEqual([]);
    const v = doc.vulnerabilities[0];
    expect(v?.name.length).toBeLessThanOrEqual(255);
    expect(v?.description.replace(/&#\d+;/g, '')).not.toMatch(/[<>[\]`@#]|https?:\/\//);
    expect(v?.description).toContain('&#60;img');
    expect(v?.solution).not.toMatch(/`/);
    expect(v?.solution?.length).toBeLessThanOrEqual(7000);
    expect(v?.location.image).toBe(DIGEST_B);
    expect(v?.location.dependency.package.name).toBe(PACKAGE_UNKNOWN);
    expect(JSON.stringify(doc)).not.toMatch(/\\u0000|\\n/);
  });
});

describe('content', () => {
  const doc = buildGitlabReport(input());

  test('only CVE and SCA findings; one vulnerability per distinct package name and version', () => {
    expect(
      doc.vulnerabilities.map((v) => [v.location.dependency.package.name, v.severity]),
    ).toEqual([
      ['libssl3', 'Medium'],
      ['openssl', 'Medium'],
      [PACKAGE_UNKNOWN, 'Low'],
    ]);
    expect(doc.vulnerabilities[0]?.location).toEqual({
      dependency: { package: { name: 'libssl3' }, version: '3.0.11-1' },
      operating_system: 'debian:12',
      image: 'registry.cn-shanghai.aliyuncs.com/ns/app:1.0',
    });
  });

  test.each([
    ['high', 'High'],
    ['medium', 'Medium'],
    ['low', 'Low'],
  ] as const)('severity %s → %s', (level, severity) => {
    const f = finding('cve-vulns', { key: 'k', level });
    const d = buildGitlabReport(input({ images: [{ imageName: 'i', findings: [f] }] }));
    expect(d.vulnerabilities[0]?.severity).toBe(severity);
  });

  test('the first identifier is the CVE id, else Security Center’s vulnerability name', () => {
    const [cve, , sca] = doc.vulnerabilities;
    expect(cve?.identifiers.map((i) => i.value)).toEqual([
      'CVE-2024-1111',
      'CVE-2024-2222',
      'debian:12:CVE-2024-1111',
    ]);
    expect(cve?.identifiers[0]).toEqual({
      type: 'cve',
      name: 'CVE-2024-1111',
      value: 'CVE-2024-1111',
      url: 'https://avd.aliyun.com/detail/CVE-2024-1111',
    });
    expect(sca?.identifiers).toEqual([
      { type: 'alibaba-cloud-security-center', name: 'fastjson-deser', value: 'fastjson-deser' },
    ]);
    expect(cve?.links?.map((l) => l.url)).toHaveLength(2);
    expect(cve?.solution).toBe('apt-get install --only-upgrade libssl3');
    expect(doc.vulnerabilities[1]?.description).toContain('/usr/bin/openssl');
  });

  test('ids are unique, UUID-shaped and the same on every run; another image gets other ids', () => {
    const ids = doc.vulnerabilities.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(buildGitlabReport(input()).vulnerabilities.map((v) => v.id)).toEqual(ids);
    const other = buildGitlabReport(
      input({ images: [{ ...(input().images[0] as GitlabImage), digest: DIGEST_B }] }),
    );
    expect(other.vulnerabilities.map((v) => v.id).some((id) => ids.includes(id))).toBe(false);
  });

  test('the same image given twice yields each vulnerability once', () => {
    const one = input().images[0] as GitlabImage;
    const d = buildGitlabReport(input({ images: [one, one] }));
    expect(d.vulnerabilities).toHaveLength(doc.vulnerabilities.length);
  });

  test('an unknown operating system gets the stated placeholder', () => {
    const d = buildGitlabReport(input({ images: [{ imageName: 'i', findings: [SCA] }] }));
    expect(d.vulnerabilities[0]?.location.operating_system).toBe(OS_UNKNOWN);
  });

  test('scan: tools, type, times without zone, status', () => {
    expect(doc.version).toMatch(/^15\.2\.\d+$/);
    expect(doc.scan.type).toBe('container_scanning');
    expect(doc.scan.start_time).toBe('2026-12-04T09:08:07');
    expect(doc.scan.end_time).toBe('2026-12-04T09:09:01');
    expect(doc.scan.status).toBe('success');
    expect(doc.scan.analyzer.version).toBe('1.2.3');
    expect(gitlabTime(new Date(0))).toBe('1970-01-01T00:00:00');
  });

  test('an error run is a failed scan, its errors as fatal messages', () => {
    const d = buildGitlabReport(
      input({ report: report([image(), errorImage('no completed scan')]) }),
    );
    expect(d.scan.status).toBe('failure');
    expect(d.scan.messages).toEqual([{ level: 'fatal', value: 'image 2: no completed scan' }]);
    const run = buildGitlabReport(
      input({ images: [], report: report([], { result: 'error', error: 'bad input' }) }),
    );
    expect(run.scan.status).toBe('failure');
    expect(run.scan.messages?.[0]).toEqual({ level: 'fatal', value: 'bad input' });
  });

  test('a fail run is a successful scan (the findings are the result)', () => {
    const d = buildGitlabReport(input({ report: report([image({ result: 'fail' })]) }));
    expect(d.scan.status).toBe('success');
  });
});
