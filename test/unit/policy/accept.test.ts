import {
  applyPolicy,
  categoriesToRead,
  coversImage,
  daysLeft,
  entryMatches,
  idMatches,
  isInForce,
  matchableCategories,
  type ImageScope,
} from '../../../src/policy/accept.js';
import type { ImageRef } from '../../../src/policy/policy-file.js';
import { check, cve, entry, malicious, policy, sca } from './make.js';

const DIGEST = `sha256:${'c'.repeat(64)}`;
const IMAGE: ImageScope = { repoId: 'crr-frontend', repoName: 'team/frontend', digests: [DIGEST] };
const TODAY = '2026-12-01';

const SSH = cve(
  'debian:12:CVE-2024-6387',
  'high',
  ['openssh-server', 'openssh-client'],
  ['CVE-2024-6387', 'CVE-2024-0001'],
);
const LOG4J = sca('log4j-core:CVE-2021-44228', 'high', ['CVE-2021-44228']);
const SHELL = malicious('0123456789abcdef0123456789abcdef', 'WebShell.PHP.Generic');
const CHECK = check('ssh_root_login', 'SSH root login allowed', 'medium', 3);

describe('idMatches', () => {
  test.each([
    ['the identity key', 'debian:12:CVE-2024-6387', SSH],
    ['the shown id', 'CVE-2024-6387', SSH],
    ['another CVE id of the finding', 'CVE-2024-0001', SSH],
    ['any case', 'cve-2024-6387', SSH],
    ['an SCA name', 'LOG4J-CORE:cve-2021-44228', LOG4J],
    ['an SCA CVE id', 'CVE-2021-44228', LOG4J],
    ['a baseline check key', 'ssh_root_login', CHECK],
    ['a baseline check name', 'ssh root login allowed', CHECK],
    ['a malicious file MD5', '0123456789ABCDEF0123456789ABCDEF', SHELL],
  ])('matches %s', (_name, id, finding) => {
    expect(idMatches(id, finding)).toBe(true);
  });

  test.each([
    ['another CVE id', 'CVE-2024-6388', SSH],
    ['a prefix of the key', 'debian:12', SSH],
    ['the web shell sample name (shared by many files)', 'WebShell.PHP.Generic', SHELL],
    ['the sample name in another case', 'webshell.php.generic', SHELL],
  ])('does not match %s', (_name, id, finding) => {
    expect(idMatches(id, finding)).toBe(false);
  });

  test('a malicious file whose name equals an MD5-looking id still matches by MD5 only', () => {
    const named = malicious('ffffffffffffffffffffffffffffffff', '0123456789abcdef0123456789abcdef');
    expect(idMatches('0123456789abcdef0123456789abcdef', named)).toBe(false);
  });
});

describe('entryMatches: scopes narrow the id', () => {
  test.each([
    ['no scope', {}, SSH, true],
    ['its category', { category: 'cve-vulns' as const }, SSH, true],
    ['another category', { category: 'sca-vulns' as const }, SSH, false],
    ['one of its packages', { package: 'openssh-client' }, SSH, true],
    ['a package it does not name', { package: 'openssl' }, SSH, false],
    ['a package in another case (exact)', { package: 'OpenSSH-Server' }, SSH, false],
    ['a package on an SCA finding', { package: 'log4j-core' }, LOG4J, false],
  ])('%s', (_name, scope, finding, expected) => {
    const e = entry({ id: finding.cveIds[0] ?? finding.key, ...scope });
    expect(entryMatches(e, finding, IMAGE)).toBe(expected);
  });
});

describe('coversImage', () => {
  const refs = (...images: ImageRef[]) => entry({ id: 'x', images });
  test.each([
    ['no images: every image', entry({ id: 'x' }), true],
    ['its repository id', refs({ kind: 'repo-id', value: 'crr-frontend' }), true],
    ['its namespace/name', refs({ kind: 'repo-name', value: 'team/frontend' }), true],
    ['its digest', refs({ kind: 'digest', value: DIGEST }), true],
    [
      'one of several',
      refs({ kind: 'repo-id', value: 'crr-x' }, { kind: 'repo-id', value: 'crr-frontend' }),
      true,
    ],
    ['another repository id', refs({ kind: 'repo-id', value: 'crr-backend' }), false],
    ['another name', refs({ kind: 'repo-name', value: 'team/backend' }), false],
    ['another digest', refs({ kind: 'digest', value: `sha256:${'d'.repeat(64)}` }), false],
    [
      'a repository name given as a repository id',
      refs({ kind: 'repo-id', value: 'team/frontend' }),
      false,
    ],
  ])('%s', (_name, e, expected) => {
    expect(coversImage(e, IMAGE)).toBe(expected);
  });

  test('the image digest is compared in any case, with or without sha256:', () => {
    const e = entry({ id: 'x', images: [{ kind: 'digest', value: DIGEST }] });
    expect(coversImage(e, { digests: ['C'.repeat(64)] })).toBe(true);
    expect(coversImage(e, { digests: [DIGEST.toUpperCase()] })).toBe(true);
  });

  test('an image whose repository is not known is covered only by its digest', () => {
    const byRepo = entry({ id: 'x', images: [{ kind: 'repo-id', value: 'crr-frontend' }] });
    expect(coversImage(byRepo, { digests: [DIGEST] })).toBe(false);
  });
});

