// The one HTTP path for every outgoing call: undici over a keep-alive pool, proxies from the
// environment, bounded timeouts, and a capped body read.
import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { describeError, GateError } from './errors.js';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Upper bound for this attempt (connect + headers + body); the caller passes what is left of its deadline. */
  timeoutMs: number;
  /** Aborts the request: its reason is thrown (not a NetworkError, so it is never retried). */
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Network-level failure (connect, reset, timeout): worth another attempt unless `permanent`, which
 * marks what no retry can change (a TLS handshake with a server that does not speak TLS, a
 * certificate the runner does not trust, an answer over the size bound).
 */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** TLS failures that a retry cannot mend: the peer's protocol or its certificate. */
const CERTIFICATE_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** A permanent failure that came from the TLS handshake (not from the answer's content). */
export function isTlsFailure(err: NetworkError): boolean {
  return err.permanent && isPermanentTlsFailure(err.code, err.message);
}

export function isPermanentTlsFailure(code: string, message: string): boolean {
  return (
    CERTIFICATE_CODES.has(code) ||
    code.startsWith('ERR_SSL_') ||
    (code === 'EPROTO' && /wrong version number|certificate|handshake/i.test(message))
  );
}

/** Largest answer read (the largest finding-list page is far below it); larger is an error. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

export interface Transport {
  send(req: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

/**
 * undici's EnvHttpProxyAgent warns that it is experimental each time it is built, so it is
 * built only when a proxy variable is actually set; it honours NO_PROXY itself.
 */
export function createTransport(env: NodeJS.ProcessEnv, connections: number): Transport {
  const options = {
    connections,
    connectTimeout: 10_000,
    keepAliveTimeout: 30_000,
  };
  const proxied = PROXY_VARS.some((name) => (env[name] ?? '').trim() !== '');
  for (const name of PROXY_VARS) {
    const value = (env[name] ?? '').trim();
    if (value !== '' && !URL.canParse(value.includes('://') ? value : `http://${value}`)) {
      // The value may carry proxy credentials: name the variable, never echo it.
      throw new GateError(
        `${name} is set but is not a valid proxy URL; fix or unset it (expected e.g. http://proxy.example.com:3128).`,
      );
    }
  }
  const dispatcher: Dispatcher = proxied ? new EnvHttpProxyAgent(options) : new Agent(options);
  return {
    send: (req) => send(dispatcher, req),
    close: () => dispatcher.close(),
  };
}

async function send(dispatcher: Dispatcher, req: HttpRequest): Promise<HttpResponse> {
  const timeout = Math.max(1, Math.floor(req.timeoutMs));
  const timer = AbortSignal.timeout(timeout);
  const signal = req.signal ? AbortSignal.any([timer, req.signal]) : timer;
  try {
    const res = await request(req.url, {
      dispatcher,
      method: req.method,
      headers: req.headers,
      body: req.body,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      signal,
    });
    // No accept-encoding is sent, so a compressed answer is a proxy's doing: name it rather than
    // fail later on unreadable bytes.
    const encoding = String(res.headers['content-encoding'] ?? 'identity')
      .trim()
      .toLowerCase();
    if (encoding !== '' && encoding !== 'identity') {
      discard(res.body);
      throw new NetworkError(
        `the answer came with content-encoding ${encoding.slice(0, 40)}, which this client does not decode (no accept-encoding was sent; a proxy may be compressing answers)`,
        'CONTENT_ENCODING',
        true,
      );
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        discard(res.body);
        throw new NetworkError(
          `answer too large: over ${MAX_BODY_BYTES / 1024 / 1024} MiB, more than any answer the gate reads`,
          'BODY_TOO_LARGE',
          true,
        );
      }
      chunks.push(chunk as Buffer);
    }
    // undici frees the connection for the pool one event-loop turn after the response ends
    // (setImmediate in client-h1.js onMessageComplete), but the body's end reaches us first. A
    // request sent before that turn finds the connection busy and the pool dials another: a
    // second TCP + TLS handshake for back-to-back calls. Yield that turn so the next request
    // reuses this connection.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined)
        headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    return { status: res.statusCode, headers, body: Buffer.concat(chunks).toString('utf8') };
  } catch (err) {
    req.signal?.throwIfAborted();
    if (err instanceof NetworkError) throw err;
    throw toNetworkError(err, timer.aborted, timeout);
  }
}

/** Drops an answer's body unread; undici's abort error from that is expected, not a crash. */
function discard(body: { on(event: 'error', listener: () => void): unknown; destroy(): unknown }) {
  body.on('error', () => {});
  body.destroy();
}

function toNetworkError(err: unknown, timedOut: boolean, timeoutMs: number): NetworkError {
  const e = err as {
    code?: unknown;
    message?: unknown;
    cause?: { code?: unknown; message?: unknown };
  };
  const text = (v: unknown) =>
    typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  const code = text(e?.code) ?? text(e?.cause?.code) ?? (timedOut ? 'TIMEOUT' : 'NETWORK');
  if (timedOut || /TIMEOUT/i.test(code)) {
    return new NetworkError(`no answer within ${timeoutMs} ms`, code);
  }
  const detail = text(e?.cause?.message) ?? text(e?.message) ?? describeError(err);
  if (isPermanentTlsFailure(code, detail)) {
    // OpenSSL's text carries its source path; its reason ("wrong version number") is what helps.
    const reason = /SSL routines:[^:]*:([^:]+)/.exec(detail)?.[1] ?? detail;
    return new NetworkError(`TLS handshake failed (${code}: ${reason})`, code, true);
  }
  return new NetworkError(`${code}: ${detail}`, code);
}
