// Error types the action reports. Every one of them ends a run as `error`, never `pass`.

/** Bad input: all problems found, each naming the input and what it accepts. */
export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid input:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InputError';
  }
}

/** The counts could not be obtained (API, network, deadline, malformed answer, scan state). */
export class GateError extends Error {
  constructor(
    message: string,
    readonly details: { code?: string; requestId?: string; retryable?: boolean } = {},
  ) {
    super(message);
    this.name = 'GateError';
  }
}

/** Message of anything thrown, including non-Error values, without ever throwing itself. */
export function describeError(err: unknown): string {
  try {
    if (err instanceof Error) return err.message || err.name;
    if (typeof err === 'string') return err;
    return `non-error value thrown: ${JSON.stringify(err) ?? String(err)}`;
  } catch {
    return 'unknown error (the thrown value could not be described)';
  }
}
