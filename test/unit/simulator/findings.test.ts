// The simulator's finding lists over real loopback HTTP, with requests signed by the action's
// signer (the simulator checks them with Alibaba's own code).
import { signRequest } from '../../../src/alibaba/signer.js';
import { generateFindings, SasSimulator } from '../../simulator/sas-simulator.js';

const DIGEST = 'a1'.repeat(32);
type Body = Record<string, unknown> & { PageInfo?: Record<string, unknown> };

let sim: SasSimulator;

beforeEach(async () => {
  sim = await SasSimulator.start();
});

afterEach(async () => {
  await sim.close();
});

async function call(
  action: string,
  params: Record<string, string>,
): Promise<{ status: number; body: Body }> {
  const signed = signRequest(
    {
      method: 'POST',
      host: new URL(sim.url).host,
      action,
      version: '2018-12-03',
      query: Object.entries(params),
    },
    { accessKeyId: 'test-key-id', accessKeySecret: 'test-key-secret' },
  );
  const res = await fetch(`${sim.url}/?${signed.queryString}`, {
    method: 'POST',
    headers: signed.headers,
  });
  return { status: res.status, body: (await res.json()) as Body };
}

/** Every row of a top-level-paged list, page by page. */
async function readAll(action: string, listField: string, params: Record<string, string>) {
  const rows: Array<Record<string, unknown>> = [];
  for (let page = 1; ; page++) {
    const { body } = await call(action, { ...params, CurrentPage: String(page), PageSize: '100' });
    const got = body[listField] as Array<Record<string, unknown>>;
    rows.push(...got);
    if (got.length === 0 || rows.length >= Number(body['TotalCount'])) return { rows, pages: page };
  }
}

test('CVE list: page size capped at 50 and reported, 1-based pages, object ExtendContentJson', async () => {
  const findings = generateFindings({ cve: 120, sca: 0, malicious: 0, baseline: 0, seed: 7 });
  sim.addImage({ digest: DIGEST, repoName: 'shop', counts: {}, findings });
  const first = await call('DescribeImageVulList', {
    Type: 'cve',
    Digest: DIGEST,
    PageSize: '100',
  });
  expect(first.body).toMatchObject({ CurrentPage: 1, PageSize: 50, TotalCount: 120 });
  const rec = (first.body['VulRecords'] as Array<Record<string, unknown>>)[0];
  expect(rec).toMatchObject({
    ImageDigest: DIGEST,
    RepoName: 'shop',
    Name: findings.cve?.[0]?.name,
  });
  expect(typeof rec?.['ExtendContentJson']).toBe('object');

  const all = await readAll('DescribeImageVulList', 'VulRecords', { Type: 'cve', Digest: DIGEST });
  expect(all.pages).toBe(3);
  expect(new Set(all.rows.map((r) => r['PrimaryId'])).size).toBe(120);
  expect(sim.requestsFor('DescribeImageVulList')).toHaveLength(4);

  const open = await call('DescribeImageVulList', { Type: 'cve', Digest: DIGEST, Dealed: 'n' });
  const unhandled = findings.cve?.filter((c) => !c.handled).length;
  expect(open.body).toMatchObject({ PageSize: 10, TotalCount: unhandled });
  // The image tag as `Tag` (the vulnerability's tag) and a sha256: prefix both match nothing.
  const byTag = await call('DescribeImageVulList', { Type: 'cve', Digest: DIGEST, Tag: 'v1' });
  expect(byTag.body['TotalCount']).toBe(0);
  const prefixed = await call('DescribeImageVulList', { Type: 'cve', Digest: `sha256:${DIGEST}` });
  expect(prefixed.body['TotalCount']).toBe(0);
});

