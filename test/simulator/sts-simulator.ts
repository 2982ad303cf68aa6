// A loopback stand-in for STS AssumeRoleWithOIDC. It checks the request the way the action must
// send it (unsigned POST, Action/Version/Format/Timestamp in the query, the rest as a form body),
// accepts only ID tokens the IdTokenServer issued, checks the audience against the provider's
// Client IDs, and issues STS.* credentials that it registers with a SasSimulator, so the
// Security Center side then requires exactly those (key, secret and security token).
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { IdTokenServer } from '../helpers/id-token-server.js';
import type { SasSimulator } from './sas-simulator.js';

export const ROLE_ARN = 'acs:ram::1234567890123456:role/github-gate';
export const PROVIDER_ARN = 'acs:ram::1234567890123456:oidc-provider/github';

export interface StsRequest {
  method: string;
  query: Record<string, string>;
  form: Record<string, string>;
  headers: Record<string, string>;
  /** The code the simulator refused it with, if it did. */
  rejected?: string;
  requestId?: string;
}

export interface IssuedSts {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
}

export type StsFault =
  | { kind: 'error'; status: number; code: string; message?: string }
  | { kind: 'raw'; status: number; body: string };

export interface StsOptions {
  sas: SasSimulator;
  idTokens: IdTokenServer;
  roleArn?: string;
  providerArn?: string;
  /** The OIDC provider's Client IDs: the audiences it accepts. */
  clientIds?: string[];
  /** The role's maximum session duration. */
  maxSessionSeconds?: number;
}

const FORM_FIELDS = [
  'RoleArn',
  'OIDCProviderArn',
  'OIDCToken',
  'RoleSessionName',
  'DurationSeconds',
] as const;

