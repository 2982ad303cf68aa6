// The finding-list readers over the real HTTP path (signer, undici transport, retries, error
// mapping) against the loopback simulator: paging under its page-size cap, every list quirk
// failing closed, the 2,000-row bound, and the records' fields.
import { FINDING_RAM_ACTIONS } from '../../src/gate/ram-policy.js';
import { AcsClient, type RetryPolicy } from '../../src/alibaba/client.js';
import { parseEndpoint, type Endpoint } from '../../src/alibaba/endpoints.js';
import {
  describeImageBaselineCheckResult,
  describeImageGroupedVulList,
  describeImageVulList,
  listMaliciousFiles,
  ListBoundError,
  MAX_TEXT,
  type ListTarget,
} from '../../src/alibaba/findings-api.js';
import { Deadline } from '../../src/infra/deadline.js';
import { GateError } from '../../src/infra/errors.js';
import { createTransport, type Transport } from '../../src/infra/http.js';
import { silentLogger } from '../../src/infra/log.js';
import {
  FOREIGN_DIGEST,
  generateFindings,
  SasSimulator,
  type ListQuirks,
  type SimFindings,
} from '../simulator/sas-simulator.js';

const DIGEST = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const UUID = 'img-uuid-1';
const target: ListTarget = { digest: DIGEST, repoId: 'crr-1', repoRegionId: 'cn-hangzhou' };
const FAST_RETRY: RetryPolicy = {
  baseDelayMs: 20,
  maxDelayMs: 200,
  maxAttempts: 4,
  attemptTimeoutMs: 2_000,
};

let sim: SasSimulator;
let transport: Transport;
let endpoint: Endpoint;

function client(ramActions?: readonly string[]): AcsClient {
  return new AcsClient({
    transport,
    credentials: async () => ({ accessKeyId: 'test-key-id', accessKeySecret: 'test-key-secret' }),
    deadline: new Deadline(20_000),
    log: silentLogger,
    retry: FAST_RETRY,
    ramActions,
  });
}

function image(findings: SimFindings): void {
  sim.addImage({
    digest: DIGEST,
    repoId: 'crr-1',
    repoRegionId: 'cn-hangzhou',
    uuid: UUID,
    counts: {},
    findings,
  });
}

async function failure(p: Promise<unknown>): Promise<GateError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(GateError);
    const e = err as GateError;
    expect(e.message).not.toMatch(/\n/);
    return e;
  }
  throw new Error('expected the read to fail');
}

beforeEach(async () => {
  sim = await SasSimulator.start();
  transport = createTransport({}, 8);
  const parsed = parseEndpoint(sim.url);
  if (typeof parsed === 'string') throw new Error(parsed);
  endpoint = parsed;
});

afterEach(async () => {
  await transport.close();
  await sim.close();
});

test('pages by the capped size the server reports, later pages requested at once', async () => {
  image(generateFindings({ cve: 120, sca: 0, malicious: 0, baseline: 0 }));
  sim.addImage({
    digest: OTHER,
    counts: {},
    findings: generateFindings({ cve: 5, sca: 0, malicious: 0, baseline: 0, seed: 2 }),
  });
  sim.latencyMs = 100;
  const list = await describeImageVulList(client(), endpoint, target, 'all');
  expect(list.records).toHaveLength(120);
  expect(list.totalCount).toBe(120);
  expect(list.requestIds).toHaveLength(3);
  const reqs = sim.requestsFor('DescribeImageVulList');
  expect(reqs.map((r) => [r.params['CurrentPage'], r.params['PageSize']])).toEqual([
    ['1', '100'],
    ['2', '50'],
    ['3', '50'],
  ]);
  const [p1, p2, p3] = reqs.map((r) => r.at) as [number, number, number];
  expect(p2 - p1).toBeGreaterThanOrEqual(90); // after page 1 answered
  expect(Math.abs(p3 - p2)).toBeLessThan(50); // pages 2 and 3 together
  expect(sim.maxInFlight).toBe(2);
  expect(reqs[0]?.params).toEqual({
    Lang: 'en',
    Type: 'cve',
    Digest: DIGEST,
    RepoRegionId: 'cn-hangzhou',
    RepoId: 'crr-1',
    CurrentPage: '1',
    PageSize: '100',
  });
  const names = new Set(list.records.map((r) => r.name));
  expect(names.size).toBe(120);
});

