import { parsePolicy, type PolicyOptions } from '../../../src/policy/policy-file.js';
import { MAX_POLICY_BYTES, utf8Bytes } from '../../../src/policy/yaml-tree.js';

const PATH = '.github/sas-image-gate.yml';
const OPTIONS: PolicyOptions = { path: PATH, today: '2026-12-01', maxAcceptDays: 365 };
const HEX = 'a'.repeat(64);

function problems(text: string, options: Partial<PolicyOptions> = {}): string[] {
  const parsed = parsePolicy(text, { ...OPTIONS, ...options });
  if (parsed.ok) throw new Error(`expected problems, got ${JSON.stringify(parsed.policy)}`);
  return parsed.problems;
}

function entries(text: string, options: Partial<PolicyOptions> = {}) {
  const parsed = parsePolicy(text, { ...OPTIONS, ...options });
  if (!parsed.ok) throw new Error(`expected a policy, got ${parsed.problems.join('\n')}`);
  return parsed.policy.entries;
}

/** A file with one entry: the given lines are the entry's keys (each indented by the helper). */
function oneEntry(...lines: string[]): string {
  return ['version: 1', 'accept:', `  - ${lines[0]}`, ...lines.slice(1).map((l) => `    ${l}`)]
    .join('\n')
    .concat('\n');
}

const ID = 'id: CVE-2024-6387';
const REASON = 'reason: "sshd is not started; SEC-142"';
const EXPIRES = 'expires: 2027-03-31';

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

