// baseline-image-tag, baseline-image-digest and their images-line keys (issue 18): which image
// each gated image is compared with, and every way a baseline could be ambiguous, refused as bad
// input all at once.
import { parseConfig } from '../../../src/inputs/config.js';
import { inputsEnv } from '../../helpers/inputs-env.js';

const D1 = '0123456789abcdef'.repeat(4);
const D2 = 'fedcba9876543210'.repeat(4);
const B1 = 'ab'.repeat(32);
const B2 = 'cd'.repeat(32);
const KEYS = {
  'access-key-id': 'LTAI5tExampleKeyId',
  'access-key-secret': 'Sup3r-Secret-Value-7788',
};

function parse(inputs: Record<string, string>) {
  return parseConfig(inputsEnv({ ...KEYS, ...inputs }), () => {});
}

function targets(inputs: Record<string, string>) {
  const r = parse(inputs);
  if ('problems' in r) throw new Error(r.problems.join('\n'));
  return r.config.images.map((t) => ({ digest: t.selector.digest, baseline: t.baseline }));
}

function problems(inputs: Record<string, string>): string[] {
  const r = parse(inputs);
  if (!('problems' in r)) throw new Error('expected bad input');
  return r.problems;
}

test('no baseline input: no image has a baseline', () => {
  expect(targets({ 'image-digest': D1 })).toEqual([{ digest: D1, baseline: undefined }]);
});

test('a step-level tag applies to every image', () => {
  expect(targets({ 'image-digest': `${D1},${D2}`, 'baseline-image-tag': 'main' })).toEqual([
    { digest: D1, baseline: { tag: 'main' } },
    { digest: D2, baseline: { tag: 'main' } },
  ]);
});

test('a step-level digest for one image, normalised', () => {
  expect(
    targets({ 'image-digest': D1, 'baseline-image-digest': `sha256:${B1.toUpperCase()}` }),
  ).toEqual([{ digest: D1, baseline: { digest: B1 } }]);
});

test('images lines set their own baseline, overriding the step-level one', () => {
  expect(
    targets({
      images: `image-digest=${D1} baseline-image-digest=${B1}\nimage-digest=${D2}`,
      'baseline-image-tag': 'main',
    }),
  ).toEqual([
    { digest: D1, baseline: { digest: B1 } },
    { digest: D2, baseline: { tag: 'main' } },
  ]);
  expect(
    targets({
      images: `image-digest=${D1} baseline-image-tag=release\nimage-digest=${D2} baseline-image-digest=${B2}`,
    }),
  ).toEqual([
    { digest: D1, baseline: { tag: 'release' } },
    { digest: D2, baseline: { digest: B2 } },
  ]);
});

test('a step-level digest that only one image takes (the other overrides it) is fine', () => {
  expect(
    targets({
      images: `image-digest=${D1}\nimage-digest=${D2} baseline-image-tag=main`,
      'baseline-image-digest': B1,
    }),
  ).toEqual([
    { digest: D1, baseline: { digest: B1 } },
    { digest: D2, baseline: { tag: 'main' } },
  ]);
});

describe('bad input', () => {
  test('a step-level digest that would apply to more than one image', () => {
    expect(problems({ 'image-digest': `${D1},${D2}`, 'baseline-image-digest': B1 })).toEqual([
      expect.stringMatching(
        new RegExp(`^baseline-image-digest: sha256:${B1} would be the baseline of 2 images`),
      ),
    ]);
  });

  test('one digest on two images lines', () => {
    expect(
      problems({
        images: `image-digest=${D1} baseline-image-digest=${B1}\nimage-digest=${D2} baseline-image-digest=${B1}`,
      }),
    ).toEqual([
      expect.stringMatching(/^images line 1, images line 2: baseline-image-digest: .* 2 images/),
    ]);
  });

  test('both at step level, both on one line, bad values: all at once', () => {
    const found = problems({
      'image-digest': D1,
      'baseline-image-tag': 'main',
      'baseline-image-digest': B1,
      images: [
        `image-digest=${D2} baseline-image-tag=main baseline-image-digest=${B2}`,
        `image-digest=${B1} baseline-image-digest=nope`,
        `image-digest=${B2} baseline-image-tag=`,
        `image-digest=${D1} baseline-image-tag=a baseline-image-tag=b`,
      ].join('\n'),
    });
    expect(found).toEqual([
      expect.stringMatching(/^baseline-image-tag and baseline-image-digest are both set/),
      expect.stringMatching(
        /^images line 1: baseline-image-tag and baseline-image-digest are both given/,
      ),
      expect.stringMatching(/^images line 2: baseline-image-digest "nope" is not a digest/),
      expect.stringMatching(/^images line 3: baseline-image-tag "" must be 1 to 256 characters/),
      expect.stringMatching(/^images line 4: baseline-image-tag is given twice/),
    ]);
  });

  test.each([
    ['baseline-image-tag', 'has space'],
    ['baseline-image-tag', 'x'.repeat(257)],
    ['baseline-image-digest', 'sha256:1234'],
  ])('%s: a bad value is refused', (name, value) => {
    expect(problems({ 'image-digest': D1, [name]: value })).toEqual([
      expect.stringMatching(new RegExp(`^${name}: `)),
    ]);
  });

  test('the same image listed twice with different baselines', () => {
    expect(
      problems({
        images: `image-digest=${D1} baseline-image-tag=main\nimage-digest=${D1} baseline-image-tag=dev`,
      }),
    ).toEqual([
      expect.stringMatching(
        /^images line 2: the same image is listed on images line 1 with another baseline/,
      ),
    ]);
  });

  test('an unknown key names the baseline keys among the accepted ones', () => {
    expect(problems({ images: `image-digest=${D1} baseline=main` })).toEqual([
      expect.stringContaining('baseline-image-tag, baseline-image-digest'),
    ]);
  });
});