test('Dealed: unhandled → n, handled → y, all → not sent', async () => {
  image({
    cve: [
      { name: 'debian:11:CVE-2024-1', necessity: 'asap', handled: false },
      { name: 'debian:11:CVE-2024-2', necessity: 'later', handled: true },
    ],
  });
  const c = client();
  const open = await describeImageVulList(c, endpoint, target, 'unhandled');
  const done = await describeImageVulList(c, endpoint, target, 'handled');
  const all = await describeImageVulList(c, endpoint, target, 'all');
  expect(open.records.map((r) => r.name)).toEqual(['debian:11:CVE-2024-1']);
  expect(done.records.map((r) => r.name)).toEqual(['debian:11:CVE-2024-2']);
  expect(all.records).toHaveLength(2);
  const sent = sim.requestsFor('DescribeImageVulList').map((r) => r.params);
  expect(sent.map((p) => p['Dealed'])).toEqual(['n', 'y', undefined]);
  for (const p of sent) expect(p['Tag'] ?? p['ImageTag']).toBeUndefined();
});

// Every quirk, on a top-level-paged and a PageInfo-paged operation.
const QUIRKS: Array<[string, ListQuirks, RegExp]> = [
  ['shortPage', { shortPage: 2 }, /page 2 has 49 rows where 50/],
  ['emptyPage', { emptyPage: 2 }, /page 2 has 0 rows where 50/],
  ['emptyPage 1', { emptyPage: 1 }, /page 1 has 0 rows where 50/],
  ['totalCountDelta +1', { totalCountDelta: 1 }, /page 3 has 20 rows where 21/],
  ['totalCountDelta -1', { totalCountDelta: -1 }, /page 3 has 20 rows where 19/],
  ['omitTotal', { omitTotal: true }, /without a readable TotalCount \(missing\)/],
  ['omitList', { omitList: true }, /without a (VulRecords|BaselineResult) array/],
  ['ignorePageSize', { ignorePageSize: true }, /page 1 has (10|20) rows where 50/],
];

describe.each([
  ['DescribeImageVulList', (c: AcsClient) => describeImageVulList(c, endpoint, target, 'all')],
  [
    'DescribeImageBaselineCheckResult',
    (c: AcsClient) => describeImageBaselineCheckResult(c, endpoint, UUID),
  ],
])('%s fails closed', (action, read) => {
  test.each(QUIRKS)('%s', async (_name, quirks, message) => {
    image(generateFindings({ cve: 120, sca: 0, malicious: 0, baseline: 120 }));
    sim.listQuirks.set(action, quirks);
    const err = await failure(read(client()));
    expect(err).not.toBeInstanceOf(ListBoundError);
    expect(err.message).toMatch(new RegExp(`^${action} answered`));
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/RequestId: [0-9A-F-]{36}\.$/);
  });

  test('pagingAsText is read', async () => {
    image(generateFindings({ cve: 120, sca: 0, malicious: 0, baseline: 120 }));
    sim.listQuirks.set(action, { pagingAsText: true });
    const list = await read(client());
    expect(list.records).toHaveLength(120);
    expect(list.requestIds).toHaveLength(3);
  });
});

test('rows naming another image: the filter is not trusted', async () => {
  image(generateFindings({ cve: 3, sca: 0, malicious: 1, baseline: 0 }));
  sim.listQuirks.set('DescribeImageVulList', { wrongDigestRows: true });
  const cve = await failure(describeImageVulList(client(), endpoint, target, 'all'));
  expect(cve.message).toContain(
    `DescribeImageVulList answered a row for another image (ImageDigest ${FOREIGN_DIGEST})`,
  );
  sim.listQuirks.set('DescribeAffectedMaliciousFileImages', { wrongDigestRows: true });
  const files = await failure(listMaliciousFiles(client(), endpoint, target));
  expect(files.message).toContain(
    'DescribeAffectedMaliciousFileImages answered a row for another image (Digest',
  );
});

