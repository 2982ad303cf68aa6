import { truncate } from '../../../src/alibaba/api-errors.js';
import { headerUnsafe } from '../../../src/inputs/credentials.js';
import { registerSecret, scrub, scrubDeep, setMasker } from '../../../src/infra/secrets.js';

const masked: string[] = [];
setMasker((s) => masked.push(s));

test('a secret cut by truncation is scrubbed before it is cut', () => {
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.' + 'x'.repeat(400) + '.signature';
  registerSecret(jwt);
  const message = `invalid token ${jwt} for audience sts.aliyuncs.com`;
  const short = truncate(message, 300);
  expect(short).not.toContain('eyJhbGciOiJSUzI1NiJ9');
  expect(short).toContain('invalid token *** for audience');
});

test('a padded secret is masked in its trimmed form too', () => {
  registerSecret('  CAIS-padded-token\t');
  expect(masked).toContain('CAIS-padded-token');
  expect(scrub('x-acs-security-token:CAIS-padded-token')).toBe('x-acs-security-token:***');
});

test('scrubDeep reaches every string of a report-like value', () => {
  registerSecret('deep-secret-1');
  const value = { a: ['ok', 'has deep-secret-1 inside'], b: { c: 'deep-secret-1' }, n: 3, z: null };
  expect(scrubDeep(value)).toEqual({ a: ['ok', 'has *** inside'], b: { c: '***' }, n: 3, z: null });
});

test('header-unsafe credentials are named, never shown', () => {
  const problems = headerUnsafe([
    ['access-key-id', 'LTAI\u0410x'],
    ['access-key-secret', 'fine-Secret_123'],
    ['security-token', 'a b'],
  ]);
  expect(problems).toHaveLength(2);
  expect(problems[0]).toMatch(/^credentials: access-key-id contains characters/);
  expect(problems.join(' ')).not.toContain('LTAI');
  expect(problems[1]).toMatch(/^credentials: security-token/);
});
