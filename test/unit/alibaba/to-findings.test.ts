// The risk-status rules, from the wire's Status codes to what counts: every mode × every Status
// value, for each category's records (alibaba/to-findings.ts maps, core/count.ts counts).
import { handlingOf, toFindings, type CategoryRecords } from '../../../src/alibaba/to-findings.js';
import type { ScaRecord, CveRecord, BaselineRecord } from '../../../src/alibaba/findings-api.js';
import type { MaliciousRecord } from '../../../src/alibaba/malicious-api.js';
import { countFindings } from '../../../src/core/count.js';
import type { RiskStatus } from '../../../src/core/selector.js';

const MODES: RiskStatus[] = ['unhandled', 'handled', 'all'];
const counted = (list: CategoryRecords, riskStatus: RiskStatus) =>
  countFindings(list.category, toFindings(list), { riskStatus, ignoreUnfixable: false }).findings
    .length;

const sca = (status: number | undefined): ScaRecord => ({
  name: 'sca:x',
  related: ['CVE-2024-1'],
  asapCount: 1,
  laterCount: 0,
  nntfCount: 0,
  ...(status === undefined ? {} : { status }),
});

const sample = (status: number | undefined, files: (number | undefined)[]): MaliciousRecord => ({
  md5: 'f'.repeat(32),
  name: 'WebShell',
  level: 'serious',
  ...(status === undefined ? {} : { status }),
  files: files.map((s, i) => ({ path: `/p${i}`, ...(s === undefined ? {} : { status: s }) })),
});

// Status: 0 unhandled, 1 handled, 2 verifying, 3 whitelisted (handled), absent, unknown (7).
// Expected [unhandled, handled, all].
const SCA_TABLE: [number | undefined, [number, number, number]][] = [
  [0, [1, 0, 1]],
  [1, [0, 1, 1]],
  [2, [1, 1, 1]],
  [3, [0, 1, 1]],
  [undefined, [1, 1, 1]],
  [7, [1, 1, 1]],
];

describe.each(SCA_TABLE)('SCA item with Status %p', (status, expected) => {
  test.each(MODES.map((m, i) => [m, expected[i]] as const))('risk-status %s counts %i', (m, n) => {
    expect(counted({ category: 'sca-vulns', records: [sca(status)] }, m)).toBe(n);
  });
});

describe.each(SCA_TABLE)(
  'malicious sample, grouped row Status %p, file row alike',
  (status, expected) => {
    test.each(MODES.map((m, i) => [m, expected[i]] as const))(
      'risk-status %s counts %i',
      (m, n) => {
        const list: CategoryRecords = {
          category: 'malicious-files',
          records: [sample(status, [status])],
        };
        expect(counted(list, m)).toBe(n);
      },
    );
  },
);

describe('malicious sample: counted when either its grouped row or a file row says so', () => {
  test.each([
    // grouped, files, [unhandled, handled, all]
    [1, [0], [1, 1, 1]],
    [0, [1], [1, 1, 1]],
    [1, [1, 1], [0, 1, 1]],
    [0, [0, 3], [1, 1, 1]],
    [3, [3, 2], [1, 1, 1]],
    [0, [0], [1, 0, 1]],
  ] as const)('grouped %p, files %p', (grouped, files, expected) => {
    const list: CategoryRecords = {
      category: 'malicious-files',
      records: [sample(grouped, [...files])],
    };
    expect(MODES.map((m) => counted(list, m))).toEqual(expected);
  });
});

test('CVE records carry no state: every record returned counts in every mode', () => {
  const cve: CveRecord = {
    identity: 'id-1',
    name: 'debian:12:CVE-2024-1',
    related: ['CVE-2024-1'],
    necessity: 'asap',
    status: 7,
    packages: [],
  };
  for (const m of MODES) expect(counted({ category: 'cve-vulns', records: [cve] }, m)).toBe(1);
});

describe('baseline checks: counted while not fixed (Status 1), whatever risk-status', () => {
  const check = (status: number | undefined): BaselineRecord => ({
    key: 'ak_leak',
    alias: 'AccessKey leak',
    level: 'high',
    ...(status === undefined ? {} : { status }),
  });
  test.each([
    [0, 1],
    [1, 0],
    [2, 1],
    [undefined, 1],
  ])('Status %p counts %i in every mode', (status, n) => {
    for (const m of MODES)
      expect(counted({ category: 'baseline-risks', records: [check(status)] }, m)).toBe(n);
  });
});

test('handlingOf maps the wire codes', () => {
  expect([0, 1, 2, 3, undefined, -1, 9].map(handlingOf)).toEqual([
    'unhandled',
    'handled',
    'other',
    'handled',
    'other',
    'other',
    'other',
  ]);
});
