// The same DescribeImageSecurityScanCount call made through Alibaba's official generic client
// (@alicloud/openapi-client, a dev dependency): the benchmark's baseline, and a check that the
// simulator accepts the official SDK's own signatures. Reads SIM_URL, SIM_DIGEST and SIM_PROTOCOL
// (http, the default, or https: then the CA comes from NODE_EXTRA_CA_CERTS, as for the action).
import * as OpenApiModule from '@alicloud/openapi-client';
import * as TeaUtilModule from '@alicloud/tea-util';

type Ctor<T> = new (init: Record<string, unknown>) => T;
interface OfficialClient {
  callApi(
    params: unknown,
    request: unknown,
    runtime: unknown,
  ): Promise<{ body: { Data?: Record<string, number> } }>;
}
// CommonJS packages: under ESM the classes may sit one `default` deeper.
const api = OpenApiModule as unknown as Record<string, unknown> & {
  default: Record<string, unknown>;
};
const util = TeaUtilModule as unknown as Record<string, unknown> & {
  default: Record<string, unknown>;
};
const pick = <T>(
  mod: Record<string, unknown> & { default: Record<string, unknown> },
  name: string,
): T => (mod[name] ?? mod.default[name]) as T;

const Client =
  (api.default as unknown as { default?: Ctor<OfficialClient> }).default ??
  (api.default as unknown as Ctor<OfficialClient>);
const Config = pick<Ctor<unknown>>(api, 'Config');
const Params = pick<Ctor<unknown>>(api, 'Params');
const OpenApiRequest = pick<Ctor<unknown>>(api, 'OpenApiRequest');
const RuntimeOptions = pick<Ctor<unknown>>(util, 'RuntimeOptions');

async function main(): Promise<void> {
  const url = new URL(process.env['SIM_URL'] ?? '');
  const protocol = process.env['SIM_PROTOCOL'] === 'https' ? 'https' : 'http';
  const client = new Client(
    new Config({
      accessKeyId: 'test-key-id',
      accessKeySecret: 'test-key-secret',
      endpoint: url.host,
      protocol,
    }) as Record<string, unknown>,
  );
  const params = new Params({
    action: 'DescribeImageSecurityScanCount',
    version: '2018-12-03',
    protocol: protocol.toUpperCase(),
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const request = new OpenApiRequest({
    query: { ImageDigest: process.env['SIM_DIGEST'] ?? '', Dealed: 'N' },
  });
  const answer = await client.callApi(params, request, new RuntimeOptions({}));
  process.stdout.write(JSON.stringify(answer.body.Data) + '\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