export class StsSimulator {
  readonly requests: StsRequest[] = [];
  readonly issued: IssuedSts[] = [];
  readonly faults: StsFault[] = [];
  readonly roleArn: string;
  readonly providerArn: string;
  clientIds: string[];
  maxSessionSeconds: number;
  url = '';
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly opts: StsOptions) {
    this.roleArn = opts.roleArn ?? ROLE_ARN;
    this.providerArn = opts.providerArn ?? PROVIDER_ARN;
    this.clientIds = opts.clientIds ?? ['sts.aliyuncs.com'];
    this.maxSessionSeconds = opts.maxSessionSeconds ?? 3600;
  }

  static async start(opts: StsOptions): Promise<StsSimulator> {
    const s = new StsSimulator(opts);
    await s.listen();
    return s;
  }

  /** The next answer(s) are this failure instead of the normal handling. */
  fail(fault: StsFault, times = 1): this {
    for (let i = 0; i < times; i++) this.faults.push(fault);
    return this;
  }

  /** Requests it refused for not being well-formed (not counting faults asked for). */
  malformed(): StsRequest[] {
    return this.requests.filter(
      (r) => r.rejected?.startsWith('Missing') || r.rejected?.startsWith('InvalidParameter'),
    );
  }

  private async listen(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://sts');
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const form: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(body)) form[k] = v;
    const recorded: StsRequest = { method: req.method ?? '', query, form, headers };
    this.requests.push(recorded);

    const refuse = (status: number, code: string, message: string) => {
      recorded.rejected = code;
      recorded.requestId = this.send(res, status, {
        HostId: 'sts.simulator',
        Code: code,
        Message: message,
        Recommend: 'https://api.aliyun.com/troubleshoot?q=' + code,
      });
    };

    // The request's shape, as the credentials SDK sends it.
    if (req.method !== 'POST' || url.pathname !== '/')
      return refuse(400, 'InvalidParameter.Method', 'expected POST /');
    if (query['Action'] !== 'AssumeRoleWithOIDC')
      return refuse(400, 'InvalidParameter.Action', `unexpected Action ${query['Action']}`);
    if (query['Version'] !== '2015-04-01')
      return refuse(400, 'InvalidParameter.Version', `unexpected Version ${query['Version']}`);
    if (query['Format'] !== 'JSON')
      return refuse(400, 'InvalidParameter.Format', 'Format must be JSON');
    const ts = query['Timestamp'] ?? '';
    if (
      !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(ts) ||
      Math.abs(Date.parse(ts) - Date.now()) > 15 * 60_000
    )
      return refuse(400, 'InvalidParameter.Timestamp', `bad Timestamp ${ts}`);
    if (headers['authorization'])
      return refuse(400, 'InvalidParameter.Authorization', 'AssumeRoleWithOIDC is anonymous');
    if (!(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
      return refuse(400, 'InvalidParameter.ContentType', 'expected a form body');
    for (const name of FORM_FIELDS) {
      if (!form[name]) return refuse(400, `MissingParameter.${name}`, `${name} is mandatory`);
      if (query[name] !== undefined)
        return refuse(400, `InvalidParameter.${name}`, `${name} belongs in the body`);
    }
    const extra = Object.keys(form).filter((k) => !(FORM_FIELDS as readonly string[]).includes(k));
    if (extra.length > 0)
      return refuse(400, 'InvalidParameter', `unexpected body fields: ${extra.join(',')}`);
    if (!/^[A-Za-z0-9.@_-]{2,64}$/.test(form['RoleSessionName'] ?? ''))
      return refuse(400, 'InvalidParameter.RoleSessionName', 'RoleSessionName is invalid');
    const duration = Number(form['DurationSeconds']);
    if (!/^\d+$/.test(form['DurationSeconds'] ?? '') || duration < 900)
      return refuse(400, 'InvalidParameter.DurationSeconds', 'DurationSeconds is out of range');

    const fault = this.faults.shift();
    if (fault?.kind === 'raw') {
      res.writeHead(fault.status, { 'content-type': 'application/json' });
      res.end(fault.body);
      return;
    }
    if (fault) return refuse(fault.status, fault.code, fault.message ?? fault.code);

    // What the service decides.
    if (form['OIDCProviderArn'] !== this.providerArn)
      return refuse(401, 'AuthenticationFail.NoPermission', 'No such OIDC Provider registered.');
    const token = this.opts.idTokens.findToken(form['OIDCToken'] ?? '');
    if (!token)
      return refuse(401, 'AuthenticationFail.OIDCToken.Invalid', 'The OIDC token is invalid.');
    if (!this.clientIds.includes(token.audience))
      return refuse(
        401,
        'AuthenticationFail.OIDCToken.AudienceNotMatch',
        'The audience of the OIDC token does not match the client IDs of the OIDC provider.',
      );
    if (form['RoleArn'] !== this.roleArn)
      return refuse(404, 'EntityNotExist.Role', 'The specified Role not exists.');
    if (duration > this.maxSessionSeconds)
      return refuse(
        400,
        'InvalidParameter.DurationSeconds',
        `The Min/Max value of DurationSeconds is 15min/${this.maxSessionSeconds / 60}min.`,
      );

    const cred: IssuedSts = {
      accessKeyId: `STS.${randomBytes(12).toString('hex')}`,
      accessKeySecret: `sts-secret-${randomBytes(16).toString('hex')}`,
      securityToken: `CAIS${randomBytes(48).toString('base64url')}`,
    };
    this.issued.push(cred);
    this.opts.sas.keys.set(cred.accessKeyId, {
      secret: cred.accessKeySecret,
      token: cred.securityToken,
    });
    recorded.requestId = this.send(res, 200, {
      Credentials: {
        AccessKeyId: cred.accessKeyId,
        AccessKeySecret: cred.accessKeySecret,
        SecurityToken: cred.securityToken,
        Expiration: new Date(Date.now() + duration * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
      },
      AssumedRoleUser: {
        Arn: `${this.roleArn}/${form['RoleSessionName']}`,
        AssumedRoleId: `3${randomBytes(8).toString('hex')}:${form['RoleSessionName']}`,
      },
      OIDCTokenInfo: {
        Subject: token.subject,
        Issuer: 'https://token.actions.githubusercontent.com',
      },
    });
  }

  private send(res: http.ServerResponse, status: number, body: Record<string, unknown>): string {
    const requestId = randomUUID().toUpperCase();
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
    res.end(JSON.stringify({ RequestId: requestId, ...body }));
    return requestId;
  }
}