describe('expiry: 00:00 UTC on the expires date, today handed in', () => {
  const e = entry({ id: 'x', expires: '2027-03-31' });
  test.each([
    ['2027-03-30', 1, true],
    [new Date('2027-03-30T23:59:59.999Z'), 1, true],
    ['2027-03-31', 0, false],
    [new Date('2027-03-31T00:00:00.000Z'), 0, false],
    ['2027-04-02', -2, false],
    ['2027-03-17', 14, true],
  ])('on %p: %p days left, in force %p', (today, days, inForce) => {
    expect(daysLeft(e, today)).toBe(days);
    expect(isInForce(e, today)).toBe(inForce);
  });

  test('a Date in another zone counts by its UTC date', () => {
    // 2027-03-31T01:00+02:00 is 2027-03-30T23:00Z: still in force.
    expect(isInForce(e, new Date('2027-03-31T01:00:00+02:00'))).toBe(true);
  });
});

describe('matchableCategories and categoriesToRead', () => {
  test.each([
    [{}, ['baseline-risks', 'malicious-files', 'sca-vulns', 'cve-vulns']],
    [{ category: 'sca-vulns' as const }, ['sca-vulns']],
    [{ package: 'openssl' }, ['cve-vulns']],
    [{ category: 'cve-vulns' as const, package: 'openssl' }, ['cve-vulns']],
  ])('%p could match %p', (scope, expected) => {
    expect(matchableCategories(entry({ id: 'x', ...scope }))).toEqual(expected);
  });

  test('only entries in force, and (per image) only those covering the image', () => {
    const p = policy(
      entry({ id: 'a', category: 'malicious-files', expires: '2026-12-01' }), // expired today
      entry({ id: 'b', category: 'sca-vulns' }),
      entry({ id: 'c', package: 'openssl', images: [{ kind: 'repo-id', value: 'crr-backend' }] }),
    );
    expect(categoriesToRead(p, TODAY)).toEqual(['sca-vulns', 'cve-vulns']);
    expect(categoriesToRead(p, TODAY, IMAGE)).toEqual(['sca-vulns']);
    expect(categoriesToRead(policy(), TODAY)).toEqual([]);
  });
});

