// Endpoint inputs: typo suggestions, user info never echoed, and the TLS advice for a bare host.
import {
  nearestRegion,
  parseEndpoint,
  readEndpointInput,
  tlsAdvice,
  type Endpoint,
} from '../../../src/alibaba/endpoints.js';

test.each([
  ['cn-hangzou', 'cn-hangzhou'],
  ['CN-Beijing', 'cn-beijing'],
  ['ap-southeast1', 'ap-southeast-1'],
  ['eu-central-2', 'eu-central-1'],
  ['mars-north-1', undefined],
  ['', undefined],
])('nearestRegion(%j) is %s', (typed, known) => {
  expect(nearestRegion(typed)).toBe(known);
});

test('user info is refused and never echoed', () => {
  const problem = readEndpointInput('endpoint', 'https://alice:s3cret@tds.example.com');
  expect(problem).toBe(
    'endpoint: "https://***@tds.example.com" must not contain user info (user:password@); give credentials with their own inputs',
  );
  expect(readEndpointInput('sts-endpoint', 'bob@sts.example.com')).toMatch(
    /^sts-endpoint: "\*\*\*@sts\.example\.com" must not contain user info/,
  );
});

test('a bare loopback host gets the http:// suggestion; an explicit scheme does not', () => {
  const bare = parseEndpoint('127.0.0.1:18080') as Endpoint;
  expect(bare.schemeImplied).toBe(true);
  expect(tlsAdvice(bare, 'endpoint')).toContain('endpoint: http://127.0.0.1:18080');
  const explicit = parseEndpoint('https://127.0.0.1:18080') as Endpoint;
  expect(explicit.schemeImplied).toBe(false);
  expect(tlsAdvice(explicit, 'endpoint')).not.toContain('http://');
  const remote = parseEndpoint('tds.example.com') as Endpoint;
  expect(tlsAdvice(remote, 'endpoint')).toMatch(/without a scheme, so https was used\. Retrying/);
});
