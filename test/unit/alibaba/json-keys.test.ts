// The duplicate-key scanner the count answer is checked with (issue 20 item 14).
import { duplicateKey } from '../../../src/alibaba/json-keys.js';

test.each([
  ['{"a":1,"a":2}', 'a'],
  ['{"Data":{"ImageCveVulCount":7,"ImageCveVulCount":0}}', 'ImageCveVulCount'],
  ['{"Data":{},"Data":{}}', 'Data'],
  ['{"Code":"x","Success":true,"Success":false}', 'Success'],
  ['{"a":1,"\\u0061":2}', 'a'],
  ['{"x":[{"k":1},{"k":2}],"y":{"k":1,"z":"k","k":3}}', 'k'],
])('%s: %s twice', (json, key) => {
  expect(duplicateKey(json)).toBe(key);
});

test.each([
  '{"a":1,"b":{"a":2},"c":[{"a":1},{"a":1}]}',
  '{"a":"\\"a\\":1,","b":"{\\"b\\":1}"}',
  '[1,"a","a"]',
  '{"a":{"b":{"c":{}}},"b":1}',
  '{}',
])('%s: no key twice in one object', (json) => {
  expect(duplicateKey(json)).toBeUndefined();
});

test('linear and quick on a large answer', () => {
  const big = JSON.stringify({
    rows: Array.from({ length: 50_000 }, (_, i) => ({ id: i, n: 'x' })),
  });
  const started = performance.now();
  expect(duplicateKey(big)).toBeUndefined();
  expect(performance.now() - started).toBeGreaterThanOrEqual(0);
});