describe('parsePolicy: bad input, each problem with its line', () => {
  test.each([
    ['an empty file', '', [`${PATH}:1: no \`version\`: the file must start with \`version: 1\``]],
    [
      'only comments',
      '# nothing yet\n',
      [`${PATH}:1: no \`version\`: the file must start with \`version: 1\``],
    ],
    [
      'no version',
      'accept: []\n',
      [`${PATH}:1: no \`version\`: the file must start with \`version: 1\``],
    ],
    [
      'version 2',
      'version: 2\n',
      [`${PATH}:1: version: must be 1 (the only format version), not "2"`],
    ],
    [
      'version quoted',
      "version: '1'\n",
      [`${PATH}:1: version: must be 1 (the only format version), not "1"`],
    ],
    [
      'a list at the top',
      '- id: x\n',
      [`${PATH}:1: the file must be a mapping with \`version: 1\` and \`accept:\`, not a list`],
    ],
    [
      'an unknown top-level key',
      'version: 1\nacept: []\n',
      [`${PATH}:2: unknown key "acept" (did you mean "accept"?)`],
    ],
    [
      'accept not a list',
      'version: 1\naccept: CVE-1\n',
      [`${PATH}:2: accept: must be a list of entries, not text`],
    ],
    [
      'an entry that is not a mapping',
      'version: 1\naccept:\n  - CVE-1\n',
      [`${PATH}:3: accept[0]: must be a mapping with id, reason and expires, not text`],
    ],
    [
      'a key given twice',
      oneEntry(ID, REASON, EXPIRES, 'id: CVE-2024-0001'),
      [`${PATH}:6: accept[0].id: given twice (also on line 3)`],
    ],
    [
      'not valid YAML',
      'version: 1\naccept: [a\nb: 2\n',
      [expect.stringMatching(/^\.github\/sas-image-gate\.yml:3: not valid YAML: /)],
    ],
  ])('%s', (_name, text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  test.each([
    [
      'an unknown key (typo of expires)',
      [ID, REASON, EXPIRES, 'expire: 2027-03-31'],
      [`6: accept[0]: unknown key "expire" (did you mean "expires"?)`],
    ],
    ['an unknown key', [ID, REASON, EXPIRES, 'owner: me'], [`6: accept[0]: unknown key "owner"`]],
    ['no id', [REASON, EXPIRES], ['3: accept[0]: `id` is required']],
    ['no reason', [ID, EXPIRES], ['3: accept[0]: `reason` is required']],
    [
      'no expires (typo)',
      [ID, REASON, 'expire: 2027-03-31'],
      [
        '3: accept[0]: `expires` is required',
        '5: accept[0]: unknown key "expire" (did you mean "expires"?)',
      ],
    ],
    ['an empty id', [`id: ""`, REASON, EXPIRES], ['3: accept[0].id: must not be empty']],
    [
      'an id that is a number',
      ['id: 12345', REASON, EXPIRES],
      ['3: accept[0].id: must be text, not a number (12345) (quote it)'],
    ],
    [
      'an id with nothing',
      ['id:', REASON, EXPIRES],
      ['3: accept[0].id: must be text, not nothing'],
    ],
    [
      'an id that is a list',
      ['id: [a, b]', REASON, EXPIRES],
      ['3: accept[0].id: must be text, not a list'],
    ],
    [
      'an empty reason',
      [ID, 'reason: "   "', EXPIRES],
      ['4: accept[0].reason: must not be empty: say why this risk is accepted'],
    ],
    [
      'a reason over 500 characters',
      [ID, `reason: ${'x'.repeat(501)}`, EXPIRES],
      ['4: accept[0].reason: is 501 characters; at most 500'],
    ],
    [
      'a reason that is true/false',
      [ID, 'reason: true', EXPIRES],
      ['4: accept[0].reason: must be text, not true/false (true) (quote it)'],
    ],
    [
      'an impossible date',
      [ID, REASON, 'expires: 2027-02-30'],
      ['5: accept[0].expires: "2027-02-30" is not a real date (use YYYY-MM-DD)'],
    ],
    [
      'an impossible date, quoted',
      [ID, REASON, 'expires: "2027-13-01"'],
      ['5: accept[0].expires: "2027-13-01" is not a real date (use YYYY-MM-DD)'],
    ],
    [
      'a date in another format',
      [ID, REASON, 'expires: 31.03.2027'],
      ['5: accept[0].expires: "31.03.2027" is not a date (use YYYY-MM-DD)'],
    ],
    [
      'a date with a time',
      [ID, REASON, 'expires: 2027-03-31T00:00:00Z'],
      ['5: accept[0].expires: "2027-03-31T00:00:00Z" is not a date (use YYYY-MM-DD)'],
    ],
    [
      'a date as a number',
      [ID, REASON, 'expires: 20270331'],
      ['5: accept[0].expires: "20270331" is not a date (use YYYY-MM-DD)'],
    ],
    [
      'a date as a list',
      [ID, REASON, 'expires: [2027-03-31]'],
      ['5: accept[0].expires: must be a date (YYYY-MM-DD), not a list'],
    ],
    [
      'an expiry beyond max-accept-days',
      [ID, REASON, 'expires: 2027-12-02'],
      [
        '5: accept[0].expires: 2027-12-02 is 366 days after today (2026-12-01); max-accept-days allows at most 365',
      ],
    ],
    [
      'a category that does not exist',
      [ID, REASON, EXPIRES, 'category: cve'],
      [
        '6: accept[0].category: "cve" is not a category (one of baseline-risks, malicious-files, sca-vulns, cve-vulns)',
      ],
    ],
    [
      'package with a category other than cve-vulns',
      [ID, REASON, EXPIRES, 'category: sca-vulns', 'package: log4j'],
      [
        '7: accept[0].package: only CVE findings name a package; with `category: sca-vulns` it could never match (use category cve-vulns or remove `package`)',
      ],
    ],
    [
      'an empty package',
      [ID, REASON, EXPIRES, "package: ''"],
      ['6: accept[0].package: must not be empty'],
    ],
    [
      'images not a list',
      [ID, REASON, EXPIRES, 'images: crr-frontend'],
      ['6: accept[0].images: must be a list such as [crr-frontend], not text'],
    ],
    [
      'images empty',
      [ID, REASON, EXPIRES, 'images: []'],
      [
        '6: accept[0].images: an empty list covers no image; leave `images` out to cover every image',
      ],
    ],
    [
      'a short digest',
      [ID, REASON, EXPIRES, 'images:', '  - crr-a', '  - sha256:abc'],
      ['8: accept[0].images[1]: "sha256:abc" is not a sha256 digest (sha256: and 64 hex digits)'],
    ],
    [
      'an image name with two slashes',
      [ID, REASON, EXPIRES, 'images: [a/b/c]'],
      [
        '6: accept[0].images[0]: "a/b/c" is not a repository id, a repository name (namespace/name) or a sha256 digest',
      ],
    ],
    [
      'an image that is a number',
      [ID, REASON, EXPIRES, 'images: [42]'],
      ['6: accept[0].images[0]: must be text, not a number (42) (quote it)'],
    ],
  ])('%s', (_name, lines, expected) => {
    expect(problems(oneEntry(...lines))).toEqual(expected.map((p) => `${PATH}:${p}`));
  });

  test('an exact duplicate entry names both lines', () => {
    const entry = [`  - ${ID}`, `    ${REASON}`, `    ${EXPIRES}`];
    const text = ['version: 1', 'accept:', ...entry, ...entry, ''].join('\n');
    expect(problems(text)).toEqual([
      `${PATH}:6: accept[1]: duplicates accept[0] (line 3): same id and scope`,
    ]);
  });

  test('the same id in another case and scope in another order is a duplicate, even with another expiry', () => {
    const text = [
      'version: 1',
      'accept:',
      `  - ${ID}`,
      `    ${REASON}`,
      `    ${EXPIRES}`,
      '    images: [crr-a, team/app]',
      '  - id: cve-2024-6387',
      '    reason: later',
      '    expires: 2027-04-30',
      '    images: [team/app, crr-a]',
      '',
    ].join('\n');
    expect(problems(text)).toEqual([
      `${PATH}:7: accept[1]: duplicates accept[0] (line 3): same id and scope`,
    ]);
  });

  test.each([
    [
      'an anchor and an alias',
      'version: 1\naccept:\n  - &e {id: a, reason: r, expires: 2027-01-01}\n  - *e\n',
      [
        `${PATH}:3: anchors are not allowed (&e)`,
        `${PATH}:4: aliases are not allowed (*e)`,
        `${PATH}:4: accept[1]: must be a mapping with id, reason and expires, not an alias`,
      ],
    ],
    [
      'a tag',
      oneEntry(ID, REASON, 'expires: !!timestamp 2027-03-31'),
      [
        `${PATH}:5: tags are not allowed (tag:yaml.org,2002:timestamp)`,
        `${PATH}:5: accept[0].expires: must be a date (YYYY-MM-DD), not an unknown value`,
      ],
    ],
    [
      'a merge key',
      oneEntry(ID, REASON, EXPIRES, '<<: {category: cve-vulns}'),
      [`${PATH}:6: accept[0]: unknown key "<<"`],
    ],
  ])('%s is refused', (_name, text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  test('a file over 1 MiB (in bytes) is refused before parsing', () => {
    const base = oneEntry(ID, REASON, EXPIRES);
    // Multi-byte characters: fewer than 1 MiB characters, more than 1 MiB bytes.
    const filler = `# ${'é'.repeat(MAX_POLICY_BYTES / 2)}\n`;
    expect(filler.length).toBeLessThan(MAX_POLICY_BYTES);
    const text = base + filler;
    expect(problems(text)).toEqual([
      `${PATH}:1: the file is ${utf8Bytes(text)} bytes; a policy file is at most 1 MiB`,
    ]);
    // Just at the limit is read.
    const exact = base + `#${' '.repeat(MAX_POLICY_BYTES - utf8Bytes(base) - 2)}\n`;
    expect(utf8Bytes(exact)).toBe(MAX_POLICY_BYTES);
    expect(entries(exact)).toHaveLength(1);
  });

  test('every problem at once, ordered by line', () => {
    const text = [
      'version: 2', // 1
      'accept:', // 2
      '  - id: 12345', // 3
      '    expire: 2027-02-30', // 4
      '    reason: ""', // 5
      '    category: sca-vulns', // 6
      '    package: x', // 7
      '    images: []', // 8
      '  - id: ok', // 9
      '    reason: fine', // 10
      '    expires: 2027-02-30', // 11
      'extra: 1', // 12
      '',
    ].join('\n');
    expect(problems(text)).toEqual([
      `${PATH}:1: version: must be 1 (the only format version), not "2"`,
      `${PATH}:3: accept[0]: \`expires\` is required`,
      `${PATH}:3: accept[0].id: must be text, not a number (12345) (quote it)`,
      `${PATH}:4: accept[0]: unknown key "expire" (did you mean "expires"?)`,
      `${PATH}:5: accept[0].reason: must not be empty: say why this risk is accepted`,
      `${PATH}:7: accept[0].package: only CVE findings name a package; with \`category: sca-vulns\` it could never match (use category cve-vulns or remove \`package\`)`,
      `${PATH}:8: accept[0].images: an empty list covers no image; leave \`images\` out to cover every image`,
      `${PATH}:11: accept[1].expires: "2027-02-30" is not a real date (use YYYY-MM-DD)`,
      `${PATH}:12: unknown key "extra"`,
    ]);
  });

  test('a hostile value is quoted, escaped and shortened in the message', () => {
    const [problem] = problems(
      oneEntry(ID, REASON, EXPIRES, `category: "x\\n::error::${'y'.repeat(80)}"`),
    );
    expect(problem).toContain('"x\\n::error::');
    expect(problem).not.toContain('\n');
    expect(problem).toContain('…"');
  });

  test.each([
    ['today not a date', { today: '2026-13-01' }],
    ['an invalid Date', { today: new Date('nope') }],
    ['a negative cap', { maxAcceptDays: -1 }],
    ['a fractional cap', { maxAcceptDays: 1.5 }],
  ])('%s is the caller’s mistake: it throws', (_name, options) => {
    expect(() => parsePolicy('version: 1\n', { ...OPTIONS, ...options })).toThrow();
  });
});
