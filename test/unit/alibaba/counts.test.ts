import { countParams, readCounts, type CountQuery } from '../../../src/alibaba/counts.js';
import { GateError } from '../../../src/infra/errors.js';

const ACTION = 'DescribeImageSecurityScanCount';
const VALID = {
  ImageBaselineCount: 1,
  ImageMaliciousFileCount: 0,
  ImageScaVulCount: 3,
  ImageCveVulCount: 42,
};

function gateError(fn: () => unknown): GateError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(GateError);
    return err as GateError;
  }
  throw new Error('expected a GateError');
}

describe('readCounts', () => {
  test('reads a valid Data object', () => {
    expect(readCounts({ RequestId: 'r-1', Data: { ...VALID, Extra: 'x' } }, ACTION, 'r-1')).toEqual(
      {
        'baseline-risks': 1,
        'malicious-files': 0,
        'sca-vulns': 3,
        'cve-vulns': 42,
      },
    );
  });

  test.each([
    ['missing Data', {}],
    ['null Data', { Data: null }],
    ['Data array', { Data: [VALID] }],
    ['Data string', { Data: '{"ImageCveVulCount":0}' }],
    ['Data number', { Data: 0 }],
  ])('%s is an error, never zeros', (_name, body) => {
    const err = gateError(() => readCounts(body, ACTION, 'req-123'));
    expect(err.message).toContain(ACTION);
    expect(err.message).toContain('without a Data object');
    expect(err.message).toContain('RequestId: req-123');
    expect(err.requestId).toBe('req-123');
  });

  test('a missing field is an error naming the field', () => {
    const rest: Record<string, unknown> = { ...VALID };
    delete rest['ImageScaVulCount'];
    const err = gateError(() => readCounts({ Data: rest }, ACTION));
    expect(err.message).toContain('ImageScaVulCount is missing');
    expect(err.message).not.toContain('RequestId');
  });

  test.each<[string, unknown]>([
    ['string "3"', '3'],
    ['negative', -1],
    ['fraction', 1.5],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['string "NaN"', 'NaN'],
    ['null', null],
    ['boolean', true],
    ['unsafe integer', 2 ** 53],
    ['object', { value: 1 }],
  ])('%s is an error naming the field', (_name, value) => {
    const err = gateError(() =>
      readCounts({ Data: { ...VALID, ImageCveVulCount: value } }, ACTION, 'req-9'),
    );
    expect(err.message).toContain('malformed counts');
    expect(err.message).toContain('ImageCveVulCount is not a non-negative integer');
    expect(err.message).not.toContain('ImageBaselineCount');
    expect(err.requestId).toBe('req-9');
  });

  test('every bad field is named', () => {
    const err = gateError(() =>
      readCounts({ Data: { ImageBaselineCount: '1', ImageMaliciousFileCount: -2 } }, ACTION),
    );
    for (const field of [
      'ImageBaselineCount',
      'ImageMaliciousFileCount',
      'ImageScaVulCount',
      'ImageCveVulCount',
    ]) {
      expect(err.message).toContain(field);
    }
  });
});

describe('countParams', () => {
  const base: CountQuery = {
    selector: {},
    scanRange: [],
    instanceUuids: [],
    riskStatus: 'unhandled',
  };

  test('every selector as a PascalCase parameter', () => {
    expect(
      countParams({
        ...base,
        selector: {
          repoRegionId: 'cn-beijing',
          repoInstanceId: 'cri-1',
          repoId: 'repo-1',
          tag: 'v1',
          digest: 'ab'.repeat(32),
          uuid: 'uuid-1',
          clusterId: 'c-1',
        },
      }),
    ).toEqual([
      ['RepoRegionId', 'cn-beijing'],
      ['RepoInstanceId', 'cri-1'],
      ['RepoId', 'repo-1'],
      ['ImageTag', 'v1'],
      ['ImageDigest', 'ab'.repeat(32)],
      ['ImageUuid', 'uuid-1'],
      ['ClusterId', 'c-1'],
      ['Dealed', 'N'],
    ]);
  });

  test('absent and empty selectors are not sent', () => {
    expect(countParams({ ...base, selector: { digest: 'ff'.repeat(32), tag: '' } })).toEqual([
      ['ImageDigest', 'ff'.repeat(32)],
      ['Dealed', 'N'],
    ]);
  });

  test.each([
    ['unhandled', 'N'],
    ['handled', 'Y'],
    ['all', 'A'],
  ] as const)('risk status %s is Dealed=%s', (riskStatus, dealed) => {
    const params = countParams({ ...base, riskStatus, selector: { uuid: 'u' } });
    expect(params.filter(([n]) => n === 'Dealed')).toEqual([['Dealed', dealed]]);
  });

  test('ScanRange.N and Uuids.N are numbered from 1', () => {
    const params = countParams({
      ...base,
      selector: { uuid: 'u' },
      scanRange: ['image', 'container'],
      instanceUuids: ['i-1', 'i-2', 'i-3'],
    });
    expect(params).toEqual([
      ['ImageUuid', 'u'],
      ['Dealed', 'N'],
      ['ScanRange.1', 'image'],
      ['ScanRange.2', 'container'],
      ['Uuids.1', 'i-1'],
      ['Uuids.2', 'i-2'],
      ['Uuids.3', 'i-3'],
    ]);
  });
});
