import {
  apiError,
  isRetryable,
  minimalPolicy,
  parseAnswer,
  errorMarker,
} from '../../../src/alibaba/api-errors.js';
import { GateError } from '../../../src/infra/errors.js';

const ACTION = 'DescribeImageSecurityScanCount';

describe('parseAnswer', () => {
  test('JSON error answer', () => {
    const a = parseAnswer(
      JSON.stringify({
        RequestId: 'AAAA-1111',
        Code: 'Forbidden.RAM',
        Message: 'User not authorized to operate on the specified resource.',
        AccessDeniedDetail: { AuthAction: 'yundun-sas:DescribeImageSecurityScanCount' },
      }),
      { 'content-type': 'application/json' },
    );
    expect(a.code).toBe('Forbidden.RAM');
    expect(a.message).toBe('User not authorized to operate on the specified resource.');
    expect(a.requestId).toBe('AAAA-1111');
    expect(a.authAction).toBe('yundun-sas:DescribeImageSecurityScanCount');
    expect(a.json).toMatchObject({ Code: 'Forbidden.RAM' });
  });

  test('JSON success answer has no code and keeps the body', () => {
    const a = parseAnswer('{"RequestId":"R-2","Data":{"ImageCveVulCount":0}}', {});
    expect(a.code).toBeUndefined();
    expect(a.requestId).toBe('R-2');
    expect(a.json).toEqual({ RequestId: 'R-2', Data: { ImageCveVulCount: 0 } });
  });

  test('a non-string Code is an error marker; other non-string fields are ignored', () => {
    const a = parseAnswer('{"Code":123,"Message":"m","RequestId":null}', {
      'x-acs-request-id': 'HDR-1',
    });
    expect(a.code).toBe('123');
    expect(a.failedInBody).toBe(true);
    expect(a.message).toBe('m');
    expect(a.requestId).toBe('HDR-1');
  });

  test('XML error answer', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <RequestId>XML-REQ-9</RequestId>
  <HostId>tds.aliyuncs.com</HostId>
  <Code>InvalidAccessKeyId.NotFound</Code>
  <Message>Specified access key is not found.</Message>
</Error>`;
    const a = parseAnswer(xml, { 'content-type': 'text/xml' });
    expect(a.json).toBeUndefined();
    expect(a.code).toBe('InvalidAccessKeyId.NotFound');
    expect(a.message).toBe('Specified access key is not found.');
    expect(a.requestId).toBe('XML-REQ-9');
  });

  test('an HTML proxy page becomes an unexpected answer with its content type', () => {
    const html =
      '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    const a = parseAnswer(html, { 'content-type': 'text/html' });
    expect(a.code).toBeUndefined();
    expect(a.message).toMatch(/^unexpected answer \(content-type text\/html\): /);
    expect(a.message).toContain('502 Bad Gateway');
  });

  test('the request id header is used when the body has none', () => {
    const a = parseAnswer('<html>oops</html>', { 'x-acs-request-id': 'HDR-REQ' });
    expect(a.requestId).toBe('HDR-REQ');
  });

  test('the body request id wins over the header', () => {
    const a = parseAnswer('{"RequestId":"BODY","Code":"X"}', { 'x-acs-request-id': 'HDR' });
    expect(a.requestId).toBe('BODY');
  });

  test.each([
    ['plain text', 'Service Unavailable'],
    ['truncated JSON', '{"Code": "Throttling'],
    ['JSON array', '[1,2,3]'],
    ['JSON null', 'null'],
    ['binary-ish', '\u0000\u0001\u00ff\ufffd'],
    ['lone angle bracket', '<'],
    ['very long', 'x'.repeat(100_000)],
  ])('%s never throws and is reported as unexpected', (_name, body) => {
    let a: ReturnType<typeof parseAnswer> | undefined;
    expect(() => {
      a = parseAnswer(body, {});
    }).not.toThrow();
    expect(a?.code).toBeUndefined();
    expect(a?.message).toMatch(/^unexpected answer \(content-type none\): /);
    expect(a?.message?.length).toBeLessThan(300);
  });

  test('an empty body is an answer with nothing in it', () => {
    expect(parseAnswer('', {})).toEqual({});
    expect(parseAnswer('   ', { 'x-acs-request-id': 'R' })).toEqual({ requestId: 'R' });
  });
});

describe('isRetryable', () => {
  test.each<[number, string | undefined]>([
    [400, 'Throttling'],
    [400, 'Throttling.User'],
    [503, 'Throttling.Api'],
    [400, 'ThrottlingException'],
    [503, 'ServiceUnavailable'],
    [400, 'SignatureNonceUsed'],
    [500, 'InternalError'],
    [500, undefined],
    [502, undefined],
    [503, undefined],
    [429, undefined],
  ])('HTTP %s %s is retryable', (status, code) => {
    expect(isRetryable(status, code)).toBe(true);
  });

  test.each<[number, string | undefined]>([
    [404, 'InvalidAccessKeyId.NotFound'],
    [400, 'InvalidAccessKeyId.Inactive'],
    [400, 'SignatureDoesNotMatch'],
    [400, 'InvalidTimeStamp.Expired'],
    [403, 'NoPermission'],
    [403, 'Forbidden.RAM'],
    [500, 'Forbidden.RAM'],
    [503, 'SignatureDoesNotMatch'],
    [400, undefined],
    [403, undefined],
    [404, 'InvalidParameter'],
  ])('HTTP %s %s is not retryable', (status, code) => {
    expect(isRetryable(status, code)).toBe(false);
  });
});

describe('apiError', () => {
  test('is a GateError carrying the request id, written once at the end', () => {
    const err = apiError(ACTION, 503, { code: 'ServiceUnavailable', requestId: 'R-1' }, true);
    expect(err).toBeInstanceOf(GateError);
    expect(err.requestId).toBe('R-1');
    expect(err.message.endsWith(' RequestId: R-1.')).toBe(true);
    expect(err.message.split('RequestId').length).toBe(2);
    expect(err.message).toContain(`${ACTION} failed: ServiceUnavailable (HTTP 503)`);
    expect(err.message).toContain('Retries ran out before the deadline.');
    expect(err.message).toContain('RequestId: R-1.');
  });

  test('NoPermission names the RAM action and includes the policy JSON', () => {
    const err = apiError(
      ACTION,
      403,
      { code: 'NoPermission', message: 'You are not authorized.', requestId: 'R-NP' },
      false,
    );
    expect(err.message).toContain('yundun-sas:DescribeImageSecurityScanCount');
    const policy = minimalPolicy([ACTION]);
    expect(err.message).toContain(policy);
    expect(JSON.parse(policy)).toEqual({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: ['yundun-sas:DescribeImageSecurityScanCount'], Resource: '*' },
      ],
    });
    expect(err.message).toContain('RequestId: R-NP');
    expect(err.message).not.toContain('Retries ran out');
  });

  test('Forbidden.RAM uses the AuthAction from the answer', () => {
    const err = apiError(
      ACTION,
      403,
      { code: 'Forbidden.RAM', authAction: 'yundun-sas:DescribeImageSecurityScanCount' },
      false,
    );
    expect(err.message).toContain('"Action":["yundun-sas:DescribeImageSecurityScanCount"]');
    // The prefix is not doubled.
    expect(err.message).not.toContain('yundun-sas:yundun-sas:');
  });

  test('a bare 403 without a code is treated as a permission problem', () => {
    const err = apiError(ACTION, 403, {}, false);
    expect(err.message).toContain('yundun-sas:DescribeImageSecurityScanCount');
    expect(err.message).toContain('(no RequestId in the answer)');
  });

  test.each(['InvalidAccessKeyId.NotFound', 'InvalidAccessKeyId.Inactive'])(
    '%s mentions access-key-id',
    (code) => {
      const err = apiError(ACTION, 404, { code, requestId: 'R-K' }, false);
      expect(err.message).toContain('access-key-id');
      expect(err.message).toContain('RequestId: R-K');
    },
  );

  test('InvalidTimeStamp mentions the clock', () => {
    const err = apiError(
      ACTION,
      400,
      { code: 'InvalidTimeStamp.Expired', requestId: 'R-T' },
      false,
    );
    expect(err.message).toMatch(/clock/);
    expect(err.message).toContain('RequestId: R-T');
  });

  test('SignatureDoesNotMatch mentions the secret', () => {
    const err = apiError(ACTION, 400, { code: 'SignatureDoesNotMatch', requestId: 'R-S' }, false);
    expect(err.message).toMatch(/secret/);
    expect(err.message).toContain('access-key-secret');
    expect(err.message).toContain('RequestId: R-S');
  });

  test('throttling until the deadline suggests timeout-seconds', () => {
    const err = apiError(ACTION, 400, { code: 'Throttling.User', requestId: 'R-TH' }, true);
    expect(err.message).toContain('timeout-seconds');
    expect(err.message).toContain('Retries ran out');
  });

  test('the answer message is included, shortened, without a doubled full stop', () => {
    const err = apiError(
      ACTION,
      400,
      { code: 'InvalidParameter', message: `Bad value.   ${'y'.repeat(1000)}` },
      false,
    );
    expect(err.message).toContain(': Bad value. yyy');
    expect(err.message).not.toContain('y'.repeat(400));
    const short = apiError(ACTION, 400, { code: 'X', message: 'It broke.' }, false);
    expect(short.message).toContain('X (HTTP 400): It broke.');
    expect(short.message).not.toContain('broke..');
  });

  test('no code shows only the HTTP status', () => {
    const err = apiError(ACTION, 502, { message: 'unexpected answer', requestId: 'R-5' }, true);
    expect(err.message).toContain(`${ACTION} failed: HTTP 502: unexpected answer.`);
    expect(err.message).toContain('RequestId: R-5.');
  });

  test.each([
    ['NoPermission', 403],
    ['InvalidAccessKeyId.NotFound', 404],
    ['SignatureDoesNotMatch', 400],
    ['InvalidTimeStamp.Expired', 400],
    ['InvalidSecurityToken.Expired', 400],
    ['ServiceUnavailable', 503],
    ['SomethingElse', 400],
  ])('%s includes the RequestId when known', (code, status) => {
    const requestId = `RID-${code}`;
    expect(apiError(ACTION, status, { code, requestId }, false).message).toContain(
      `RequestId: ${requestId}.`,
    );
  });
});

describe('errorMarker: an error marker of any JSON type', () => {
  test.each<[Record<string, unknown>, string | undefined]>([
    [{}, undefined],
    [{ Code: null }, undefined],
    [{ Code: 200 }, undefined],
    [{ Code: '200' }, undefined],
    [{ Code: 'OK' }, undefined],
    [{ Code: 'success' }, undefined],
    [{ Success: true }, undefined],
    [{ Success: 'true' }, undefined],
    [{ ErrorCode: '' }, undefined],
    [{ Code: 403 }, '403'],
    [{ Code: 0 }, '0'],
    [{ Code: false }, 'false'],
    [{ Code: '' }, '""'],
    [{ Code: ['x'] }, '["x"]'],
    [{ Code: 'Forbidden.RAM' }, 'Forbidden.RAM'],
    [{ Success: false }, 'Success=false'],
    [{ Success: ' False ' }, 'Success=false'],
    [{ ErrorCode: 'E1' }, 'E1'],
    [{ errorCode: 7 }, '7'],
    [{ error_code: { a: 1 } }, '{"a":1}'],
  ])('%j → %s', (body, code) => {
    expect(errorMarker(body)?.code).toBe(code);
  });
});
