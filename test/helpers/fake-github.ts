// A loopback stand-in for the parts of the GitHub REST API the pull request comment uses:
// list issue comments (page / per_page with Link headers), create, update, GET /user. Tokens
// decide who the caller is; a read-only token (a fork's GITHUB_TOKEN) gets GitHub's 403.
// Faults (5xx, rate limits, hangs) are configured per test; every request is recorded.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FakeUser {
  login: string;
  type: 'Bot' | 'User';
}

export interface FakeToken {
  user: FakeUser;
  /** A fork pull request's GITHUB_TOKEN: reads work, writes answer 403. */
  readOnly?: boolean;
  /** Installation tokens (ghs_…) may not call GET /user: 403 as on GitHub. */
  installation?: boolean;
}

export interface FakeComment {
  id: number;
  owner: string;
  repo: string;
  issue: number;
  body: string;
  user: FakeUser;
  created_at: string;
  updated_at: string;
}

export interface RecordedGitHubRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string;
  userAgent: string;
  body?: unknown;
  status: number;
}

export interface GitHubFault {
  method?: string;
  /** Matched against the path (no query). */
  path?: RegExp;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Perform the request, then answer with the fault anyway (a lost answer). */
  afterApply?: boolean;
  /** Never answer (the socket is dropped on close). */
  hang?: boolean;
  times?: number;
}

export const BOT: FakeUser = { login: 'github-actions[bot]', type: 'Bot' };
export const INSTALLATION_TOKEN = 'ghs_fakeInstallationToken0123456789';
export const FORK_TOKEN = 'ghs_fakeForkReadOnlyToken0123456789';
export const PAT = 'ghp_fakePersonalToken0123456789abcdef';
export const PAT_USER: FakeUser = { login: 'release-bot-person', type: 'User' };

const DOCS = 'https://docs.github.com/rest';

export class FakeGitHub {
  readonly tokens = new Map<string, FakeToken>([
    [INSTALLATION_TOKEN, { user: BOT, installation: true }],
    [FORK_TOKEN, { user: BOT, installation: true, readOnly: true }],
    [PAT, { user: PAT_USER }],
  ]);
  readonly comments: FakeComment[] = [];
  readonly requests: RecordedGitHubRequest[] = [];
  /** GitHub's default page size. */
  defaultPerPage = 30;
  private readonly faults: Array<GitHubFault & { used: number }> = [];
  private readonly sockets = new Set<Socket>();
  private nextId = 1000;
  private server?: http.Server;
  url = '';

