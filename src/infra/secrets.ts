// Secrets the run has read. Each is masked for the runner as soon as it is registered, and
// every text the action emits passes through scrub(), so a secret never leaves the process
// even where the runner's masking does not apply (raw stdout, files, the event payload).

const known = new Set<string>();
let masker: (secret: string) => void = () => {};

export function setMasker(fn: (secret: string) => void): void {
  masker = fn;
  for (const s of known) fn(s);
}

export function registerSecret(value: string | undefined): void {
  if (!value || known.has(value)) return;
  known.add(value);
  masker(value);
  // A padded value may be used (and so printed) trimmed: mask that form too.
  const trimmed = value.trim();
  if (trimmed !== value && trimmed !== '') registerSecret(trimmed);
}

export function scrub(text: string): string {
  let out = text;
  for (const s of known) if (out.includes(s)) out = out.split(s).join('***');
  return out;
}

/** Shortest start of a secret a cut text must not end in. */
export const MIN_SECRET_TAIL = 8;

/**
 * A cut text without a trailing start (8 characters or more) of any secret: a secret that
 * straddled the cut would otherwise leave its prefix behind, where scrub() no longer sees it.
 */
export function scrubSecretTail(text: string): string {
  let out = text;
  for (const s of known) {
    for (let k = Math.min(s.length - 1, out.length); k >= MIN_SECRET_TAIL; k--) {
      if (out.endsWith(s.slice(0, k))) {
        out = out.slice(0, out.length - k);
        break;
      }
    }
  }
  return out;
}

/**
 * Every string inside a value, scrubbed. Applied to the report before it is escaped for
 * Markdown or serialised as JSON, so a secret cannot slip through in escaped form.
 */
export function scrubDeep<T>(value: T): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => scrubDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, scrubDeep(v)]),
    ) as T;
  }
  return value;
}
