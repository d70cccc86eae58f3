/**
 * The local state machine runner: the timeline's ASL run by aws-local-stepfunctions, its Task
 * states bound to the same task functions the Lambdas run (`functions/workflow/plan.ts`, `act.ts`),
 * its Wait state overridden to 0 ms and the Act task first awaiting the platform's clock until
 * the instant the Wait was for. Registered as the platform's `TimelineStarter`, so the API's
 * handlers start and stop executions here exactly as they do in Step Functions.
 */
import { StateMachine } from 'aws-local-stepfunctions';
import { act, type ActReport } from '../../../../functions/workflow/act';
import { awaitApproval } from '../../../../functions/workflow/approval';
import { plan } from '../../../../functions/workflow/plan';
import type { TimelineStarter } from '../../../../functions/workflow/starter';
import type { TaskTokens } from '../../../../functions/workflow/task-tokens';
import type { ActInput, ApprovalDecision, AwaitApprovalInput, ExecutionRef, TimelineState } from '../../../../functions/workflow/types';
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

/** What a waiting task throws when its wait ends without a decision: the ASL's Catch matches the name. */
class StatesTimeout extends Error {
  override readonly name = 'States.Timeout';
}

export class LocalTimelineRunner implements TimelineStarter, TaskTokens {
  private readonly machine = new StateMachine(localDefinition() as never, { validationOptions: { checkArn: false } });
  private readonly running = new Map<string, Running>();
  private readonly settled = new Set<Promise<unknown>>();
  /** Tasks waiting for a callback, by token: what completes them. */
  private readonly waiting = new Map<string, (decision: ApprovalDecision) => void>();
  private tokenCount = 0;
  readonly stats: RunnerStats = { started: 0, succeeded: 0, stopped: 0, failed: 0, transitions: 0, notificationsSent: 0, duplicatesSuppressed: 0, escalations: 0 };
  readonly errors: unknown[] = [];

  constructor(readonly clock: TimelineClock) {}

  async start(ref: ExecutionRef): Promise<string> {
    const id = `local:${ref.name}`;
    if (this.running.has(id)) return id;
    const input: TimelineState = { execution: ref, cursor: null };
    const execution = this.machine.run(input as never, {
      noThrowOnAbort: true,
      // `$$.Task.Token` must resolve; the AwaitApproval handler mints the real (unique) token.
      context: { Task: { Token: 'minted-by-the-local-handler' } },
      overrides: {
        taskResourceLocalHandlers: {
          Plan: (i) => plan(i as unknown as TimelineState) as never,
          AwaitApproval: async (i) => {
            const { Payload } = i as unknown as { Payload: AwaitApprovalInput };
            const token = `${id}#${++this.tokenCount}`;
            const decided = new Promise<ApprovalDecision>((resolve) => this.waiting.set(token, resolve));
            try {
              await awaitApproval({ ...Payload, taskToken: token }, undefined, this);
              // Until the decision, or the next wake-up on the platform's clock (the real clock sleeps in slices).
              for (;;) {
                const woke = await Promise.race([decided, this.clock.sleepUntil(id, Payload.wakeAt)]);
                if (typeof woke === 'object') return woke as never;
                if (woke) throw new StatesTimeout('no decision before the next wake-up');
              }
            } finally {
              this.waiting.delete(token);
            }
          },
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

  /** Completes a waiting AwaitApproval task (what SendTaskSuccess does in AWS). */
  async succeed(token: string, decision: ApprovalDecision): Promise<void> {
    const resolve = this.waiting.get(token);
    if (!resolve) return; // its wait has ended: the execution reads the decision at its next Plan
    this.waiting.delete(token);
    const id = token.slice(0, token.lastIndexOf('#'));
    // The decision settles first (the waiting race sees it before the dropped sleep's `false`); the
    // execution is busy again before its sleep is dropped, so that a simulated clock does not move.
    resolve(decision);
    this.clock.enter(id);
    this.clock.cancel(id);
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
