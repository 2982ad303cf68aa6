import { criteriaFor, readRow, rowMatches, type ImageRow } from '../../../src/alibaba/scan-api.js';
import { GateError } from '../../../src/infra/errors.js';
import { worstScanStatus } from '../../../src/core/scan.js';
import { classifyRow, combineRows } from '../../../src/gate/scan-state.js';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const HOUR = 3_600_000;
const row = (over: Partial<ImageRow>): ImageRow => ({ digest: 'a'.repeat(64), ...over });

describe('classifyRow', () => {
  test.each([
    [{ scaStatus: 'SUCCESS', lastScanTime: NOW - HOUR }, null, 'scanned'],
    [{ lastScanTime: NOW - HOUR }, null, 'scanned'],
    [{ scaStatus: 'SUCCESS', lastScanTime: NOW - 30 * HOUR }, 24 * HOUR, 'stale'],
    [{ scaStatus: 'SUCCESS', lastScanTime: NOW - 23 * HOUR }, 24 * HOUR, 'scanned'],
    [{ scaStatus: 'SUCCESS' }, 24 * HOUR, 'never'],
    [{ scaStatus: 'SUCCESS' }, null, 'never'],
    [{ scaStatus: 'SUCCESS', lastScanTime: 0 }, null, 'never'],
    [{}, null, 'never'],
    [{ lastScanTime: 0 }, null, 'never'],
    [{ scaStatus: 'INIT' }, null, 'scanning'],
    [{ scaStatus: 'cve_analyzer', lastScanTime: NOW - HOUR }, null, 'scanning'],
    [{ scaStatus: 'PRE_ANALYZER_SUCCESS' }, null, 'scanning'],
    [{ scaStatus: 'FAIL', lastScanTime: NOW - HOUR }, null, 'failed'],
    [{ scaStatus: 'TIMEOUT' }, null, 'failed'],
    [{ scaStatus: 'TIMOUT' }, null, 'failed'],
    [{ scaStatus: 'SOMETHING_NEW', lastScanTime: NOW }, null, 'unknown'],
  ] as const)('%j with max age %s is %s', (fields, maxAge, expected) => {
    expect(classifyRow(row(fields), maxAge, NOW)).toBe(expected);
  });
});

describe('combineRows', () => {
  test('no rows means Security Center does not know the image', () => {
    expect(combineRows([])).toBe('absent');
  });
  test('the worst row decides', () => {
    expect(combineRows(['scanned', 'scanned'])).toBe('scanned');
    expect(combineRows(['scanned', 'never'])).toBe('never');
    expect(combineRows(['stale', 'scanning'])).toBe('scanning');
    expect(combineRows(['scanning', 'failed'])).toBe('failed');
    expect(combineRows(['failed', 'unknown', 'scanned'])).toBe('unknown');
  });
});

test('worstScanStatus: unknown > not-scanned > scanning > scanned; nothing is unknown', () => {
  expect(worstScanStatus(['scanned', 'scanning'])).toBe('scanning');
  expect(worstScanStatus(['scanned', 'not-scanned', 'scanning'])).toBe('not-scanned');
  expect(worstScanStatus(['scanned', 'unknown'])).toBe('unknown');
  expect(worstScanStatus(['scanned'])).toBe('scanned');
  expect(worstScanStatus([])).toBe('unknown');
});

test('criteriaFor keeps the tag next to a digest: the count query filters by both', () => {
  expect(JSON.parse(criteriaFor({ digest: 'd', tag: 't' }))).toEqual([
    { name: 'digest', value: 'd', logicalExp: 'AND' },
    { name: 'tag', value: 't', logicalExp: 'AND' },
  ]);
});

test('criteriaFor uses the criteria names DescribeImageInstances documents', () => {
  expect(
    JSON.parse(
      criteriaFor({
        tag: 't',
        repoId: 'r',
        repoInstanceId: 'i',
        repoRegionId: 'cn-hangzhou',
        uuid: 'u',
      }),
    ),
  ).toEqual([
    { name: 'tag', value: 't', logicalExp: 'AND' },
    { name: 'repoId', value: 'r', logicalExp: 'AND' },
    { name: 'instanceId', value: 'i', logicalExp: 'AND' },
    { name: 'regionId', value: 'cn-hangzhou', logicalExp: 'AND' },
  ]);
});

test('rowMatches checks every selector itself (the server filter is not trusted)', () => {
  const r = row({
    tag: 'v1',
    repoId: 'r1',
    instanceId: 'cri-1',
    regionId: 'cn-hangzhou',
    uuid: 'u1',
  });
  expect(rowMatches(r, { digest: 'a'.repeat(64), tag: 'v1' })).toBe(true);
  expect(rowMatches(r, { tag: 'v2' })).toBe(false);
  expect(rowMatches(r, { repoInstanceId: 'cri-2' })).toBe(false);
  expect(rowMatches(r, { uuid: 'u1', repoId: 'r1' })).toBe(true);
  expect(rowMatches(r, { digest: 'b'.repeat(64) })).toBe(false);
  // Every selector must be carried and match: the count query filters by all of them, so a
  // row accepted on less could prove a scan of an image the counts then miss.
  expect(rowMatches(r, { digest: 'a'.repeat(64), tag: 'v9' })).toBe(false);
  const bare = row({ tag: 'v1' });
  expect(
    rowMatches(bare, {
      digest: 'a'.repeat(64),
      repoRegionId: 'cn-beijing',
      repoInstanceId: 'cri-7',
    }),
  ).toBe(false);
  expect(rowMatches(row({}), { tag: 'v1', repoId: 'r1' })).toBe(false);
});

test('readRow normalises the digest and refuses rows it cannot read', () => {
  expect(
    readRow(
      { Digest: 'sha256:' + 'AB'.repeat(32), LastScanTime: '1700000000000', ScaStatus: 'SUCCESS' },
      'X',
    ).digest,
  ).toBe('ab'.repeat(32));
  expect(readRow({ Digest: 'c'.repeat(64), LastScanTime: '1700000000000' }, 'X').lastScanTime).toBe(
    1_700_000_000_000,
  );
  expect(() => readRow({ Tag: 'v1' }, 'X', 'REQ-1')).toThrow(GateError);
  expect(() => readRow({ Tag: 'v1' }, 'X', 'REQ-1')).toThrow(/REQ-1/);
  expect(() => readRow('nope', 'X')).toThrow(GateError);
});
