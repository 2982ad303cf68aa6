import { createHash } from 'node:crypto';
import {
  canonicalQuery,
  percentEncode,
  signRequest,
  type RequestToSign,
} from '../../../src/alibaba/signer.js';
import { officialAuthorization } from '../../helpers/alibaba-oracle.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('ACS3-HMAC-SHA256 signer', () => {
  test("matches Alibaba's published test vector", () => {
    const signed = signRequest(
      {
        method: 'POST',
        host: 'ecs.cn-shanghai.aliyuncs.com',
        action: 'RunInstances',
        version: '2014-05-26',
        query: [
          ['ImageId', 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd'],
          ['RegionId', 'cn-shanghai'],
        ],
        date: '2023-10-26T10:22:32Z',
        nonce: '3156853299f313e23d1673dc12e1703d',
      },
      { accessKeyId: 'YourAccessKeyId', accessKeySecret: 'YourAccessKeySecret' },
    );
    expect(sha256(signed.canonicalRequest)).toBe(
      '7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259',
    );
    expect(signed.signature).toBe(
      '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
    expect(signed.signedHeaders).toBe(
      'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
    );
    expect(signed.headers['authorization']).toBe(
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
  });

  const countRequest: RequestToSign = {
    method: 'POST',
    host: 'tds.cn-shanghai.aliyuncs.com',
    action: 'DescribeImageSecurityScanCount',
    version: '2018-12-03',
    query: [
      ['RepoRegionId', 'cn-hangzhou'],
      ['RepoInstanceId', 'cri-test'],
      ['RepoId', 'repo-1'],
      ['ImageTag', 'v1.0.0'],
      ['ImageDigest', 'sha256:0123456789abcdef'],
      ['Dealed', 'N'],
      ['ScanRange.1', 'image'],
      ['ScanRange.2', 'container'],
    ],
    date: '2026-01-02T03:04:05Z',
    nonce: '0123456789abcdef0123456789abcdef',
  };

  test('matches the SDK-derived vector for DescribeImageSecurityScanCount', () => {
    const signed = signRequest(countRequest, {
      accessKeyId: 'testid',
      accessKeySecret: 'testsecret',
    });
    expect(sha256(signed.canonicalRequest)).toBe(
      '8fe2b3c5046cf2e3f9619b00832f75f38cb35f2be9ffed000886ffc5023bf1fe',
    );
    expect(signed.signature).toBe(
      '5df55c7d4bc7d69865086fddcebb1a97f8f1cb280ce37918d7b2f406fe12bfe3',
    );
  });

  test('signs the STS token and key id headers', () => {
    const signed = signRequest(countRequest, {
      accessKeyId: 'STS.testid',
      accessKeySecret: 'testsecret',
      securityToken: 'testtoken',
    });
    expect(signed.signedHeaders).toBe(
      'host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version',
    );
    expect(signed.signature).toBe(
      'd8e4177243c57fd387b9a8f5bbcb88eebdd015a13aa0bb0e8c186bdddd26f7bd',
    );
    expect(signed.headers['x-acs-security-token']).toBe('testtoken');
  });

  test('agrees with Alibaba openapi-util on awkward queries', () => {
    const values = [
      'a b',
      'x*y',
      'tilde~ok',
      'slash/and:colon',
      'ünïcödé',
      "quote'(paren)!",
      'plus+eq=amp&',
      '',
      '%41',
    ];
    const cases: Array<Array<[string, string]>> = [
      Array.from({ length: 12 }, (_, i) => [`ScanRange.${i + 1}`, `v${i}`] as [string, string]),
      values.map((v, i) => [`Key${i}`, v] as [string, string]),
      [
        ['ImageTag', 'release 1.0*'],
        ['Uuids.10', 'b'],
        ['Uuids.2', 'a'],
        ['a', 'lower'],
        ['Z', 'upper'],
      ],
    ];
    for (const query of cases) {
      for (const key of [
        { accessKeyId: 'id', accessKeySecret: 'secret' },
        { accessKeyId: 'STS.id', accessKeySecret: 's3cr3t', securityToken: 'tok en/+=' },
      ]) {
        const signed = signRequest({ ...countRequest, query }, key);
        const expected = officialAuthorization(
          {
            pathname: '/',
            method: 'POST',
            query: Object.fromEntries(query),
            headers: signed.headers,
          },
          signed.headers['x-acs-content-sha256'] ?? '',
          key.accessKeyId,
          key.accessKeySecret,
        );
        expect(signed.headers['authorization']).toBe(expected);
      }
    }
  });

  test('fresh date and nonce on every signing', () => {
    const key = { accessKeyId: 'id', accessKeySecret: 'secret' };
    const base = { ...countRequest, date: undefined, nonce: undefined };
    const a = signRequest(base, key);
    const b = signRequest(base, key);
    expect(a.headers['x-acs-signature-nonce']).not.toBe(b.headers['x-acs-signature-nonce']);
    expect(a.headers['x-acs-signature-nonce']).toMatch(/^[0-9a-f]{32}$/);
    expect(a.headers['x-acs-date']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(a.signature).not.toBe(b.signature);
  });

  test('percent-encodes per RFC 3986 and sorts by code unit', () => {
    expect(percentEncode("a b*~-_.!'()")).toBe('a%20b%2A~-_.%21%27%28%29');
    expect(
      canonicalQuery([
        ['X.2', 'b'],
        ['X.10', 'a'],
        ['x.1', 'c'],
      ]),
    ).toBe('X.10=a&X.2=b&x.1=c');
    expect(canonicalQuery([['Empty', '']])).toBe('Empty=');
  });
});