describe('applyPolicy', () => {
  const OTHER = cve('debian:12:CVE-2023-1111', 'medium', ['curl'], ['CVE-2023-1111']);

  test('an entry in force accepts; the rest counts; hits and checked per entry', () => {
    const p = policy(entry({ id: 'CVE-2024-6387' }), entry({ id: 'CVE-2020-0000' }));
    const app = applyPolicy([SSH, OTHER], {
      policy: p,
      category: 'cve-vulns',
      image: IMAGE,
      today: TODAY,
    });
    expect(app.counted).toEqual([OTHER]);
    expect(app.accepted).toEqual([{ finding: SSH, entry: p.entries[0] }]);
    expect(app.expiredMatches).toEqual([]);
    expect(app.hits).toEqual([1, 0]);
    expect(app.checked).toEqual([true, true]);
  });

  test('an expired entry never accepts: the finding counts and is shown with it', () => {
    const p = policy(entry({ id: 'CVE-2024-6387', expires: '2026-12-01' }));
    const app = applyPolicy([SSH], {
      policy: p,
      category: 'cve-vulns',
      image: IMAGE,
      today: TODAY,
    });
    expect(app.counted).toEqual([SSH]);
    expect(app.accepted).toEqual([]);
    expect(app.expiredMatches).toEqual([{ finding: SSH, entry: p.entries[0] }]);
    expect(app.hits).toEqual([1]);
  });

  test('the day before expiry it still accepts', () => {
    const p = policy(entry({ id: 'CVE-2024-6387', expires: '2026-12-02' }));
    const app = applyPolicy([SSH], {
      policy: p,
      category: 'cve-vulns',
      image: IMAGE,
      today: TODAY,
    });
    expect(app.accepted).toHaveLength(1);
  });

  test('an entry in force wins over an expired one, and the longest-running one is shown', () => {
    const p = policy(
      entry({ id: 'CVE-2024-6387', expires: '2026-11-01' }),
      entry({ id: 'CVE-2024-6387', category: 'cve-vulns', expires: '2027-01-01' }),
      entry({ id: 'debian:12:CVE-2024-6387', expires: '2027-06-01' }),
    );
    const app = applyPolicy([SSH], {
      policy: p,
      category: 'cve-vulns',
      image: IMAGE,
      today: TODAY,
    });
    expect(app.accepted).toEqual([{ finding: SSH, entry: p.entries[2] }]);
    expect(app.expiredMatches).toEqual([]);
    expect(app.hits).toEqual([1, 1, 1]);
  });

  test('of several expired entries, the latest is shown', () => {
    const p = policy(
      entry({ id: 'CVE-2024-6387', expires: '2026-10-01' }),
      entry({ id: 'CVE-2024-6387', package: 'openssh-server', expires: '2026-11-15' }),
    );
    const app = applyPolicy([SSH], {
      policy: p,
      category: 'cve-vulns',
      image: IMAGE,
      today: TODAY,
    });
    expect(app.expiredMatches).toEqual([{ finding: SSH, entry: p.entries[1] }]);
  });

  test('an entry scoped to another image does not accept here; the list it could match was read (checked)', () => {
    const p = policy(
      entry({ id: 'CVE-2024-6387', images: [{ kind: 'repo-name', value: 'team/backend' }] }),
    );
    const app = applyPolicy([SSH], {
      policy: p,
      category: 'cve-vulns',
      image: IMAGE,
      today: TODAY,
    });
    expect(app.counted).toEqual([SSH]);
    expect(app.checked).toEqual([true]);
    expect(app.hits).toEqual([0]);
  });

  test('an entry scoped by a name the gate did not learn: neither accepted nor checked, but undecided', () => {
    const p = policy(
      entry({ id: 'CVE-2024-6387', images: [{ kind: 'repo-id', value: 'crr-frontend' }] }),
    );
    // Chosen by digest, no scan proof's rows: the repo-id is not known.
    const unknown: ImageScope = { digests: IMAGE.digests };
    const app = applyPolicy([SSH], {
      policy: p,
      category: 'cve-vulns',
      image: unknown,
      today: TODAY,
    });
    expect(app.counted).toEqual([SSH]);
    expect(app.checked).toEqual([false]);
    expect(app.undecided).toEqual([true]);
  });

  test('the web shell name accepts nothing; its MD5 accepts that file only', () => {
    const other = malicious('fedcba9876543210fedcba9876543210', 'WebShell.PHP.Generic');
    const byName = policy(entry({ id: 'WebShell.PHP.Generic' }));
    const byMd5 = policy(entry({ id: SHELL.key, category: 'malicious-files' }));
    const opts = { category: 'malicious-files' as const, image: IMAGE, today: TODAY };
    expect(applyPolicy([SHELL, other], { ...opts, policy: byName }).counted).toEqual([
      SHELL,
      other,
    ]);
    const app = applyPolicy([SHELL, other], { ...opts, policy: byMd5 });
    expect(app.accepted.map((a) => a.finding)).toEqual([SHELL]);
    expect(app.counted).toEqual([other]);
  });

  test('an entry with a package is not checked against another category', () => {
    const p = policy(entry({ id: 'CVE-2021-44228', package: 'log4j-core' }));
    const app = applyPolicy([LOG4J], {
      policy: p,
      category: 'sca-vulns',
      image: IMAGE,
      today: TODAY,
    });
    expect(app.counted).toEqual([LOG4J]);
    expect(app.checked).toEqual([false]);
  });

  test('a finding whose key is also its shown id is one hit', () => {
    const plain = sca('jackson-databind', 'medium');
    const p = policy(entry({ id: 'JACKSON-DATABIND' }));
    const app = applyPolicy([plain], {
      policy: p,
      category: 'sca-vulns',
      image: IMAGE,
      today: TODAY,
    });
    expect(app.hits).toEqual([1]);
    expect(app.accepted).toHaveLength(1);
  });

  test('an empty list: nothing accepted, entries still checked', () => {
    const p = policy(entry({ id: 'x' }));
    const app = applyPolicy([], {
      policy: p,
      category: 'baseline-risks',
      image: IMAGE,
      today: TODAY,
    });
    expect(app).toMatchObject({ counted: [], accepted: [], hits: [0], checked: [true] });
  });

  test('a finding of another category is the caller’s mistake', () => {
    expect(() =>
      applyPolicy([LOG4J], { policy: policy(), category: 'cve-vulns', image: IMAGE, today: TODAY }),
    ).toThrow('a sca-vulns finding in the cve-vulns list');
  });
});
