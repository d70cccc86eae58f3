/**
 * Starting and stopping timeline executions. In AWS: Step Functions (`TIMELINE_STATE_MACHINE_ARN`);
 * locally: the platform's runner registers itself with `setStarter`. Names are versioned
 * (`t<township>-r<round>-v<round version>`): a restart on new dates never collides with the
 * stopped execution's name, which Step Functions keeps reserved for 90 days.
 */
import { ExecutionAlreadyExists, ExecutionDoesNotExist, SFNClient, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import type { ExecutionRef, TimelineState } from './types';

export interface TimelineStarter {
  /** Starts the execution; returns its id (ARN). Starting a name that already runs is not an error. */
  start(ref: ExecutionRef): Promise<string>;
  stop(executionId: string, cause: string): Promise<void>;
  /** The state the execution is in, where the starter runs it itself (the local runner). */
  stateOf?(executionId: string): string | undefined;
}

export class StepFunctionsStarter implements TimelineStarter {
  private readonly sfn = new SFNClient({});
  constructor(private readonly stateMachineArn: string) {}

  async start(ref: ExecutionRef): Promise<string> {
    const input: TimelineState = { execution: ref, cursor: null };
    try {
      const r = await this.sfn.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name: ref.name, input: JSON.stringify(input) }));
      return r.executionArn!;
    } catch (e) {
      // A retried request: the execution of this name is already there.
      if (e instanceof ExecutionAlreadyExists) return `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${ref.name}`;
      throw e;
    }
  }

  async stop(executionId: string, cause: string): Promise<void> {
    try {
      await this.sfn.send(new StopExecutionCommand({ executionArn: executionId, cause }));
    } catch (e) {
      if (!(e instanceof ExecutionDoesNotExist)) throw e;
    }
  }
}

let starter: TimelineStarter | undefined;

/** The configured starter; undefined where no workflow runs (a platform started without one). */
export function getStarter(): TimelineStarter | undefined {
  if (starter) return starter;
  const arn = process.env.TIMELINE_STATE_MACHINE_ARN;
  if (arn) starter = new StepFunctionsStarter(arn);
  return starter;
}

export function setStarter(next: TimelineStarter | undefined): void {
  starter = next;
}
