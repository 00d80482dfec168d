/** A failure or a delay applied to the next `remaining` sends. */
export type Fault = { status?: number; delayMs?: number; remaining: number };

/** Queue of injected faults: each send consumes one use of the oldest fault (FIFO). */
export class FaultQueue {
  private readonly faults: Fault[] = [];

  push(fault: Fault): void {
    if (fault.remaining > 0) this.faults.push(fault);
  }

  /** The fault to apply to this send, if any. */
  take(): Omit<Fault, 'remaining'> | undefined {
    const fault = this.faults[0];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults.shift();
    return { status: fault.status, delayMs: fault.delayMs };
  }

  pending(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults.length = 0;
  }
}
