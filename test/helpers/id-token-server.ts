// A loopback stand-in for the runner's ID-token service (ACTIONS_ID_TOKEN_REQUEST_URL /
// ACTIONS_ID_TOKEN_REQUEST_TOKEN): checks the bearer token and the audience, and answers
// {"value": "<JWT>"} with a fake, unique JWT whose claims look like GitHub's.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface IssuedIdToken {
  jwt: string;
  audience: string;
  subject: string;
}

export interface IdTokenRequest {
  audience?: string;
  authorized: boolean;
  /** Other query parameters the request URL carried (e.g. api-version), kept as sent. */
  query: Record<string, string>;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export class IdTokenServer {
  readonly requestToken = `runner-request-token-${randomBytes(12).toString('hex')}`;
  readonly issued: IssuedIdToken[] = [];
  readonly requests: IdTokenRequest[] = [];
  subject = 'repo:octo-org/octo-repo:ref:refs/heads/main';
  issuer = 'https://token.actions.githubusercontent.com';
  /** Answers to give instead of a token, first to last (status and body). */
  readonly faults: Array<{ status: number; body: string }> = [];
  /** When set, the success answer carries this body instead of a token. */
  rawAnswer?: string;
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();
  private origin = '';

  static async start(): Promise<IdTokenServer> {
    const s = new IdTokenServer();
    await s.listen();
    return s;
  }

  /** The request URL as the runner gives it: with a query already. */
  get requestUrl(): string {
    return `${this.origin}/_apis/distributedtask/hubs/build/plans/p/jobs/j/idtoken?api-version=2.0`;
  }

  /** The environment a job with `permissions: id-token: write` gets. */
  env(): Record<string, string> {
    return {
      ACTIONS_ID_TOKEN_REQUEST_URL: this.requestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: this.requestToken,
    };
  }

  findToken(jwt: string): IssuedIdToken | undefined {
    return this.issued.find((t) => t.jwt === jwt);
  }

  private async listen(): Promise<void> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://idtoken');
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) if (k !== 'audience') query[k] = v;
    const audience = url.searchParams.get('audience') ?? undefined;
    const authorized = req.headers['authorization'] === `Bearer ${this.requestToken}`;
    this.requests.push({ audience, authorized, query });
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (req.method !== 'GET' || !url.pathname.endsWith('/idtoken'))
      return send(404, '{"message":"not found"}');
    if (!authorized) return send(401, '{"message":"bad bearer token"}');
    if (!audience) return send(400, '{"message":"audience missing"}');
    const fault = this.faults.shift();
    if (fault) return send(fault.status, fault.body);
    if (this.rawAnswer !== undefined) return send(200, this.rawAnswer);
    const now = Math.floor(Date.now() / 1000);
    const jwt = [
      b64url({ typ: 'JWT', alg: 'RS256', kid: 'test-kid' }),
      b64url({
        jti: randomBytes(8).toString('hex'),
        sub: this.subject,
        aud: audience,
        iss: this.issuer,
        repository: 'octo-org/octo-repo',
        iat: now,
        nbf: now - 5,
        exp: now + 300,
      }),
      randomBytes(64).toString('base64url'),
    ].join('.');
    this.issued.push({ jwt, audience, subject: this.subject });
    send(200, JSON.stringify({ count: 1, value: jwt }));
  }
}
