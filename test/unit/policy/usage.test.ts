import { applyPolicy, type ImageScope } from '../../../src/policy/accept.js';
import { PolicyUsage, policyReport } from '../../../src/policy/usage.js';
import { cve, entry, malicious, policy, sca } from './make.js';

const TODAY = '2026-12-01';
const FRONTEND: ImageScope = { repoId: 'crr-frontend', digests: [`sha256:${'a'.repeat(64)}`] };
const BACKEND: ImageScope = { repoId: 'crr-backend', digests: [`sha256:${'b'.repeat(64)}`] };
const SSH = cve('k-ssh', 'high', ['openssh-server'], ['CVE-2024-6387']);
const CURL = cve('k-curl', 'low', ['curl'], ['CVE-2023-1111']);
const LOG4J = sca('log4j', 'high', ['CVE-2021-44228']);
const SHELL = malicious('0123456789abcdef0123456789abcdef', 'WebShell.PHP.Generic');

describe('policyReport', () => {
  const P = policy(
    entry({ id: 'CVE-2024-6387' }), // 0, line 3: matches SSH in both images
    entry({ id: 'CVE-2023-1111', expires: '2026-11-30' }), // 1, line 7: expired, matches CURL
    entry({ id: 'CVE-1999-0001', expires: '2026-10-01' }), // 2, line 11: expired, matches nothing
    entry({ id: 'CVE-2099-0001', expires: '2026-12-15' }), // 3, line 15: expiring in 14 days, unused
    entry({ id: 'CVE-2099-0002', expires: '2026-12-16' }), // 4, line 19: 15 days: not expiring, unused
    entry({ id: SHELL.key, category: 'malicious-files' }), // 5, line 23: its list was never read
    entry({ id: 'CVE-2024-6387', images: [{ kind: 'repo-id', value: 'crr-other' }] }), // 6, line 27: image not gated: unused
    entry({ id: 'CVE-2021-44228', category: 'sca-vulns', expires: '2026-12-02' }), // 7, line 31: matches, expires tomorrow
  );

  function run() {
    const apps = [FRONTEND, BACKEND].flatMap((image) => [
      applyPolicy([SSH, CURL], { policy: P, category: 'cve-vulns', image, today: TODAY }),
      applyPolicy([LOG4J], { policy: P, category: 'sca-vulns', image, today: TODAY }),
    ]);
    return policyReport(P, TODAY, apps);
  }

  test('expired (with matches over every image), expiring within 14 days, unused, not checked', () => {
    expect(run()).toEqual({
      path: '.github/sas-image-gate.yml',
      expired: [
        { id: 'CVE-2023-1111', line: 7, expires: '2026-11-30', matched: 2 },
        { id: 'CVE-1999-0001', line: 11, expires: '2026-10-01', matched: 0 },
      ],
      expiring: [
        { id: 'CVE-2099-0001', line: 15, expires: '2026-12-15', days: 14 },
        { id: 'CVE-2021-44228', line: 31, expires: '2026-12-02', days: 1 },
      ],
      unused: [
        { id: 'CVE-2099-0001', line: 15, expires: '2026-12-15' },
        { id: 'CVE-2099-0002', line: 19, expires: '2026-12-16' },
        { id: 'CVE-2024-6387', line: 27, expires: '2027-03-31' },
      ],
      notChecked: [{ id: SHELL.key, line: 23, expires: '2027-03-31' }],
    });
  });

  test('an entry that may cover an image in error, or one whose names were not learnt, is not checked', () => {
    const p = policy(
      entry({ id: 'CVE-2099-0001' }),
      entry({ id: 'CVE-2099-0002', images: [{ kind: 'repo-id', value: 'crr-backend' }] }),
    );
    const read = applyPolicy([SSH], {
      policy: p,
      category: 'cve-vulns',
      image: FRONTEND,
      today: TODAY,
    });
    // Both read for FRONTEND and matched nothing: unused.
    expect(policyReport(p, TODAY, [read]).unused.map((e) => e.line)).toEqual([3, 7]);
    // BACKEND ended in error: the entry without images and the one naming it may be its.
    expect(policyReport(p, TODAY, [read], [BACKEND]).notChecked.map((e) => e.line)).toEqual([3, 7]);
    // An image in error that neither names: only the entry without images may be its.
    const other: ImageScope = { repoId: 'crr-other', digests: [] };
    expect(policyReport(p, TODAY, [read], [other]).unused.map((e) => e.line)).toEqual([7]);
  });

  test('an entry matched in one image only is not unused', () => {
    const p = policy(entry({ id: 'CVE-2024-6387' }));
    const usage = new PolicyUsage(p, TODAY);
    usage.record(
      applyPolicy([], { policy: p, category: 'cve-vulns', image: FRONTEND, today: TODAY }),
    );
    expect(usage.report().unused).toHaveLength(1);
    usage.record(
      applyPolicy([SSH], { policy: p, category: 'cve-vulns', image: BACKEND, today: TODAY }),
    );
    expect(usage.report().unused).toEqual([]);
  });

  test('an entry without category is unused once any list was read, not checked before', () => {
    const p = policy(entry({ id: 'nothing-like-this' }));
    const usage = new PolicyUsage(p, TODAY);
    expect(usage.report()).toMatchObject({ unused: [], notChecked: [{ line: 3 }] });
    usage.record(
      applyPolicy([], { policy: p, category: 'baseline-risks', image: FRONTEND, today: TODAY }),
    );
    expect(usage.report()).toMatchObject({ unused: [{ line: 3 }], notChecked: [] });
  });

  test('a matching entry that another one outlasts is still used', () => {
    const p = policy(entry({ id: 'CVE-2024-6387', expires: '2027-01-01' }), entry({ id: 'k-ssh' }));
    const report = policyReport(p, TODAY, [
      applyPolicy([SSH], { policy: p, category: 'cve-vulns', image: FRONTEND, today: TODAY }),
    ]);
    expect(report.unused).toEqual([]);
  });

  test('no applications: every entry in force is not checked', () => {
    const p = policy(entry({ id: 'a' }), entry({ id: 'b', expires: TODAY }));
    expect(policyReport(p, TODAY, [])).toEqual({
      path: p.path,
      expired: [{ id: 'b', line: 7, expires: TODAY, matched: 0 }],
      expiring: [],
      unused: [],
      notChecked: [{ id: 'a', line: 3, expires: '2027-03-31' }],
    });
  });

  test('an application of another policy is refused', () => {
    const usage = new PolicyUsage(policy(entry({ id: 'a' })), TODAY);
    const other = policy(entry({ id: 'a' }), entry({ id: 'b' }));
    expect(() =>
      usage.record(
        applyPolicy([], { policy: other, category: 'cve-vulns', image: FRONTEND, today: TODAY }),
      ),
    ).toThrow('another policy');
  });
});
