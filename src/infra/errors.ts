// Error types the action reports. Every one of them ends a run as `error`, never `pass`.

/** Bad input: all problems found, each naming the input and what it accepts. */
export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid input:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InputError';
  }
}

/**
 * What was needed could not be obtained (API, network, deadline, malformed answer, scan state).
 * When the failing answer carried a RequestId, the message ends with it: support needs it in
 * every message, and it is written here once rather than by every caller.
 */
export class GateError extends Error {
  /** The message without its RequestId. */
  readonly bare: string;

  constructor(
    message: string,
    readonly requestId?: string,
  ) {
    // A RequestId comes from the answer: one short line, whatever the answer sent.
    const id = requestId?.replace(/\s+/g, ' ').trim().slice(0, 100);
    super(id ? `${message} RequestId: ${id}.` : message);
    this.bare = message;
    this.name = 'GateError';
  }

  /** Anything thrown, with what it was about in front (`context: message`), its RequestId kept. */
  static within(context: string, err: unknown): GateError {
    return err instanceof GateError
      ? new GateError(`${context}: ${err.bare}`, err.requestId)
      : new GateError(`${context}: ${describeError(err)}`);
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
