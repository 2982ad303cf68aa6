// One deadline for the whole step. Time spent waiting for a scan is granted on top of it
// (wait-for-scan), so it can be extended by exactly what was waited.

export class Deadline {
  private end: number;

  constructor(
    budgetMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.end = now() + budgetMs;
  }

  remaining(): number {
    return Math.max(0, this.end - this.now());
  }

  expired(): boolean {
    return this.remaining() <= 0;
  }

  extend(ms: number): void {
    this.end += Math.max(0, ms);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