  static async start(): Promise<FakeGitHub> {
    const fake = new FakeGitHub();
    const server = http.createServer((req, res) => {
      fake.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `fake failure: ${String(err)}` }));
      });
    });
    server.on('connection', (s) => {
      fake.sockets.add(s);
      s.on('close', () => fake.sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.server = server;
    fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  fault(fault: GitHubFault): this {
    this.faults.push({ ...fault, used: 0 });
    return this;
  }

  addComment(
    owner: string,
    repo: string,
    issue: number,
    body: string,
    user: FakeUser = { login: 'octocat', type: 'User' },
  ): FakeComment {
    const now = new Date().toISOString();
    const comment: FakeComment = {
      id: this.nextId++,
      owner,
      repo,
      issue,
      body,
      user,
      created_at: now,
      updated_at: now,
    };
    this.comments.push(comment);
    return comment;
  }

  commentsOn(owner: string, repo: string, issue: number): FakeComment[] {
    return this.comments.filter((c) => c.owner === owner && c.repo === repo && c.issue === issue);
  }

  /** Requests that change something (POST / PATCH / DELETE). */
  writes(): RecordedGitHubRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  htmlUrl(c: FakeComment): string {
    return `https://github.example/${c.owner}/${c.repo}/pull/${c.issue}#issuecomment-${c.id}`;
  }

  private json(c: FakeComment): Record<string, unknown> {
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${this.url}/repos/${c.owner}/${c.repo}/issues/comments/${c.id}`,
      html_url: this.htmlUrl(c),
      issue_url: `${this.url}/repos/${c.owner}/${c.repo}/issues/${c.issue}`,
      body: c.body,
      user: { login: c.user.login, id: 1, type: c.user.type },
      created_at: c.created_at,
      updated_at: c.updated_at,
      author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    };
  }

  private takeFault(method: string, path: string): (GitHubFault & { used: number }) | undefined {
    for (const f of this.faults) {
      if (f.method && f.method !== method) continue;
      if (f.path && !f.path.test(path)) continue;
      if (f.used >= (f.times ?? 1)) continue;
      f.used++;
      return f;
    }
    return undefined;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      body = raw;
    }
    const recorded: RecordedGitHubRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: String(req.headers['authorization'] ?? ''),
      userAgent: String(req.headers['user-agent'] ?? ''),
      body,
      status: 0,
    };
    this.requests.push(recorded);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      recorded.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(payload));
    };

    const fault = this.takeFault(method, url.pathname);
    if (fault?.hang) return;
    if (fault && !fault.afterApply) {
      send(fault.status ?? 502, fault.body ?? { message: 'Server Error' }, fault.headers);
      return;
    }

    const answer = this.route(method, url, body, recorded.authorization);
    if (fault) {
      send(fault.status ?? 502, fault.body ?? { message: 'Server Error' }, fault.headers);
      return;
    }
    send(answer.status, answer.body, answer.headers);
  }

  private route(
    method: string,
    url: URL,
    body: unknown,
    authorization: string,
  ): { status: number; body: unknown; headers?: Record<string, string> } {
    const m = /^(?:token|bearer) (.+)$/i.exec(authorization);
    const token = m ? this.tokens.get(m[1] ?? '') : undefined;
    if (!token)
      return { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS } };
    const forbidden = {
      status: 403,
      body: { message: 'Resource not accessible by integration', documentation_url: DOCS },
    };

    if (method === 'GET' && url.pathname === '/user') {
      if (token.installation) return forbidden;
      return { status: 200, body: { login: token.user.login, id: 7, type: token.user.type } };
    }

    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
    if (list) {
      const [, owner = '', repo = '', n = ''] = list;
      const issue = Number(n);
      if (method === 'GET') {
        const perPage = Math.min(
          100,
          Number(url.searchParams.get('per_page') ?? this.defaultPerPage) || this.defaultPerPage,
        );
        const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
        const all = this.commentsOn(owner, repo, issue);
        const last = Math.max(1, Math.ceil(all.length / perPage));
        const items = all.slice((page - 1) * perPage, page * perPage).map((c) => this.json(c));
        const link = (p: number, rel: string) => {
          const u = new URL(url.pathname, this.url);
          u.searchParams.set('per_page', String(perPage));
          u.searchParams.set('page', String(p));
          return `<${u.toString()}>; rel="${rel}"`;
        };
        const links: string[] = [];
        if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
        if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
        return {
          status: 200,
          body: items,
          headers: links.length > 0 ? { link: links.join(', ') } : {},
        };
      }
      if (method === 'POST') {
        if (token.readOnly) return forbidden;
        const text = (body as { body?: unknown } | undefined)?.body;
        if (typeof text !== 'string' || text.length > 65_536)
          return {
            status: 422,
            body: { message: 'Validation Failed', errors: [{ field: 'body', code: 'invalid' }] },
          };
        const c = this.addComment(owner, repo, issue, text, token.user);
        return { status: 201, body: this.json(c) };
      }
    }

    const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (one && method === 'PATCH') {
      if (token.readOnly) return forbidden;
      const [, owner, repo, id] = one;
      const c = this.comments.find(
        (x) => x.owner === owner && x.repo === repo && x.id === Number(id),
      );
      if (!c) return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
      const text = (body as { body?: unknown } | undefined)?.body;
      if (typeof text !== 'string' || text.length > 65_536)
        return { status: 422, body: { message: 'Validation Failed' } };
      c.body = text;
      c.updated_at = new Date().toISOString();
      return { status: 200, body: this.json(c) };
    }
    return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
  }
}