test('over 2,000 rows: the bound error after one request; exactly 2,000 are read', async () => {
  image(generateFindings({ cve: 2_001, sca: 0, malicious: 0, baseline: 0 }));
  const err = await failure(describeImageVulList(client(), endpoint, target, 'all'));
  expect(err).toBeInstanceOf(ListBoundError);
  expect((err as ListBoundError).kind).toBe('list-bound');
  expect((err as ListBoundError).totalCount).toBe(2_001);
  expect(err.message).toMatch(
    /^DescribeImageVulList lists 2,001 CVE findings .* more than the 2,000/,
  );
  expect(sim.requestsFor('DescribeImageVulList')).toHaveLength(1);

  sim.images.length = 0;
  image(generateFindings({ cve: 2_000, sca: 0, malicious: 0, baseline: 0 }));
  const list = await describeImageVulList(client(), endpoint, target, 'all');
  expect(list.records).toHaveLength(2_000);
  expect(sim.requestsFor('DescribeImageVulList')).toHaveLength(1 + 40);
});

test('a RAM denial names the refused action and the policy the run needs', async () => {
  image(generateFindings({ cve: 0, sca: 0, malicious: 2, baseline: 0 }));
  const action = 'DescribeAffectedMaliciousFileImages';
  sim.fault(
    {
      kind: 'error',
      status: 403,
      code: 'NoPermission',
      message: 'You are not authorized to do this action.',
      extra: { AccessDeniedDetail: { AuthAction: `yundun-sas:${action}` } },
    },
    { action },
  );
  const err = await failure(
    listMaliciousFiles(client(FINDING_RAM_ACTIONS['malicious-files']), endpoint, target),
  );
  expect(err.message).toContain(`${action} failed: NoPermission (HTTP 403)`);
  expect(err.message).toContain(`not allowed to call yundun-sas:${action}`);
  expect(err.message).toContain('yundun-sas:DescribeGroupedMaliciousFiles');
});

test('one sample failing stops the others paging on; its error is the one thrown', async () => {
  const paths = (dir: string) =>
    Array.from({ length: 120 }, (_, i) => ({ filePath: `${dir}/${i}` }));
  image({
    malicious: [
      { md5: '1'.repeat(32), name: 'A', level: 'serious', paths: paths('/a') },
      { md5: '2'.repeat(32), name: 'B', level: 'serious', paths: paths('/b') },
    ],
  });
  const action = 'DescribeAffectedMaliciousFileImages';
  sim.fault({ kind: 'delay', ms: 300 }, { action }); // the first sample's page 1 comes late
  sim.fault({ kind: 'error', status: 403, code: 'NoPermission' }, { action });
  const err = await failure(listMaliciousFiles(client(), endpoint, target));
  expect(err.message).toMatch(/^DescribeAffectedMaliciousFileImages failed: NoPermission/);
  expect(sim.requestsFor(action).length).toBe(2); // no page 2 or 3 of the late one
});

test('CVE records: ids, packages from an object or a JSON string, a malformed one is none', async () => {
  const pkg = {
    Name: 'openssl',
    Version: '1.1',
    FullVersion: '1.1.1n-0+deb11u4',
    Path: '/usr/bin/openssl',
    Layer: 'c'.repeat(64),
    UpdateCmd: 'apt-get install openssl --only-upgrade',
  };
  image({
    cve: [
      {
        name: 'debian:11:CVE-2024-1',
        aliasName: 'CVE-2024-1: openssl',
        related: ' CVE-2024-1, CVE-2024-2,CVE-2024-1,,',
        necessity: 'asap',
        canFix: 'no',
        packages: [
          {
            name: 'openssl',
            version: '1.1',
            fullVersion: '1.1.1n-0+deb11u4',
            path: '/usr/bin/openssl',
            layer: 'c'.repeat(64),
            updateCmd: pkg.UpdateCmd,
          },
        ],
      },
      {
        name: 'debian:11:CVE-2024-3',
        necessity: 'later',
        rawExtendContentJson: JSON.stringify({ RpmEntityList: [pkg, { Version: 'x' }] }),
      },
      { name: 'debian:11:CVE-2024-4', necessity: 'nntf', rawExtendContentJson: '{"RpmEntity' },
    ],
  });
  const list = await describeImageVulList(client(), endpoint, target, 'all');
  const want = {
    name: 'openssl',
    version: '1.1.1n-0+deb11u4',
    updateCmd: pkg.UpdateCmd,
    path: '/usr/bin/openssl',
    layer: 'c'.repeat(64),
  };
  expect(list.records.map(({ identity: _identity, ...r }) => r)).toEqual([
    {
      name: 'debian:11:CVE-2024-1',
      aliasName: 'CVE-2024-1: openssl',
      related: ['CVE-2024-1', 'CVE-2024-2'],
      necessity: 'asap',
      canFix: 'no',
      status: 1,
      packages: [want],
    },
    expect.objectContaining({ name: 'debian:11:CVE-2024-3', canFix: undefined, packages: [want] }),
    expect.objectContaining({ name: 'debian:11:CVE-2024-4', packages: [] }),
  ]);
});

