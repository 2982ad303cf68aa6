import { MAX_POLICY_BYTES, utf8Bytes } from '../../../src/policy/yaml-tree.js';
import { parsePolicy } from '../../../src/policy/policy-file.js';
import { entries, EXPIRES, ID, OPTIONS, oneEntry, PATH, problems, REASON } from './policy-text.js';

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
    [
      'one YAML mistake the parser reports twice on a line, said once',
      'version: 1\naccept:\n  - id: x: y: z\n    reason: r\n    expires: 2027-01-01\n',
      [`${PATH}:3: not valid YAML: Nested mappings are not allowed in compact mappings`],
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
});

describe('parsePolicy: duplicates, refused YAML, size, all at once', () => {
  test('an exact duplicate entry names both lines', () => {
    const entry = [`  - ${ID}`, `    ${REASON}`, `    ${EXPIRES}`];
    const text = ['version: 1', 'accept:', ...entry, ...entry, ''].join('\n');
    expect(problems(text)).toEqual([
      `${PATH}:6: accept[1]: duplicates accept[0] (line 3): same id, scope, reason and expires; remove one`,
    ]);
  });

  test('the same id in another case and scope in another order is a duplicate', () => {
    const entry = (id: string, images: string) => [
      `  - id: ${id}`,
      `    ${REASON}`,
      `    ${EXPIRES}`,
      `    images: [${images}]`,
    ];
    const text = [
      'version: 1',
      'accept:',
      ...entry('CVE-2024-6387', 'crr-a, team/app'),
      ...entry('cve-2024-6387', 'team/app, crr-a'),
      '',
    ].join('\n');
    expect(problems(text)).toEqual([
      `${PATH}:7: accept[1]: duplicates accept[0] (line 3): same id, scope, reason and expires; remove one`,
    ]);
  });

  test('the same id and scope with another reason or expiry is not a duplicate (a renewal)', () => {
    const text = [
      'version: 1',
      'accept:',
      `  - ${ID}`,
      `    ${REASON}`,
      `    ${EXPIRES}`,
      `  - ${ID}`,
      '    reason: renewed, tracked in SEC-200',
      '    expires: 2027-04-30',
      `  - ${ID}`,
      `    ${REASON}`,
      '    expires: 2027-05-31',
      '',
    ].join('\n');
    expect(entries(text).map((e) => e.line)).toEqual([3, 6, 9]);
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
