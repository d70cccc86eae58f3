/**
 * Completing a waiting execution's task (the callback pattern): in AWS, Step Functions'
 * SendTaskSuccess with the token the AwaitApproval task stored; locally, the platform's runner
 * registers itself with `setTaskTokens` and resolves the waiting task in process.
 */
import { InvalidToken, SFNClient, SendTaskSuccessCommand, TaskDoesNotExist, TaskTimedOut } from '@aws-sdk/client-sfn';
import type { ApprovalDecision } from './types';

export interface TaskTokens {
  /** Completes the task waiting on `token`; a token whose wait has ended already is not an error. */
  succeed(token: string, output: ApprovalDecision): Promise<void>;
}

class StepFunctionsTaskTokens implements TaskTokens {
  private readonly sfn = new SFNClient({});
  async succeed(token: string, output: ApprovalDecision): Promise<void> {
    try {
      await this.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
    } catch (e) {
      // The wait timed out (the execution woke for a reminder and plans again) or was stopped.
      if (e instanceof TaskTimedOut || e instanceof TaskDoesNotExist || e instanceof InvalidToken) return;
      throw e;
    }
  }
}

let tokens: TaskTokens | undefined;

export const getTaskTokens = (): TaskTokens => (tokens ??= new StepFunctionsTaskTokens());

export function setTaskTokens(next: TaskTokens | undefined): void {
  tokens = next;
}
