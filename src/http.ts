// The one HTTP path for every outgoing call: undici over a keep-alive pool, proxies from the
// environment, bounded timeouts, and a capped body read.
import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { GateError } from './errors.js';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Upper bound for this attempt (connect + headers + body); the caller passes what is left of its deadline. */
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Network-level failure (connect, reset, timeout): always worth another attempt. */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

const MAX_BODY_BYTES = 1024 * 1024;
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
  const signal = AbortSignal.timeout(timeout);
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
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        res.body.destroy();
        throw new NetworkError(
          `response body larger than ${MAX_BODY_BYTES} bytes`,
          'BODY_TOO_LARGE',
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
    if (err instanceof NetworkError) throw err;
    throw toNetworkError(err, signal.aborted, timeout);
  }
}

function toNetworkError(err: unknown, timedOut: boolean, timeoutMs: number): NetworkError {
  const e = err as {
    code?: unknown;
    message?: unknown;
    cause?: { code?: unknown; message?: unknown };
  };
  const code = String(e?.code ?? e?.cause?.code ?? (timedOut ? 'TIMEOUT' : 'NETWORK'));
  if (timedOut || /TIMEOUT/i.test(code)) {
    return new NetworkError(`no answer within ${timeoutMs} ms`, code);
  }
  const detail = String(e?.cause?.message ?? e?.message ?? err);
  return new NetworkError(`${code}: ${detail}`, code);
}
