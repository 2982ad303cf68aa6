// The one SHA-256 helper: hex of a UTF-8 string (request signing, comment keys, SARIF
// fingerprints all hash text this way).
import { createHash } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
