// The one digest rule: an image digest is `sha256:<64 hex>` or 64 bare hex digits, in any case,
// and the gate works with lower-case bare hex. Inputs, the policy file and the digests Security
// Center answers are all read through here, so two spellings of one digest always compare equal.

const DIGEST = /^(?:sha256:)?([0-9a-f]{64})$/i;

/** `sha256:<64 hex>` or 64 bare hex digits, any case; returns lower-case bare hex. */
export function normalizeDigest(raw: string): string | undefined {
  return DIGEST.exec(raw.trim())?.[1]?.toLowerCase();
}

/**
 * A digest as Security Center answered it, for comparison: its normal form, else the text
 * without a `sha256:` prefix, lower-cased (so a malformed digest compares unequal, never equal).
 */
export function bareDigest(digest: string): string {
  return (
    normalizeDigest(digest) ??
    digest
      .trim()
      .replace(/^sha256:/i, '')
      .toLowerCase()
  );
}
