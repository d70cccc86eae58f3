/**
 * The clocks the local platform runs timelines on. Executions sleep on the clock (the Task after
 * each Wait awaits it: aws-local-stepfunctions would resolve a Wait against the real clock).
 *
 * - `RealClock`: real time (npm start). It sleeps at most `slice` at a time and says whether the
 *   instant was reached, because the library gives a task 60 s before it times out: the execution
 *   then loops (Plan → Wait → Act) and sleeps again — a bounded wait that also picks up new facts.
 * - `SimulatedClock`: a discrete-event clock. Time stands still while any execution is busy;
 *   when every execution sleeps it jumps to the earliest wake-up, up to the horizon the caller
 *   allows (`advanceTo`, `runToEnd`), so a 120-day timeline runs in seconds.
 */
export interface TimelineClock {
  now(): Date;
  /** Execution `id` sleeps until `at` (ISO); resolves true when the instant was reached. */
  sleepUntil(id: string, at: string): Promise<boolean>;
  /** Execution `id` runs (busy) / ended. */
  enter(id: string): void;
  leave(id: string): void;
  /** Drops execution `id`'s sleep (it was stopped). */
  cancel(id: string): void;
}

export class RealClock implements TimelineClock {
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; resolve: (reached: boolean) => void }>();
  constructor(private readonly slice = 50_000) {}
  now = () => new Date();
  sleepUntil(id: string, at: string): Promise<boolean> {
    const remaining = Date.parse(at) - Date.now();
    if (remaining <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(id);
        resolve(remaining <= this.slice);
      }, Math.min(remaining, this.slice));
      this.timers.set(id, { timer, resolve });
    });
  }
  enter(): void {}
  leave(id: string): void {
    this.cancel(id);
  }
  cancel(id: string): void {
    const t = this.timers.get(id);
    this.timers.delete(id);
    if (!t) return;
    clearTimeout(t.timer);
    // Settle the sleeping task, so that the library clears its task timer for a stopped execution.
    t.resolve(false);
  }
}

interface Sleeper {
  at: number;
  resolve: (reached: boolean) => void;
}

export class SimulatedClock implements TimelineClock {
  private t: number;
  private horizon: number;
  private readonly busy = new Set<string>();
  private readonly sleepers = new Map<string, Sleeper>();
  private idleWaiters: Array<() => void> = [];
  private checkQueued = false;
  /** Jumps made (each one a wake-up of at least one execution). */
  jumps = 0;

  constructor(start: Date) {
    this.t = start.getTime();
    this.horizon = this.t;
  }

  now = () => new Date(this.t);

  sleepUntil(id: string, at: string): Promise<boolean> {
    const when = Date.parse(at);
    if (when <= this.t) return Promise.resolve(true);
    return new Promise((resolve) => {
      this.sleepers.set(id, { at: when, resolve });
      this.busy.delete(id);
      this.queueCheck();
    });
  }

  enter(id: string): void {
    this.busy.add(id);
  }

  leave(id: string): void {
    this.busy.delete(id);
    this.sleepers.delete(id);
    this.queueCheck();
  }

  cancel(id: string): void {
    const s = this.sleepers.get(id);
    this.sleepers.delete(id);
    s?.resolve(false); // the stopped execution's task settles (its result is ignored: it was aborted)
    this.queueCheck();
  }

  /** Runs every execution until each sleeps past `until` or has ended; the clock then reads `until`. */
  advanceTo(until: Date): Promise<void> {
    this.horizon = Math.max(this.horizon, until.getTime());
    return this.whenIdle();
  }

  /** Runs until every execution has ended. */
  runToEnd(): Promise<void> {
    this.horizon = Number.POSITIVE_INFINITY;
    return this.whenIdle();
  }

  get sleeping(): number {
    return this.sleepers.size;
  }

  private whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.queueCheck();
    });
  }

  private queueCheck(): void {
    if (this.checkQueued) return;
    this.checkQueued = true;
    // After the current I/O callbacks: an execution that just left a task may enter the next.
    setImmediate(() => {
      this.checkQueued = false;
      this.check();
    });
  }

  private check(): void {
    if (this.busy.size > 0) return;
    let earliest = Number.POSITIVE_INFINITY;
    for (const s of this.sleepers.values()) earliest = Math.min(earliest, s.at);
    if (earliest !== Number.POSITIVE_INFINITY && earliest <= this.horizon) {
      this.t = Math.max(this.t, earliest);
      this.jumps++;
      for (const [id, s] of this.sleepers) {
        if (s.at <= this.t) {
          this.sleepers.delete(id);
          this.busy.add(id);
          s.resolve(true);
        }
      }
      return;
    }
    if (Number.isFinite(this.horizon)) this.t = Math.max(this.t, this.horizon);
    else this.horizon = this.t; // after runToEnd, time stands still again until the next advance
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
