// The real HTTP path (signer + undici transport + retries + error mapping) against the
// loopback simulator, which verifies every signature with Alibaba's own code.
import { AcsClient, SharedBackoff, type RetryPolicy } from '../../src/alibaba/client.js';
import { parseEndpoint, type Endpoint } from '../../src/alibaba/endpoints.js';
import { describeImageSecurityScanCount, type CountQuery } from '../../src/alibaba/counts.js';
import type { SigningKey } from '../../src/alibaba/signer.js';
import { Deadline } from '../../src/infra/deadline.js';
import { GateError } from '../../src/infra/errors.js';
import { createTransport, type Transport } from '../../src/infra/http.js';
import type { Logger } from '../../src/infra/log.js';
import { SasSimulator } from '../simulator/sas-simulator.js';

const DIGEST = 'c'.repeat(64);
const FAST_RETRY: RetryPolicy = {
  baseDelayMs: 20,
  maxDelayMs: 200,
  maxAttempts: 6,
  attemptTimeoutMs: 2_000,
};

let sim: SasSimulator;
let transport: Transport;
let endpoint: Endpoint;
let logs: string[];

const log: Logger = {
  info: (m) => logs.push(m),
  warning: (m) => logs.push(m),
  debug: (m) => logs.push(m),
  notice: (m) => logs.push(m),
};

function client(
  opts: { timeoutMs?: number; key?: SigningKey; retry?: RetryPolicy; backoff?: SharedBackoff } = {},
): AcsClient {
  const key = opts.key ?? { accessKeyId: 'test-key-id', accessKeySecret: 'test-key-secret' };
  return new AcsClient({
    transport,
    credentials: async () => key,
    deadline: new Deadline(opts.timeoutMs ?? 10_000),
    log,
    retry: opts.retry ?? FAST_RETRY,
    backoff: opts.backoff,
  });
}

const query: CountQuery = {
  selector: { digest: DIGEST, repoId: 'crr-1' },
  scanRange: ['image'],
  instanceUuids: [],
  riskStatus: 'unhandled',
};

async function failure(p: Promise<unknown>): Promise<GateError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(GateError);
    return err as GateError;
  }
  throw new Error('expected the call to fail');
}

beforeEach(async () => {
  sim = await SasSimulator.start();
  sim.addImage({
    digest: DIGEST,
    repoId: 'crr-1',
    counts: { ImageCveVulCount: 7, ImageScaVulCount: 2 },
    handled: { ImageCveVulCount: 3 },
  });
  transport = createTransport({}, 4);
  const parsed = parseEndpoint(sim.url);
  if (typeof parsed === 'string') throw new Error(parsed);
  endpoint = parsed;
  logs = [];
});

afterEach(async () => {
  await transport.close();
  await sim.close();
});

test('reads the counts through a signature the simulator verifies', async () => {
  const answer = await describeImageSecurityScanCount(client(), endpoint, query);
  expect(answer.counts).toEqual({
    'baseline-risks': 0,
    'malicious-files': 0,
    'sca-vulns': 2,
    'cve-vulns': 7,
  });
  expect(answer.requestId).toMatch(/^[0-9A-F-]{36}$/);
  const [req] = sim.requestsFor('DescribeImageSecurityScanCount');
  expect(req?.params).toEqual({
    ImageDigest: DIGEST,
    RepoId: 'crr-1',
    Dealed: 'N',
    'ScanRange.1': 'image',
  });
  expect(req?.headers['content-type']).toBeUndefined();
  expect(req?.body).toBe('');
});

test('back-to-back calls share one keep-alive connection (no new handshake per call)', async () => {
  // undici frees a connection one event-loop turn after its response ends; a call sent sooner
  // made the pool dial a second connection (a second TCP + TLS handshake on a real link).
  const c = client();
  for (let i = 0; i < 3; i++) await describeImageSecurityScanCount(c, endpoint, query);
  expect(sim.requestsFor('DescribeImageSecurityScanCount')).toHaveLength(3);
  expect(sim.connections).toBe(1);
});

test('risk-status maps to Dealed', async () => {
  const all = await describeImageSecurityScanCount(client(), endpoint, {
    ...query,
    riskStatus: 'all',
  });
  expect(all.counts['cve-vulns']).toBe(10);
  const handled = await describeImageSecurityScanCount(client(), endpoint, {
    ...query,
    riskStatus: 'handled',
  });
  expect(handled.counts['cve-vulns']).toBe(3);
});

test('STS credentials: the token is sent and signed', async () => {
  sim.keys.set('STS.temp', { secret: 'temp-secret', token: 'temp-token' });
  const answer = await describeImageSecurityScanCount(
    client({
      key: { accessKeyId: 'STS.temp', accessKeySecret: 'temp-secret', securityToken: 'temp-token' },
    }),
    endpoint,
    query,
  );
  expect(answer.counts['cve-vulns']).toBe(7);
  expect(sim.requests[0]?.headers['x-acs-security-token']).toBe('temp-token');
});

test('throttling and server errors are retried with a fresh nonce each time', async () => {
  sim.fault({ kind: 'error', status: 400, code: 'Throttling.User' });
  sim.fault({ kind: 'error', status: 503, code: 'ServiceUnavailable' });
  sim.fault({ kind: 'error', status: 500, code: 'InternalError' });
  const answer = await describeImageSecurityScanCount(client(), endpoint, query);
  expect(answer.counts['cve-vulns']).toBe(7);
  const attempts = sim.requests.filter((r) => r.action === 'DescribeImageSecurityScanCount');
  expect(attempts).toHaveLength(4);
  expect(new Set(attempts.map((r) => r.headers['x-acs-signature-nonce'])).size).toBe(4);
});

