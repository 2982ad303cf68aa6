// A loopback stand-in for Alibaba Cloud Security Center. It checks ACS3-HMAC-SHA256 signatures
// with Alibaba's own signing code (@alicloud/openapi-util, a dev dependency), so the action's
// signer is verified by an independent implementation on every request. Counts, scan state,
// faults and latency are configured per test. The five finding lists (DescribeImageVulList,
// DescribeImageGroupedVulList, DescribeGroupedMaliciousFiles, DescribeAffectedMaliciousFileImages,
// DescribeImageBaselineCheckResult) are served from SimImage.findings; see findings.ts for
// their wire shapes, paging (sim.maxPageSize), misbehaviour (sim.listQuirks) and the count
// derivation, and generateFindings() for realistic data.
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { officialAuthorization } from '../helpers/alibaba-oracle.js';
import {
  derivedCount,
  installFindingHandlers,
  type DealedMode,
  type ListQuirks,
  type SimFindings,
} from './findings.js';

export {
  FINDING_ACTIONS,
  FOREIGN_DIGEST,
  generateFindings,
  imageUuid,
  type GenerateOptions,
  type ListQuirks,
  type SimBaselineCheck,
  type SimCve,
  type SimFindings,
  type SimMalicious,
  type SimMaliciousPath,
  type SimPackage,
  type SimScaItem,
} from './findings.js';

export interface SimCounts {
  ImageBaselineCount: number;
  ImageMaliciousFileCount: number;
  ImageScaVulCount: number;
  ImageCveVulCount: number;
}

export const ZERO_COUNTS: SimCounts = {
  ImageBaselineCount: 0,
  ImageMaliciousFileCount: 0,
  ImageScaVulCount: 0,
  ImageCveVulCount: 0,
};

export interface SimImage {
  digest: string; // bare lower-case hex
  tag?: string;
  repoId?: string;
  repoInstanceId?: string;
  repoRegionId?: string;
  repoName?: string;
  repoNamespace?: string;
  uuid?: string;
  /** Unhandled risks (Dealed=N). */
  counts: Partial<SimCounts>;
  /** Risks marked handled (Dealed=Y); Dealed=A answers the sum. */
  handled?: Partial<SimCounts>;
  /** false: Security Center has not synced the image yet, so DescribeImageInstances omits it. */
  synced?: boolean;
  /**
   * Scan state served by successive DescribeImageInstances listings of this image (the last
   * one stays). Default: one completed scan an hour ago.
   */
  scanStates?: SimScanState[];
  /**
   * DescribeImageLatestScanTask answers, one per call (the last one stays). Default: derived from
   * the scan state the latest listing showed.
   */
  latestTasks?: Array<Array<Record<string, unknown>>>;
  /** States served once a scan task was created for the image. Default: INIT, CVE_ANALYZER, SUCCESS now. */
  afterTrigger?: SimScanState[];
  /**
   * Findings served by the five list operations. A category given here and absent from
   * `counts` / `handled` also makes DescribeImageSecurityScanCount count it from the findings.
   */
  findings?: SimFindings;
}

export interface SimScanState {
  ScaStatus?: string;
  /** Epoch ms; 'now' is resolved when served. */
  LastScanTime?: number | 'now';
  ScaProgress?: number;
}

export interface SimTask {
  taskId: string;
  params: Record<string, string>;
  digests: string[];
}

export type Fault =
  | {
      kind: 'error';
      status: number;
      code: string;
      message?: string;
      headers?: Record<string, string>;
      extra?: Record<string, unknown>;
    }
  | { kind: 'raw'; status: number; body: string; headers?: Record<string, string> }
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }
  | { kind: 'reset' };

export interface FaultRule {
  fault: Fault;
  /** Only requests for this action (default: any). */
  action?: string;
  /** How many matching requests it applies to (default 1; Infinity for all). */
  times?: number;
  /** Only requests for this page of a paged list (CurrentPage; default: any). */
  page?: number;
  /** Only requests carrying each of these parameters with this value (default: any). */
  params?: Record<string, string>;
}

export interface RecordedRequest {
  action: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  /** Set when the simulator refused the request (signature, key, ...), else undefined. */
  rejected?: string;
  /** The RequestId the simulator answered with (none for hangs and resets). */
  requestId?: string;
  at: number;
}

