// The one text shortener (infra/text.ts): scrubbed before it cuts, never leaves the start of a
// secret at the cut, never splits a surrogate pair, and measures bytes where GitHub does.
import { capText } from '../../../src/alibaba/findings-wire.js';
import { truncate } from '../../../src/alibaba/api-errors.js';
import { registerSecret } from '../../../src/infra/secrets.js';
import { shorten, shortenBytes, shortenLine, utf8Bytes } from '../../../src/infra/text.js';
import { cap } from '../../../src/report/sarif-text.js';
import { escapeShort } from '../../../src/report/escape.js';

const SECRET = 'Zq8sEcReT-0123456789ab';
registerSecret(SECRET);

test.each([9, 12, 19, 21])(
  'a secret that straddles a cut %i characters in is scrubbed whole first, in every shortener',
  (inside) => {
    const text = `${'x'.repeat(100)}${SECRET}${'y'.repeat(40)}`;
    const max = 100 + inside + 1;
    const shorts = [
      shorten(text, max),
      capText(text, max),
      cap(text, max),
      truncate(text, max),
      shortenLine(text, max),
    ];
    expect(escapeShort(text, max)).toMatch(/^x{100}&#42;&#42;&#42;y*…$/);
    for (const short of shorts) {
      expect(short).not.toContain(SECRET.slice(0, 8));
      expect(short.startsWith(`${'x'.repeat(100)}***`)).toBe(true);
      expect(short.endsWith('…')).toBe(true);
    }
  },
);

test.each([8, 12, 21])(
  'a cut that ends %i characters into (a copy of the start of) a secret drops that start',
  (inside) => {
    // The text holds only the start of the secret (cut elsewhere before): scrub cannot see it.
    const text = `${'x'.repeat(100)}${SECRET.slice(0, 21)}${'y'.repeat(40)}`;
    const max = 100 + inside + 1;
    for (const short of [
      shorten(text, max),
      capText(text, max),
      cap(text, max),
      truncate(text, max),
    ])
      expect(short).toBe(`${'x'.repeat(100)}…`);
  },
);

test('a start shorter than 8 characters is not taken for a secret', () => {
  const text = `abc ${SECRET.slice(0, 10)}zzz`;
  expect(shorten(text, 4 + 7 + 1)).toBe(`abc ${SECRET.slice(0, 7)}…`);
});

test('a whole secret is scrubbed before the cut is measured', () => {
  expect(shorten(`${SECRET} and then some`, 10)).toBe('*** and t…');
});

test('a surrogate pair is never split', () => {
  const text = 'a😀😀😀';
  expect(shorten(text, 3)).toBe('a…');
  expect(shorten(text, 4)).toBe('a😀…');
  expect(shorten(text, 7)).toBe(text);
});

test('bytes: measured in UTF-8, cut on a code point, within the bound', () => {
  const cjk = '漏洞'.repeat(100);
  expect(utf8Bytes(cjk)).toBe(600);
  const short = shortenBytes(cjk, 100);
  expect(utf8Bytes(short)).toBeLessThanOrEqual(100);
  expect(short.endsWith('…')).toBe(true);
  expect(short).not.toContain('\ufffd');
  expect(shortenBytes(`${'x'.repeat(50)}${SECRET.slice(0, 20)}`, 65)).toBe(`${'x'.repeat(50)}…`);
  expect(shortenBytes('short', 100)).toBe('short');
});