test('hostile text is kept raw but capped', async () => {
  const hostile = '::error::pwned\n\u001b[31m<img src=x onerror=alert(1)>|`| ' + 'A'.repeat(10_000);
  image({
    cve: [{ name: 'debian:11:CVE-2024-1', aliasName: hostile, necessity: hostile }],
    sca: [{ name: 'sca:x', aliasName: hostile, cveScore: hostile, related: hostile }],
  });
  const [cve] = (await describeImageVulList(client(), endpoint, target, 'all')).records;
  expect(cve?.aliasName?.startsWith('::error::pwned\n\u001b[31m<img')).toBe(true);
  expect(cve?.aliasName).toHaveLength(MAX_TEXT);
  expect(cve?.aliasName?.endsWith('A…')).toBe(true);
  expect(cve?.necessity).toHaveLength(MAX_TEXT);
  const [sca] = (await describeImageGroupedVulList(client(), endpoint, target)).records;
  expect(sca?.aliasName).toHaveLength(MAX_TEXT);
  expect(sca?.cveScore).toHaveLength(MAX_TEXT);
  expect(sca?.related).toEqual([]); // the only id was cut: dropped, not kept half
});

test('SCA items: counts, status and score; a row without Name names the operation', async () => {
  image({
    sca: [
      {
        name: 'sca:log4j:CVE-2021-44228',
        aliasName: 'log4shell',
        asap: 2,
        canFix: 'yes',
        status: 3,
        cveScore: '10.0',
        related: 'CVE-2021-44228,CVE-2021-45046',
      },
      { name: 'sca:lodash:CVE-2020-8203', later: 1 },
    ],
  });
  const list = await describeImageGroupedVulList(client(), endpoint, target);
  expect(list.records).toEqual([
    {
      name: 'sca:log4j:CVE-2021-44228',
      aliasName: 'log4shell',
      asapCount: 2,
      laterCount: 0,
      nntfCount: 0,
      canFix: 'yes',
      status: 3,
      cveScore: '10.0',
      related: ['CVE-2021-44228', 'CVE-2021-45046'],
    },
    expect.objectContaining({ name: 'sca:lodash:CVE-2020-8203', laterCount: 1, status: 0 }),
  ]);
  const req = sim.requestsFor('DescribeImageGroupedVulList')[0];
  expect(req?.params).toMatchObject({ Lang: 'en', Type: 'sca', ImageDigest: DIGEST });

  // Odd wire values, served by hand: numbers as text, an unreadable count, a nameless row.
  sim.handlers.set('DescribeImageGroupedVulList', () => ({
    body: {
      CurrentPage: '1',
      PageSize: '50',
      TotalCount: '2',
      GroupedVulItems: [
        { Name: 'sca:a', AsapCount: '4', LaterCount: 'many', Status: '1' },
        { AliasName: 'no name\n::error::x' },
      ],
    },
  }));
  const err = await failure(describeImageGroupedVulList(client(), endpoint, target));
  expect(err.message).toMatch(
    /^DescribeImageGroupedVulList answered a GroupedVulItems entry without Name \(page 1\)/,
  );
  sim.handlers.set('DescribeImageGroupedVulList', () => ({
    body: {
      TotalCount: 1,
      PageSize: 50,
      GroupedVulItems: [{ Name: 'sca:a', AsapCount: '4', LaterCount: 'many', Status: '1' }],
    },
  }));
  const odd = await describeImageGroupedVulList(client(), endpoint, target);
  // A count that is there but unreadable is NaN, so the item's level is unknown (counted high).
  expect(odd.records[0]).toMatchObject({ asapCount: 4, laterCount: NaN, nntfCount: 0, status: 1 });
});