test('level filters, required parameters and the ImageUuid selection', async () => {
  sim.addImage({
    digest: DIGEST,
    uuid: 'img-uuid-1',
    counts: {},
    findings: {
      malicious: [
        { md5: 'm1', name: 'Webshell', level: 'serious', paths: [{ filePath: '/a' }] },
        {
          md5: 'm2',
          name: 'Miner',
          level: 'remind',
          paths: [{ filePath: '/b' }, { filePath: '/c' }],
        },
        { md5: 'm3', name: 'Odd', level: 'critical', paths: [{ filePath: '/d' }] },
      ],
      baseline: [
        { key: 'k1', alias: 'AK leak', level: 'high', status: 0 },
        { key: 'k2', alias: 'Root user', level: 'low', status: 0 },
      ],
      sca: [
        { name: 's1', asap: 0, later: 2 },
        { name: 's2', asap: 1 },
      ],
    },
  });
  const paging = { CurrentPage: '1', PageSize: '20' };
  const grouped = await call('DescribeGroupedMaliciousFiles', {
    ...paging,
    ImageDigest: DIGEST,
    Levels: 'serious,remind',
  });
  expect(grouped.body['PageInfo']).toEqual({
    Count: 2,
    CurrentPage: 1,
    PageSize: 20,
    TotalCount: 2,
  });
  const affected = await call('DescribeAffectedMaliciousFileImages', {
    ...paging,
    MaliciousMd5: 'm2',
    ImageDigest: DIGEST,
  });
  const paths = affected.body['AffectedMaliciousFileImagesResponse'] as Array<
    Record<string, unknown>
  >;
  expect(paths.map((r) => r['FilePath'])).toEqual(['/b', '/c']);
  expect(paths[0]).toMatchObject({ Digest: DIGEST, ImageUuid: 'img-uuid-1', Level: 'remind' });

  const noPage = await call('DescribeGroupedMaliciousFiles', {
    ImageDigest: DIGEST,
    PageSize: '20',
  });
  expect(noPage).toMatchObject({ status: 400, body: { Code: 'MissingParameter' } });
  expect(String(noPage.body['Message'])).toContain('"CurrentPage"');

  const high = await call('DescribeImageBaselineCheckResult', {
    ImageUuid: 'img-uuid-1',
    RiskLevel: 'high',
  });
  expect(high.body['BaselineResult']).toEqual([
    expect.objectContaining({ BaselineNameKey: 'k1', BaselineNameLevel: 'high', Status: 0 }),
  ]);
  const later = await call('DescribeImageGroupedVulList', {
    Type: 'sca',
    ImageDigest: DIGEST,
    Necessity: 'later',
  });
  expect(later.body).toMatchObject({
    TotalCount: 1,
    GroupedVulItems: [{ Name: 's1', LaterCount: 2 }],
  });
});

test('DescribeImageSecurityScanCount derives counts from findings; explicit counts win', async () => {
  sim.addImage({
    digest: DIGEST,
    counts: { ImageBaselineCount: 9 },
    findings: {
      cve: [
        { name: 'debian:11:CVE-1', necessity: 'asap' },
        { name: 'debian:11:CVE-2', necessity: 'later', handled: true },
      ],
      sca: [
        { name: 's1', status: 0 },
        { name: 's2', status: 3 },
        { name: 's3', status: 2 },
      ],
      malicious: [{ md5: 'm1', name: 'x', level: 'serious', status: 1, paths: [] }],
      baseline: [{ key: 'k', alias: 'k', level: 'high', status: 0 }],
    },
  });
  const count = async (Dealed: string) =>
    (await call('DescribeImageSecurityScanCount', { ImageDigest: DIGEST, Dealed })).body['Data'];
  expect(await count('N')).toEqual({
    ImageCveVulCount: 1,
    ImageScaVulCount: 1,
    ImageMaliciousFileCount: 0,
    ImageBaselineCount: 9,
  });
  expect(await count('Y')).toMatchObject({
    ImageCveVulCount: 1,
    ImageScaVulCount: 1,
    ImageMaliciousFileCount: 1,
  });
  expect(await count('A')).toMatchObject({ ImageCveVulCount: 2, ImageScaVulCount: 3 });
});

test('quirks and faults make one list untrustworthy', async () => {
  const findings = generateFindings({ cve: 0, sca: 60, malicious: 0, baseline: 0 });
  sim.addImage({ digest: DIGEST, counts: {}, findings });
  sim.listQuirks.set('DescribeImageGroupedVulList', { shortPage: 1, totalCountDelta: 5 });
  const page1 = await call('DescribeImageGroupedVulList', {
    Type: 'sca',
    ImageDigest: DIGEST,
    PageSize: '50',
  });
  expect(page1.body).toMatchObject({ PageSize: 50, TotalCount: 65 });
  expect(page1.body['GroupedVulItems']).toHaveLength(49);

  sim.fault(
    { kind: 'error', status: 503, code: 'ServiceUnavailable' },
    {
      action: 'DescribeImageGroupedVulList',
    },
  );
  const failed = await call('DescribeImageGroupedVulList', { Type: 'sca', ImageDigest: DIGEST });
  expect(failed).toMatchObject({ status: 503, body: { Code: 'ServiceUnavailable' } });
  expect(sim.requestsFor('DescribeImageGroupedVulList')).toHaveLength(2);
});