export interface SimKey {
  secret: string;
  /** STS keys must come with this security token. */
  token?: string;
}

export interface ActionContext {
  params: Record<string, string>;
  request: RecordedRequest;
  sim: SasSimulator;
}

export type ActionHandler = (ctx: ActionContext) => {
  status?: number;
  body: Record<string, unknown>;
};

export class SasSimulator {
  readonly keys = new Map<string, SimKey>([['test-key-id', { secret: 'test-key-secret' }]]);
  readonly images: SimImage[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly handlers = new Map<string, ActionHandler>();
  /** Added to every answer, to model a slow network or service. */
  latencyMs = 0;
  /** Most requests handled at the same moment (for concurrency assertions). */
  maxInFlight = 0;
  /** TCP connections accepted (for connection-reuse assertions). */
  connections = 0;
  private inFlight = 0;
  private readonly rules: Array<FaultRule & { used: number }> = [];
  private readonly nonces = new Set<string>();
  private readonly sockets = new Set<Socket>();
  private server?: http.Server;
  url = '';

  /** Scan tasks created through PublicCreateImageScanTask. */
  readonly tasks: SimTask[] = [];
  /** Overrides PublicCreateImageScanTask's Data (e.g. CanCreate false, TASK_NOT_SUPPORT_REGION). */
  createTaskData?: Record<string, unknown>;
  private readonly listed = new Map<SimImage, number>();

  /** Largest page the finding lists serve; a larger PageSize is capped and reported capped. */
  maxPageSize = 50;
  /** Per-action misbehaviour of the finding lists (see ListQuirks in findings.ts). */
  readonly listQuirks = new Map<string, ListQuirks>();
  /** DescribeImageVulList with a Dealed other than y/n: 400, ignored, or nothing matches. */
  unknownDealed: 'error' | 'all' | 'none' = 'error';
  /** Scan timestamps (epoch ms) the finding rows carry. */
  findingsTime = Date.now() - 3_600_000;

  constructor() {
    this.handlers.set('DescribeImageSecurityScanCount', (ctx) => ({
      body: { Data: this.countFor(ctx.params) },
    }));
    this.handlers.set('DescribeImageInstances', (ctx) => this.describeImageInstances(ctx.params));
    this.handlers.set('PublicPreCheckImageScanTask', (ctx) => {
      const n = this.taskTargets(ctx.params).length;
      return { body: { Data: { NeedAuthCount: n, ScanImageCount: n } } };
    });
    this.handlers.set('PublicCreateImageScanTask', (ctx) => this.createTask(ctx.params));
    this.handlers.set('DescribeImageLatestScanTask', (ctx) => ({
      body: { Task: this.latestTask(ctx.params['Digest'] ?? '') },
    }));
    installFindingHandlers(this);
  }

  /** Criteria-filtered, paged listing of synced images with their current scan state. */
  private describeImageInstances(params: Record<string, string>): {
    status?: number;
    body: Record<string, unknown>;
  } {
    let criteria: Array<{ name: string; value: string }> = [];
    try {
      criteria = JSON.parse(params['Criteria'] ?? '[]') as Array<{ name: string; value: string }>;
    } catch {
      return { status: 400, body: { Code: 'InvalidParameter', Message: 'Criteria is not JSON' } };
    }
    const field: Record<string, keyof SimImage> = {
      digest: 'digest',
      tag: 'tag',
      repoId: 'repoId',
      instanceId: 'repoInstanceId',
      regionId: 'repoRegionId',
    };
    const matching = this.images.filter(
      (img) =>
        img.synced !== false &&
        criteria.every((c) => !field[c.name] || img[field[c.name] as keyof SimImage] === c.value),
    );
    const size = Number(params['PageSize'] ?? 20);
    const page = Number(params['CurrentPage'] ?? 1);
    const slice = matching.slice((page - 1) * size, page * size);
    const rows = slice.map((img) => {
      const served = this.listed.get(img) ?? 0;
      this.listed.set(img, served + 1);
      const states = img.scanStates ?? [
        { ScaStatus: 'SUCCESS', LastScanTime: Date.now() - 3_600_000 },
      ];
      const state = states[Math.min(served, states.length - 1)] ?? {};
      const row: Record<string, unknown> = {
        Digest: img.digest,
        Tag: img.tag,
        RepoId: img.repoId,
        RepoName: img.repoName,
        RepoNamespace: img.repoNamespace,
        InstanceId: img.repoInstanceId,
        RegionId: img.repoRegionId,
        Uuid: img.uuid ?? `uuid-${img.digest.slice(0, 8)}`,
        ImageId: img.digest.slice(0, 12),
        Status: 'NORMAL',
        ScaProgress: state.ScaProgress ?? (state.ScaStatus === 'SUCCESS' ? 100 : 0),
      };
      if (state.ScaStatus !== undefined) row['ScaStatus'] = state.ScaStatus;
      if (state.LastScanTime !== undefined)
        row['LastScanTime'] = state.LastScanTime === 'now' ? Date.now() : state.LastScanTime;
      return row;
    });
    return {
      body: {
        ImageInstanceList: rows,
        PageInfo: {
          Count: rows.length,
          CurrentPage: page,
          PageSize: size,
          TotalCount: matching.length,
        },
      },
    };
  }

  private readonly taskCalls = new Map<SimImage, number>();

  /** The digest's latest scan task, consistent with what the listing last showed. */
  private latestTask(digest: string): Array<Record<string, unknown>> {
    const img = this.images.find((i) => i.digest === digest && i.synced !== false);
    if (!img) return [];
    if (img.latestTasks) {
      const n = this.taskCalls.get(img) ?? 0;
      this.taskCalls.set(img, n + 1);
      return img.latestTasks[Math.min(n, img.latestTasks.length - 1)] ?? [];
    }
    const states = img.scanStates ?? [
      { ScaStatus: 'SUCCESS', LastScanTime: Date.now() - 3_600_000 },
    ];
    const shown = Math.max(0, (this.listed.get(img) ?? 1) - 1);
    const state = states[Math.min(shown, states.length - 1)] ?? {};
    const task = this.tasks.filter((t) => t.digests.includes(digest)).at(-1);
    const base = {
      Target: digest,
      TargetType: 'IMAGE',
      TaskType: 'IMAGE_SCAN',
      TaskId: task?.taskId ?? `auto-${digest.slice(0, 8)}`,
    };
    const status = state.ScaStatus;
    if (status === undefined) return task ? [{ ...base, Status: 'PROCESSING' }] : [];
    if (status === 'SUCCESS') {
      const finish = state.LastScanTime === 'now' ? Date.now() : state.LastScanTime;
      return [{ ...base, Status: 'SUCCESS', FinishTime: finish }];
    }
    if (status === 'FAIL' || status === 'TIMEOUT') return [{ ...base, Status: 'FAIL' }];
    return [{ ...base, Status: 'PROCESSING' }];
  }

  private taskTargets(params: Record<string, string>): SimImage[] {
    const list = (name: string) => (params[name] ? (params[name] ?? '').split(',') : undefined);
    const filters: Array<[keyof SimImage, string[] | undefined]> = [
      ['digest', list('Digests')],
      ['repoInstanceId', list('InstanceIds')],
      ['repoRegionId', list('RegionIds')],
      ['repoId', list('RepoIds')],
      ['tag', list('Tags')],
    ];
    return this.images.filter(
      (img) =>
        img.synced !== false &&
        filters.every(([f, values]) => !values || values.includes(`${img[f] as string}`)),
    );
  }

  private createTask(params: Record<string, string>): { body: Record<string, unknown> } {
    if (this.createTaskData) return { body: { Data: this.createTaskData } };
    const targets = this.taskTargets(params);
    const taskId = randomUUID().replace(/-/g, '');
    this.tasks.push({ taskId, params, digests: targets.map((t) => t.digest) });
    for (const img of targets) {
      img.scanStates = img.afterTrigger ?? [
        { ScaStatus: 'INIT' },
        { ScaStatus: 'CVE_ANALYZER' },
        { ScaStatus: 'SUCCESS', LastScanTime: 'now' },
      ];
      this.listed.set(img, 0);
    }
    return {
      body: {
        Data: {
          CanCreate: true,
          TaskId: taskId,
          Status: 'INIT',
          Progress: 0,
          FinishCount: 0,
          TotalCount: targets.length,
          Result: 'SUCCESS',
          CollectTime: Date.now(),
          ExecTime: Date.now(),
        },
      },
    };
  }

  static async start(): Promise<SasSimulator> {
    const sim = new SasSimulator();
    await sim.listen();
    return sim;
  }

  async listen(port = 0): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    this.server.on('connection', (s) => {
      this.connections++;
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  addImage(image: SimImage): this {
    this.images.push(image);
    return this;
  }

  fault(
    fault: Fault,
    options: {
      action?: string;
      times?: number;
      page?: number;
      params?: Record<string, string>;
    } = {},
  ): this {
    this.rules.push({ fault, ...options, used: 0 });
    return this;
  }

  clearFaults(): void {
    this.rules.length = 0;
  }

  requestsFor(action: string): RecordedRequest[] {
    return this.requests.filter((r) => r.action === action && !r.rejected);
  }

  /** Images matching every selector given, as the real API filters. */
  matchImages(params: Record<string, string>): SimImage[] {
    const want: Array<[keyof SimImage, string | undefined]> = [
      ['digest', params['ImageDigest']],
      ['tag', params['ImageTag']],
      ['repoId', params['RepoId']],
      ['repoInstanceId', params['RepoInstanceId']],
      ['repoRegionId', params['RepoRegionId']],
      ['uuid', params['ImageUuid']],
    ];
    return this.images.filter((img) =>
      want.every(([field, v]) => v === undefined || img[field] === v),
    );
  }

  /**
   * Unknown images count zero, exactly the ambiguity the real service has. A category with
   * findings and no explicit counts/handled entry is counted from the findings.
   */
  countFor(params: Record<string, string>): SimCounts {
    const dealed = params['Dealed'] ?? 'N';
    const mode: DealedMode = dealed === 'Y' ? 'Y' : dealed === 'A' ? 'A' : 'N';
    const total: SimCounts = { ...ZERO_COUNTS };
    for (const img of this.matchImages(params)) {
      for (const k of Object.keys(total) as Array<keyof SimCounts>) {
        const explicitOpen = img.counts[k];
        const explicitHandled = img.handled?.[k];
        if (explicitOpen === undefined && explicitHandled === undefined) {
          const derived = derivedCount(img, k, mode);
          if (derived !== undefined) {
            total[k] += derived;
            continue;
          }
        }
        const open = explicitOpen ?? derivedCount(img, k, 'N') ?? 0;
        const handled = explicitHandled ?? derivedCount(img, k, 'Y') ?? 0;
        total[k] += dealed === 'Y' ? handled : dealed === 'A' ? open + handled : open;
      }
    }
    return total;
  }

  private takeFault(action: string, params: Record<string, string>): Fault | undefined {
    for (const rule of this.rules) {
      if (rule.action && rule.action !== action) continue;
      if (rule.page !== undefined && params['CurrentPage'] !== String(rule.page)) continue;
      if (rule.params && Object.entries(rule.params).some(([k, v]) => params[k] !== v)) continue;
      if (rule.used >= (rule.times ?? 1)) continue;
      rule.used++;
      return rule.fault;
    }
    return undefined;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const url = new URL(req.url ?? '/', 'http://sim');
      const params: Record<string, string> = {};
      for (const [k, v] of url.searchParams) params[k] = v;
      const action = headers['x-acs-action'] ?? '';
      const recorded: RecordedRequest = { action, params, headers, body, at: Date.now() };
      this.requests.push(recorded);

      if (this.latencyMs > 0) await sleep(this.latencyMs);
      const fault = this.takeFault(action, params);
      if (fault?.kind === 'hang') return; // the socket is destroyed on close()
      if (fault?.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'delay') await sleep(fault.ms);

      const refusal = this.verify(req, url, headers, body);
      if (refusal) {
        recorded.rejected = refusal.code;
        recorded.requestId = this.sendError(res, refusal.status, refusal.code, refusal.message);
        return;
      }
      if (fault?.kind === 'error') {
        recorded.requestId = this.sendError(
          res,
          fault.status,
          fault.code,
          fault.message ?? fault.code,
          fault.headers,
          fault.extra,
        );
        return;
      }
      if (fault?.kind === 'raw') {
        res.writeHead(fault.status, { 'content-type': 'text/plain', ...fault.headers });
        res.end(fault.body);
        return;
      }
      const handler = this.handlers.get(action);
      if (!handler) {
        recorded.requestId = this.sendError(
          res,
          404,
          'InvalidAction.NotFound',
          `Specified api ${action} is not found.`,
        );
        return;
      }
      const answer = handler({ params, request: recorded, sim: this });
      recorded.requestId = this.sendJson(res, answer.status ?? 200, answer.body);
    } catch (err) {
      this.sendError(res, 500, 'InternalError', `simulator failure: ${String(err)}`);
    } finally {
      this.inFlight--;
    }
  }

  /** The gateway's checks, in the gateway's order. */
  private verify(
    req: http.IncomingMessage,
    url: URL,
    headers: Record<string, string>,
    body: string,
  ): { status: number; code: string; message: string } | undefined {
    const auth = headers['authorization'] ?? '';
    const m =
      /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m)
      return {
        status: 400,
        code: 'IncompleteSignature',
        message: 'The request signature does not conform to Aliyun standards.',
      };
    const [, keyId = '', signedList = ''] = m;
    for (const h of [
      'host',
      'x-acs-action',
      'x-acs-version',
      'x-acs-date',
      'x-acs-signature-nonce',
      'x-acs-content-sha256',
    ]) {
      if (!headers[h])
        return { status: 400, code: 'MissingParameter', message: `header ${h} is missing` };
    }
    const signed = signedList.split(';');
    const mustSign = Object.keys(headers).filter(
      (h) => h === 'host' || h.startsWith('x-acs-') || h === 'content-type',
    );
    const unsigned = mustSign.filter((h) => !signed.includes(h));
    if (unsigned.length > 0)
      return {
        status: 400,
        code: 'IncompleteSignature',
        message: `headers not signed: ${unsigned.join(',')}`,
      };
    const key = this.keys.get(keyId);
    if (!key)
      return {
        status: 404,
        code: 'InvalidAccessKeyId.NotFound',
        message: 'Specified access key is not found.',
      };
    if (key.token !== undefined && headers['x-acs-security-token'] !== key.token) {
      return {
        status: 400,
        code: 'InvalidSecurityToken.Malformed',
        message: 'The security token you provided is invalid.',
      };
    }
    const date = Date.parse(headers['x-acs-date'] ?? '');
    if (
      !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(headers['x-acs-date'] ?? '') ||
      Math.abs(Date.now() - date) > 15 * 60_000
    ) {
      return {
        status: 400,
        code: 'InvalidTimeStamp.Expired',
        message: 'Specified time stamp or date value is expired.',
      };
    }
    const bodyHash = createHash('sha256').update(body).digest('hex');
    if (headers['x-acs-content-sha256'] !== bodyHash)
      return {
        status: 400,
        code: 'ContentSHA256NotMatch',
        message: 'x-acs-content-sha256 does not match the body',
      };
    if (req.method !== 'POST' || url.pathname !== '/')
      return { status: 400, code: 'InvalidParameter', message: 'expected POST /' };
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const expected = officialAuthorization(
      { pathname: '/', method: req.method, query, headers },
      headers['x-acs-content-sha256'] ?? '',
      keyId,
      key.secret,
    );
    if (expected !== auth) {
      return {
        status: 400,
        code: 'SignatureDoesNotMatch',
        message: 'The request signature we calculated does not match the signature you provided.',
      };
    }
    const nonce = headers['x-acs-signature-nonce'] ?? '';
    if (this.nonces.has(nonce))
      return {
        status: 400,
        code: 'SignatureNonceUsed',
        message: 'Specified signature nonce was used already.',
      };
    this.nonces.add(nonce);
    return undefined;
  }

  private sendJson(
    res: http.ServerResponse,
    status: number,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): string {
    const requestId = randomUUID().toUpperCase();
    const payload = JSON.stringify({ RequestId: requestId, ...body });
    res.writeHead(status, {
      'content-type': 'application/json;charset=utf-8',
      'x-acs-request-id': requestId,
      ...headers,
    });
    res.end(payload);
    return requestId;
  }

  private sendError(
    res: http.ServerResponse,
    status: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
    extra: Record<string, unknown> = {},
  ): string {
    return this.sendJson(
      res,
      status,
      {
        HostId: 'tds.simulator',
        Code: code,
        Message: message,
        Recommend: 'https://api.aliyun.com/troubleshoot',
        ...extra,
      },
      headers,
    );
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
