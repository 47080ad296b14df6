/**
 * A fixed number of slots, like a warm pool of GPUs: work beyond it waits its turn, first come
 * first served. Work that is canceled while waiting never takes a slot.
 */
export class WorkerPool {
  private running = 0;
  private readonly queue: Array<{ start: () => void; signal: AbortSignal }> = [];

  constructor(private readonly slots: number) {}

  /** Resolves with a release function once a slot is free; rejects if `signal` aborts first. */
  acquire(signal: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const start = () => {
        this.running++;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.running--;
          this.next();
        });
      };
      if (this.running < this.slots) return start();
      const entry = { start, signal };
      this.queue.push(entry);
      signal.addEventListener(
        'abort',
        () => {
          const i = this.queue.indexOf(entry);
          if (i >= 0) {
            this.queue.splice(i, 1);
            reject(signal.reason);
          }
        },
        { once: true },
      );
    });
  }

  private next(): void {
    while (this.running < this.slots && this.queue.length > 0) {
      const entry = this.queue.shift()!;
      if (!entry.signal.aborted) entry.start();
    }
  }

  get waiting(): number {
    return this.queue.length;
  }
}
