// One deadline for the whole step. Time spent waiting for a scan is granted on top of it
// (wait-for-scan), so it can be extended by what was waited, but never by more than the wait
// budget in total: images waiting side by side must not add up their sleeps.

export class Deadline {
  private end: number;
  private extendable: number;

  constructor(
    budgetMs: number,
    private readonly now: () => number = Date.now,
    maxExtensionMs = 0,
  ) {
    this.end = now() + budgetMs;
    this.extendable = Math.max(0, maxExtensionMs);
  }

  remaining(): number {
    return Math.max(0, this.end - this.now());
  }

  expired(): boolean {
    return this.remaining() <= 0;
  }

  /** Adds up to `ms`, within what is left of the extension allowance. */
  extend(ms: number): void {
    const granted = Math.min(Math.max(0, ms), this.extendable);
    this.extendable -= granted;
    this.end += granted;
  }
}

/** Resolves after `ms`, or as soon as `signal` aborts (the caller then checks the signal). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}
