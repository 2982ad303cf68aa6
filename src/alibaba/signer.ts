// ACS3-HMAC-SHA256 request signing (Alibaba Cloud signature V3), as the official SDK signs RPC calls.
import { createHmac, randomBytes } from 'node:crypto';
import { sha256Hex } from '../infra/hash.js';

export const SIGNATURE_ALGORITHM = 'ACS3-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface SigningKey {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export interface RequestToSign {
  method: string;
  host: string; // host[:port], exactly as it appears in the URL
  action: string;
  version: string;
  query: ReadonlyArray<readonly [string, string]>;
  body?: string;
  /** Fixed values for tests; a real call leaves them unset so each attempt gets fresh ones. */
  date?: string;
  nonce?: string;
}

export interface SignedRequest {
  /** Encoded query string, identical to the canonical one; goes on the wire as is. */
  queryString: string;
  headers: Record<string, string>;
  canonicalRequest: string;
  signedHeaders: string;
  signature: string;
}

/** RFC 3986 percent-encoding: only A-Z a-z 0-9 - _ . ~ stay literal. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

/** Keys sorted by UTF-16 code unit (Array#sort's default), never localeCompare: X.10 < X.2. */
export function canonicalQuery(query: ReadonlyArray<readonly [string, string]>): string {
  return query
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export function acsDate(now: Date = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

export function signRequest(req: RequestToSign, key: SigningKey): SignedRequest {
  const body = req.body ?? '';
  const bodyHash = body === '' ? EMPTY_BODY_SHA256 : sha256Hex(body);
  const headers: Record<string, string> = {
    host: req.host,
    'x-acs-action': req.action,
    'x-acs-version': req.version,
    'x-acs-date': req.date ?? acsDate(),
    'x-acs-signature-nonce': req.nonce ?? newNonce(),
    'x-acs-content-sha256': bodyHash,
  };
  if (key.securityToken) {
    headers['x-acs-security-token'] = key.securityToken;
    headers['x-acs-accesskey-id'] = key.accessKeyId;
  }
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((n) => `${n}:${(headers[n] ?? '').trim()}\n`).join('');
  const signedHeaders = names.join(';');
  const queryString = canonicalQuery(req.query);
  const canonicalRequest = [
    req.method.toUpperCase(),
    '/',
    queryString,
    canonicalHeaders,
    signedHeaders,
    bodyHash,
  ].join('\n');
  const stringToSign = `${SIGNATURE_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac('sha256', key.accessKeySecret).update(stringToSign).digest('hex');
  headers['authorization'] =
    `${SIGNATURE_ALGORITHM} Credential=${key.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { queryString, headers, canonicalRequest, signedHeaders, signature };
}

/** The canonical request with the security token blanked, safe for debug output. */
export function redactedCanonicalRequest(signed: SignedRequest, key: SigningKey): string {
  if (!key.securityToken) return signed.canonicalRequest;
  return signed.canonicalRequest.split(key.securityToken).join('***');
}
