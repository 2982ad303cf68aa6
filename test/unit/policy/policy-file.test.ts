import { parsePolicy } from '../../../src/policy/policy-file.js';
import { entries, EXPIRES, ID, OPTIONS, oneEntry, PATH, problems, REASON } from './policy-text.js';

const HEX = 'a'.repeat(64);

describe('parsePolicy: a valid file', () => {
  test('the issue example, with every field', () => {
    const text = [
      'version: 1',
      'accept:',
      '  - id: CVE-2024-6387            # required',
      '    reason: "sshd is not started in this image; tracked in SEC-142"',
      '    expires: 2027-03-31',
      '    category: cve-vulns',
      '    package: openssh-server',
      '    images: [crr-frontend]',
      '',
    ].join('\n');
    const parsed = parsePolicy(text, OPTIONS);
    expect(parsed).toEqual({
      ok: true,
      policy: {
        path: PATH,
        entries: [
          {
            index: 0,
            line: 3,
            id: 'CVE-2024-6387',
            reason: 'sshd is not started in this image; tracked in SEC-142',
            expires: '2027-03-31',
            category: 'cve-vulns',
            package: 'openssh-server',
            images: [{ kind: 'repo-id', value: 'crr-frontend' }],
          },
        ],
      },
    });
  });

  test('an entry keeps the line of its `-`, also when its keys start on the next line', () => {
    const text = [
      'version: 1',
      'accept:',
      '  # first',
      '  - id: a',
      '    reason: r',
      '    expires: 2027-01-01',
      '',
      '  -',
      '    id: b',
      '    reason: r',
      '    expires: 2027-01-01',
      '',
    ].join('\n');
    expect(entries(text).map((e) => [e.index, e.line, e.id])).toEqual([
      [0, 4, 'a'],
      [1, 8, 'b'],
    ]);
  });

  test('expires quoted or unquoted, the text as written', () => {
    const text = oneEntry(ID, REASON, "expires: '2027-03-31'");
    expect(entries(text)[0]?.expires).toBe('2027-03-31');
    expect(entries(oneEntry(ID, REASON, EXPIRES))[0]?.expires).toBe('2027-03-31');
  });

  test('a %YAML 1.1 directive does not turn the date into a timestamp', () => {
    const text = `%YAML 1.1\n---\n${oneEntry(ID, REASON, EXPIRES)}`;
    expect(entries(text)[0]?.expires).toBe('2027-03-31');
  });

  test('images: repository id, namespace/name, digests normalised (bare hex too), duplicates once', () => {
    const text = oneEntry(
      ID,
      REASON,
      EXPIRES,
      'images:',
      '  - crr-frontend',
      '  - team/frontend',
      `  - SHA256:${'A'.repeat(64)}`,
      `  - ${'B'.repeat(64)}`,
      `  - sha256:${HEX}`,
    );
    expect(entries(text)[0]?.images).toEqual([
      { kind: 'repo-id', value: 'crr-frontend' },
      { kind: 'repo-name', value: 'team/frontend' },
      { kind: 'digest', value: `sha256:${HEX}` },
      { kind: 'digest', value: `sha256:${'b'.repeat(64)}` },
    ]);
  });

  test('reason is trimmed; multi-line reasons are text', () => {
    const text = oneEntry(ID, 'reason: |', '  line one', '  line two', EXPIRES);
    expect(entries(text)[0]?.reason).toBe('line one\nline two');
  });

  test.each([
    ['no accept key', 'version: 1\n'],
    ['an empty accept', 'version: 1\naccept:\n'],
    ['accept: []', 'version: 1\naccept: []\n'],
  ])('%s: a policy that accepts nothing', (_name, text) => {
    expect(entries(text)).toEqual([]);
  });

  test('package without category is allowed (CVE findings only)', () => {
    expect(entries(oneEntry(ID, REASON, EXPIRES, 'package: openssl'))[0]?.package).toBe('openssl');
  });

  test.each([
    ['exactly max-accept-days ahead', '2027-12-01', 365],
    ['no cap (0)', '2099-12-31', 0],
    ['already expired (reported, not bad input)', '2020-01-01', 365],
  ])('expires %s is accepted', (_name, date, maxAcceptDays) => {
    const text = oneEntry(ID, REASON, `expires: ${date}`);
    expect(entries(text, { maxAcceptDays })[0]?.expires).toBe(date);
  });

  test('today may be a Date: its UTC date counts', () => {
    const text = oneEntry(ID, REASON, 'expires: 2027-12-01');
    // 2026-12-01T23:30Z is still 2026-12-01 in UTC: 365 days ahead, allowed.
    expect(entries(text, { today: new Date('2026-12-01T23:30:00Z') })).toHaveLength(1);
    // At midnight UTC it is 2026-12-02: 2027-12-01 is 364 days ahead.
    expect(entries(text, { today: new Date('2026-12-02T00:00:00Z') })).toHaveLength(1);
    // A day earlier it would be 366 days.
    expect(problems(text, { today: new Date('2026-11-30T23:59:59Z') })).toEqual([
      `${PATH}:5: accept[0].expires: 2027-12-01 is 366 days after today (2026-11-30); max-accept-days allows at most 365`,
    ]);
  });

  test('different scopes of one id are not duplicates', () => {
    const text = [
      oneEntry(ID, REASON, EXPIRES, 'images: [crr-a]').trimEnd(),
      `  - ${ID}`,
      `    ${REASON}`,
      `    ${EXPIRES}`,
      '    images: [crr-b]',
      '',
    ].join('\n');
    expect(entries(text)).toHaveLength(2);
  });
});
