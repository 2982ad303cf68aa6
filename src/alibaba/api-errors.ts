// Reading Alibaba Cloud error answers (JSON, XML or a proxy's HTML page) and turning them into
// messages that say what to do. Classified by Code, never by HTTP status alone.
import { GateError } from '../infra/errors.js';
import { shortenLine } from '../infra/text.js';

export interface ParsedAnswer {
  json?: Record<string, unknown>;
  /** A JSON body that reports failure (`Success: false`, or an error `Code`) whatever the status. */
  failedInBody?: boolean;
  code?: string;
  message?: string;
  requestId?: string;
  authAction?: string;
}

export function parseAnswer(body: string, headers: Record<string, string>): ParsedAnswer {
  const answer: ParsedAnswer = {};
  const text = body.trim();
  if (text.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        answer.json = value as Record<string, unknown>;
      }
    } catch {
      // not JSON after all: handled as an unreadable answer below
    }
  }
  if (answer.json) {
    const j = answer.json;
    const marker = errorMarker(j);
    answer.failedInBody = marker !== undefined;
    answer.code = marker?.code;
    answer.message = stringField(j, 'Message') ?? stringField(j, 'message');
    answer.requestId = stringField(j, 'RequestId');
    const detail = j['AccessDeniedDetail'];
    if (detail && typeof detail === 'object') {
      answer.authAction = stringField(detail as Record<string, unknown>, 'AuthAction');
    }
  } else if (text.startsWith('<')) {
    answer.code = xmlField(text, 'Code');
    answer.message = xmlField(text, 'Message');
    answer.requestId = xmlField(text, 'RequestId');
  }
  if (!answer.code && !answer.message && text) {
    answer.message = `unexpected answer (content-type ${headers['content-type'] ?? 'none'}): ${truncate(text, 200)}`;
  }
  answer.requestId ??= headers['x-acs-request-id'];
  return answer;
}

/** `Code` values that mean success; anything else present (of any JSON type) is an error. */
const SUCCESS_CODE = /^(200|ok|success)$/i;
const ERROR_CODE_FIELDS = ['ErrorCode', 'errorCode', 'error_code'];

/**
 * The error a JSON answer reports in its body, whatever its HTTP status: a `Code` that is present
 * and not 200/"200"/"OK"/"Success" (a number, a boolean, an object all count), `Success` false or
 * "false", or a non-empty `ErrorCode`-style field. A 2xx answer carrying one is an error answer, so
 * a gateway that wraps a refusal in HTTP 200 can never pass an image with the zeros beside it.
 */
export function errorMarker(j: Record<string, unknown>): { code: string } | undefined {
  const code = j['Code'];
  const codeOk =
    code === undefined ||
    code === null ||
    code === 200 ||
    (typeof code === 'string' && SUCCESS_CODE.test(code.trim()));
  if (!codeOk) return { code: markerText(code) };
  for (const name of ERROR_CODE_FIELDS) {
    const v = j[name];
    if (v !== undefined && v !== null && v !== '') return { code: markerText(v) };
  }
  const success = j['Success'];
  if (
    success === false ||
    (typeof success === 'string' && success.trim().toLowerCase() === 'false')
  )
    return { code: 'Success=false' };
  return undefined;
}

/** A marker of any JSON type as one short line of text. */
function markerText(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return truncate(text, 120) || JSON.stringify(text);
}

