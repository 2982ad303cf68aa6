// Alibaba's own ACS3 signing code (@alicloud/openapi-util, a dev dependency): the independent
// oracle the signer tests and the simulator check signatures against.
import OpenApiUtilModule from '@alicloud/openapi-util';

export interface OracleRequest {
  pathname: string;
  method: string;
  query: Record<string, string>;
  headers: Record<string, string>;
}

// The package is CommonJS with a default export class; under ESM it arrives wrapped once.
const OpenApiUtil = ((OpenApiUtilModule as unknown as { default?: unknown }).default ??
  OpenApiUtilModule) as unknown as {
  getAuthorization(
    request: OracleRequest,
    algorithm: string,
    payload: string,
    accessKeyId: string,
    secret: string,
  ): string;
};

/** The Authorization header Alibaba's SDK computes for this request. */
export function officialAuthorization(
  request: OracleRequest,
  payloadSha256: string,
  accessKeyId: string,
  secret: string,
): string {
  return OpenApiUtil.getAuthorization(
    request,
    'ACS3-HMAC-SHA256',
    payloadSha256,
    accessKeyId,
    secret,
  );
}
