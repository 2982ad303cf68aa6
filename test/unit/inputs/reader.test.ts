// The one input reader: each parsing rule once, every problem collected.
import { InputReader, splitList } from '../../../src/inputs/reader.js';
import { show } from '../../../src/infra/text.js';
import { inputsEnv } from '../../helpers/inputs-env.js';

const reader = (inputs: Record<string, string>) => new InputReader(inputsEnv(inputs));

test('raw values are trimmed; absent is empty', () => {
  const input = reader({ 'a-b': '  x  ' });
  expect(input.raw('a-b')).toBe('x');
  expect(input.raw('missing')).toBe('');
});

test('each reader returns its fallback on bad input and records one problem', () => {
  const input = reader({
    b: 'yes',
    c: 'maybe',
    i: '-1',
    p: '0',
    t: 'bad value',
  });
  expect(input.bool('b', true)).toBe(true);
  expect(input.choice('c', ['x', 'y'] as const, 'x')).toBe('x');
  expect(input.integer('i', 4, 1, 20, ' (why)')).toBe(4);
  expect(input.positive('p', 60, { unit: 'seconds', max: 3600 })).toBe(60);
  expect(input.text('t', 'd', /^\S+$/, 'has a space')).toBe('bad value');
  expect(input.problems).toEqual([
    'b: "yes" is not a boolean; use true or false',
    'c: "maybe" is not accepted; use one of: x, y',
    'i: "-1" is not accepted; use a whole number from 1 to 20 (why)',
    'p: "0" is not accepted; use a number of seconds above 0 and at most 3600',
    't: "bad value" has a space',
  ]);
});

test('good values, any case where documented', () => {
  const input = reader({ b: 'FALSE', c: 'Y', i: '20', p: '1.5', o: 'OFF', l: 'a, b\n\nc,' });
  expect(input.bool('b', true)).toBe(false);
  expect(input.choice('c', ['x', 'y'] as const, 'x')).toBe('y');
  expect(input.integer('i', 4, 1, 20)).toBe(20);
  expect(input.positive('p', 60, { unit: 'seconds' })).toBe(1.5);
  expect(input.positive('o', 5, { unit: 'hours', off: true })).toBeNull();
  expect(input.list('l')).toEqual(['a', 'b', 'c']);
  expect(input.problems).toEqual([]);
});

test('show quotes and cuts; splitList drops empty entries', () => {
  expect(show('x'.repeat(100))).toBe(`"${'x'.repeat(79)}…"`);
  expect(splitList(' , a ,\n')).toEqual(['a']);
});