function stringField(obj: Record<string, unknown>, name: string): string | undefined {
  const v = obj[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function xmlField(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>([^<]{0,1000})</${tag}>`).exec(xml);
  return m?.[1]?.trim() || undefined;
}

export function isThrottling(code: string | undefined): boolean {
  return !!code && /throttling/i.test(code);
}

const RETRYABLE_CODES = new Set([
  'ServiceUnavailable',
  'InternalError',
  'ServerError',
  'SignatureNonceUsed',
  'ServiceUnavailableTemporary',
]);

export function isRetryable(status: number, code: string | undefined): boolean {
  if (isThrottling(code)) return true;
  if (code && RETRYABLE_CODES.has(code)) return true;
  if (code && isPermanent(code)) return false;
  return status >= 500 || status === 429;
}

function isPermanent(code: string): boolean {
  return (
    code.startsWith('InvalidAccessKeyId') ||
    code === 'SignatureDoesNotMatch' ||
    code === 'IncompleteSignature' ||
    code.startsWith('InvalidTimeStamp') ||
    code.startsWith('InvalidSecurityToken') ||
    code === 'NoPermission' ||
    code.startsWith('Forbidden')
  );
}

export function minimalPolicy(actions: readonly string[]): string {
  return JSON.stringify({
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: actions.map((a) => `yundun-sas:${a}`), Resource: '*' }],
  });
}

/** What the user should do about an error code; names the RAM action that is missing. */
export function adviceFor(
  code: string | undefined,
  status: number,
  action: string,
  ramAction?: string,
  runActions: readonly string[] = [],
): string {
  const c = code ?? '';
  if (c === 'NoPermission' || c.startsWith('Forbidden') || (status === 403 && !c)) {
    const missing = ramAction ?? `yundun-sas:${action}`;
    // Name the refused action, and give the whole policy this run needs, so that fixing one
    // refusal does not just reveal the next.
    const actions = [...new Set([...runActions, missing.replace(/^yundun-sas:/, '')])];
    return (
      `The RAM identity behind these credentials is not allowed to call ${missing}. ` +
      `Attach a policy that allows it; the minimal policy for this run's settings is: ${minimalPolicy(actions)}`
    );
  }
  if (c.startsWith('InvalidAccessKeyId')) {
    return (
      'The access key ID is unknown or disabled (temporary STS keys also answer this once expired): ' +
      'check access-key-id (or ALIBABA_CLOUD_ACCESS_KEY_ID) and that the key is active in the RAM console.'
    );
  }
  if (c === 'SignatureDoesNotMatch' || c === 'IncompleteSignature') {
    return 'The signature did not verify: the access key secret does not belong to the access key ID. Check access-key-secret (or ALIBABA_CLOUD_ACCESS_KEY_SECRET).';
  }
  if (c.startsWith('InvalidTimeStamp')) {
    return "The request's timestamp was refused: the runner's clock is more than 15 minutes off. Synchronise the runner's clock (NTP).";
  }
  if (c.startsWith('InvalidSecurityToken')) {
    return 'The STS security token is invalid or expired: refresh security-token (or ALIBABA_CLOUD_SECURITY_TOKEN) together with its key pair.';
  }
  if (isThrottling(c)) {
    return 'Security Center kept throttling the requests until the deadline: raise timeout-seconds, or gate fewer images at once (max-concurrency).';
  }
  if (status >= 500 || RETRYABLE_CODES.has(c)) {
    return 'Security Center kept failing until the deadline; this is usually temporary: re-run the job, or raise timeout-seconds.';
  }
  return 'See the Security Center API error reference for this code.';
}

/**
 * The parts every API error message shares: "Code (HTTP n): message." (+ retries note) and the
 * RequestId suffix, which support needs in every message.
 */
export function summarizeAnswer(
  status: number,
  answer: ParsedAnswer,
  retriesExhausted: boolean,
): string {
  const code = answer.code ? `${answer.code} (HTTP ${status})` : `HTTP ${status}`;
  const said = answer.message ? `: ${truncate(answer.message, 300).replace(/[.\s]+$/, '')}` : '';
  const exhausted = retriesExhausted ? ' Retries ran out before the deadline.' : '';
  return `${code}${said}.${exhausted}`;
}

/** An error for a refused answer: its RequestId, or a note that the answer carried none. */
export function answerError(message: string, answer: ParsedAnswer): GateError {
  return answer.requestId
    ? new GateError(message, answer.requestId)
    : new GateError(`${message} (no RequestId in the answer).`);
}

export function apiError(
  action: string,
  status: number,
  answer: ParsedAnswer,
  retriesExhausted: boolean,
  runActions: readonly string[] = [],
): GateError {
  const what = summarizeAnswer(status, answer, retriesExhausted);
  return answerError(
    `${action} failed: ${what} ${adviceFor(answer.code, status, action, answer.authAction, runActions)}`,
    answer,
  );
}

/**
 * Shortened for a message, on one line (infra/text.ts: secrets are scrubbed before the cut, and a
 * cut never ends in the start of one).
 */
export function truncate(text: string, max: number): string {
  return shortenLine(text, max);
}