test('SignatureNonceUsed, connection resets and slow answers are retried', async () => {
  sim.fault({ kind: 'error', status: 400, code: 'SignatureNonceUsed' });
  sim.fault({ kind: 'reset' });
  sim.fault({ kind: 'delay', ms: 2_500 }); // longer than the attempt timeout
  const answer = await describeImageSecurityScanCount(client(), endpoint, query);
  expect(answer.counts['sca-vulns']).toBe(2);
  expect(sim.requests.length).toBe(4);
});

test('x-acs-retry-after is honoured', async () => {
  sim.fault({
    kind: 'error',
    status: 400,
    code: 'Throttling',
    headers: { 'x-acs-retry-after': '600' },
  });
  const started = Date.now();
  await describeImageSecurityScanCount(client(), endpoint, query);
  const [first, second] = sim.requests;
  expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(550);
  expect(Date.now() - started).toBeLessThan(5_000);
});

test.each([
  ['NoPermission', 403, /yundun-sas:DescribeImageSecurityScanCount/],
  ['Forbidden.RAM', 403, /"Action":\["yundun-sas:DescribeImageSecurityScanCount"\]/],
  ['InvalidAccessKeyId.Inactive', 400, /access-key-id/],
  ['InvalidTimeStamp.Expired', 400, /clock/],
  ['SignatureDoesNotMatch', 400, /access-key-secret/],
])('%s is not retried and says what to do', async (code, status, advice) => {
  sim.fault({ kind: 'error', status, code, message: 'denied' }, { times: Infinity });
  const err = await failure(describeImageSecurityScanCount(client(), endpoint, query));
  expect(err.message).toMatch(advice);
  expect(err.message).toContain(code);
  expect(err.message).toMatch(/RequestId: [0-9A-F-]{36}/);
  expect(sim.requests).toHaveLength(1);
});

test('a wrong secret is caught by the real signature check', async () => {
  const err = await failure(
    describeImageSecurityScanCount(
      client({ key: { accessKeyId: 'test-key-id', accessKeySecret: 'wrong' } }),
      endpoint,
      query,
    ),
  );
  expect(err.message).toContain('SignatureDoesNotMatch');
  expect(err.message).toContain('access-key-secret');
  expect(err.message).not.toContain('wrong');
});

test('an unknown key id is reported as such', async () => {
  const err = await failure(
    describeImageSecurityScanCount(
      client({ key: { accessKeyId: 'nobody', accessKeySecret: 'x' } }),
      endpoint,
      query,
    ),
  );
  expect(err.message).toContain('InvalidAccessKeyId.NotFound (HTTP 404)');
});

test('a hung server ends in an error at the deadline, not later', async () => {
  sim.fault({ kind: 'hang' }, { times: Infinity });
  const started = Date.now();
  const err = await failure(
    describeImageSecurityScanCount(client({ timeoutMs: 1_500 }), endpoint, query),
  );
  const elapsed = Date.now() - started;
  expect(err.message).toMatch(/deadline|could not reach/);
  expect(elapsed).toBeLessThan(4_000);
});

test.each([
  ['HTML from a proxy', '<html><body>502 Bad Gateway</body></html>', 200],
  ['plain text', 'ok', 200],
  ['a JSON array', '[1,2]', 200],
])('a 2xx answer with %s is an error, never zeros', async (_what, body, status) => {
  sim.fault({ kind: 'raw', status, body });
  const err = await failure(describeImageSecurityScanCount(client(), endpoint, query));
  expect(err.message).toMatch(/not a JSON object/);
});

test('an XML error answer is read', async () => {
  sim.fault({
    kind: 'raw',
    status: 403,
    body: '<?xml version="1.0"?><Error><RequestId>REQ-XML-1</RequestId><Code>Forbidden.RAM</Code><Message>no</Message></Error>',
    headers: { 'content-type': 'text/xml' },
  });
  const err = await failure(describeImageSecurityScanCount(client(), endpoint, query));
  expect(err.message).toContain('Forbidden.RAM');
  expect(err.message).toContain('REQ-XML-1');
});

test.each([
  ['no Data', { RequestId: 'R1' }],
  [
    'a missing count',
    {
      RequestId: 'R2',
      Data: { ImageBaselineCount: 0, ImageMaliciousFileCount: 0, ImageScaVulCount: 0 },
    },
  ],
  [
    'a string count',
    {
      RequestId: 'R3',
      Data: {
        ImageBaselineCount: '0',
        ImageMaliciousFileCount: 0,
        ImageScaVulCount: 0,
        ImageCveVulCount: 0,
      },
    },
  ],
])('an answer with %s is an error', async (_what, body) => {
  sim.fault({
    kind: 'raw',
    status: 200,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  const err = await failure(describeImageSecurityScanCount(client(), endpoint, query));
  expect(err.message).toContain(body.RequestId);
});

test('throttling seen by one request pauses the others (shared backoff)', async () => {
  const backoff = new SharedBackoff();
  const c = client({ backoff, retry: { ...FAST_RETRY, baseDelayMs: 300, maxDelayMs: 300 } });
  sim.fault({ kind: 'error', status: 400, code: 'Throttling.Api' });
  const first = describeImageSecurityScanCount(c, endpoint, query);
  await new Promise((r) => setTimeout(r, 100)); // the throttled answer has arrived by now
  const second = describeImageSecurityScanCount(c, endpoint, query);
  await Promise.all([first, second]);
  const [throttled, ...rest] = sim.requests;
  // Every later request waited for the shared pause (at least half the 300 ms delay).
  for (const r of rest) expect(r.at - (throttled?.at ?? 0)).toBeGreaterThanOrEqual(140);
});
