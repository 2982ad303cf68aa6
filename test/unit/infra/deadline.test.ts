import { Deadline } from '../../../src/infra/deadline.js';

test('the deadline counts down on its clock', () => {
  let t = 1_000;
  const d = new Deadline(500, () => t);
  expect(d.remaining()).toBe(500);
  t += 200;
  expect(d.remaining()).toBe(300);
  t += 400;
  expect(d.remaining()).toBe(0);
  expect(d.expired()).toBe(true);
});

test('extensions add up to the wait budget and no further', () => {
  let t = 0;
  const d = new Deadline(1_000, () => t, 3_000);
  d.extend(2_000); // image A waits 2 s
  d.extend(2_000); // image B waits 2 s at the same time: only 1 s of budget is left
  expect(d.remaining()).toBe(4_000);
  d.extend(5_000);
  expect(d.remaining()).toBe(4_000);
  t += 4_000;
  expect(d.expired()).toBe(true);
});

test('without an allowance the deadline never moves', () => {
  const d = new Deadline(1_000, () => 0);
  d.extend(10_000);
  expect(d.remaining()).toBe(1_000);
});