test('malicious samples joined with their paths in this image, per MD5 concurrently', async () => {
  const md5a = '1'.repeat(32);
  const md5b = '2'.repeat(32);
  image({
    malicious: [
      {
        md5: md5a,
        name: 'Webshell',
        key: 'WEBSHELL_IMG',
        level: 'serious',
        paths: [
          { filePath: '/var/www/a.php', layer: 'd'.repeat(64) },
          { filePath: '/var/www/b.php', status: 1 },
        ],
      },
      {
        md5: md5b,
        name: 'Miner',
        level: 'suspicious',
        status: 1,
        paths: [{ filePath: '/usr/local/bin/xmrig' }],
      },
    ],
  });
  sim.addImage({
    digest: OTHER,
    counts: {},
    findings: {
      malicious: [
        { md5: md5a, name: 'Webshell', level: 'serious', paths: [{ filePath: '/elsewhere.php' }] },
      ],
    },
  });
  sim.latencyMs = 100;
  const list = await listMaliciousFiles(client(), endpoint, target);
  expect(list.records).toEqual([
    {
      md5: md5a,
      name: 'Webshell',
      key: 'WEBSHELL_IMG',
      level: 'serious',
      status: 0,
      files: [
        {
          id: expect.any(String) as string,
          path: '/var/www/a.php',
          layer: 'd'.repeat(64),
          status: 0,
        },
        { id: expect.any(String) as string, path: '/var/www/b.php', layer: undefined, status: 1 },
      ],
    },
    {
      md5: md5b,
      name: 'Miner',
      key: undefined,
      level: 'suspicious',
      status: 1,
      files: [
        {
          id: expect.any(String) as string,
          path: '/usr/local/bin/xmrig',
          layer: undefined,
          status: 1,
        },
      ],
    },
  ]);
  expect(list.requestIds).toHaveLength(3);
  const affected = sim.requestsFor('DescribeAffectedMaliciousFileImages');
  expect(affected.map((r) => r.params['MaliciousMd5']).sort()).toEqual([md5a, md5b]);
  expect(affected[0]?.params).toMatchObject({
    ImageDigest: DIGEST,
    RepoId: 'crr-1',
    CurrentPage: '1',
    PageSize: '100',
  });
  expect(sim.maxInFlight).toBe(2);
  expect(sim.requestsFor('DescribeGroupedMaliciousFiles')[0]?.params).toMatchObject({
    ImageDigest: DIGEST,
    CurrentPage: '1',
    PageSize: '100',
    Lang: 'en',
  });
});

test('baseline checks by image UUID', async () => {
  image({
    baseline: [
      {
        key: 'ak_leak',
        alias: 'AccessKey leak',
        classAlias: 'Sensitive information',
        level: 'high',
        status: 0,
        high: 2,
        medium: 1,
        low: 0,
      },
      { key: 'root_user', alias: 'Container runs as root', level: 'medium', status: 1 },
    ],
  });
  sim.addImage({
    digest: OTHER,
    uuid: 'img-uuid-2',
    counts: {},
    findings: { baseline: [{ key: 'other', alias: 'x', level: 'low', status: 0 }] },
  });
  const list = await describeImageBaselineCheckResult(client(), endpoint, UUID);
  expect(list.records).toEqual([
    {
      key: 'ak_leak',
      alias: 'AccessKey leak',
      classAlias: 'Sensitive information',
      level: 'high',
      status: 0,
      itemCount: 3,
      highCount: 2,
      mediumCount: 1,
      lowCount: 0,
    },
    expect.objectContaining({ key: 'root_user', level: 'medium', status: 1, itemCount: 0 }),
  ]);
  expect(sim.requestsFor('DescribeImageBaselineCheckResult')[0]?.params).toEqual({
    Lang: 'en',
    ImageUuid: UUID,
    CurrentPage: '1',
    PageSize: '100',
  });
});
