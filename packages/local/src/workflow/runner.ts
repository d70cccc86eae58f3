/**
 * The local state machine runner: the timeline's ASL run by aws-local-stepfunctions, its Task
 * states bound to the same task functions the Lambdas run (`functions/workflow/plan.ts`, `act.ts`),
 * its Wait state overridden to 0 ms and the Act task first awaiting the platform's clock until
 * the instant the Wait was for. Registered as the platform's `TimelineStarter`, so the API's
 * handlers start and stop executions here exactly as they do in Step Functions.
 */
import { StateMachine } from 'aws-local-stepfunctions';
import { act, type ActReport } from '../../../../functions/workflow/act';
import { plan } from '../../../../functions/workflow/plan';
import type { TimelineStarter } from '../../../../functions/workflow/starter';
import type { ActInput, ExecutionRef, TimelineState } from '../../../../functions/workflow/types';
import type { TimelineClock } from './clock';
import { localDefinition } from './definition';

export interface RunnerStats {
  started: number;
  succeeded: number;
  stopped: number;
  failed: number;
  /** States entered, as Step Functions bills them (state transitions). */
  transitions: number;
  notificationsSent: number;
  duplicatesSuppressed: number;
  escalations: number;
}

interface Running {
  abort: () => void;
  state: string;
}

export class LocalTimelineRunner implements TimelineStarter {
  private readonly machine = new StateMachine(localDefinition() as never, { validationOptions: { checkArn: false } });
  private readonly running = new Map<string, Running>();
  private readonly settled = new Set<Promise<unknown>>();
  readonly stats: RunnerStats = { started: 0, succeeded: 0, stopped: 0, failed: 0, transitions: 0, notificationsSent: 0, duplicatesSuppressed: 0, escalations: 0 };
  readonly errors: unknown[] = [];

  constructor(readonly clock: TimelineClock) {}

  async start(ref: ExecutionRef): Promise<string> {
    const id = `local:${ref.name}`;
    if (this.running.has(id)) return id;
    const input: TimelineState = { execution: ref, cursor: null };
    const execution = this.machine.run(input as never, {
      noThrowOnAbort: true,
      overrides: {
        taskResourceLocalHandlers: {
          Plan: (i) => plan(i as unknown as TimelineState) as never,
          Act: async (i) => {
            const a = i as unknown as ActInput;
            // Not yet due (the real clock sleeps in slices): back to Plan with the cursor unchanged.
            if (!(await this.clock.sleepUntil(id, a.wakeAt))) return a.cursor as never;
            // Counted as each Act returns, so that the figures are live while executions run.
            const report: ActReport = { sent: 0, duplicates: 0, escalated: [] };
            const cursor = await act(a, undefined, report);
            this.stats.notificationsSent += report.sent;
            this.stats.duplicatesSuppressed += report.duplicates;
            this.stats.escalations += report.escalated.length;
            return cursor as never;
          },
        },
        waitTimeOverrides: { WaitUntilDue: 0 },
      },
    });
    const entry: Running = { abort: execution.abort, state: 'Plan' };
    this.running.set(id, entry);
    this.clock.enter(id);
    this.stats.started++;
    const counting = (async () => {
      for await (const event of execution.eventLogs) {
        if (event.type === 'StateEntered') {
          this.stats.transitions++;
          entry.state = event.state.name;
        }
      }
    })();
    const done = execution.result
      .then((result) => {
        if (result === null) return;
        this.stats.succeeded++;
        entry.state = 'Succeeded';
      })
      .catch((error: unknown) => {
        this.stats.failed++;
        this.errors.push(error);
        entry.state = 'Failed';
      })
      .finally(() => {
        if (this.running.get(id) === entry) this.running.delete(id);
        this.clock.leave(id);
      });
    const both = Promise.allSettled([done, counting]);
    this.settled.add(both);
    void both.then(() => this.settled.delete(both));
    return id;
  }

  async stop(executionId: string): Promise<void> {
    const entry = this.running.get(executionId);
    if (!entry) return;
    this.running.delete(executionId);
    this.stats.stopped++;
    entry.abort();
    this.clock.cancel(executionId);
  }

  /** The state an execution is in (its current state's name), or undefined when it is not running here. */
  stateOf(executionId: string): string | undefined {
    return this.running.get(executionId)?.state;
  }

  get active(): number {
    return this.running.size;
  }

  /** Stops every execution and waits for them to settle. */
  async close(): Promise<void> {
    for (const id of [...this.running.keys()]) await this.stop(id);
    await Promise.allSettled([...this.settled]);
  }
}
