/**
 * Task "AwaitApproval" of the timeline state machine (a `lambda:invoke.waitForTaskToken`): the
 * execution waits for the county's decision on a submitted division or a late completion. This
 * function only stores the task token on the execution record; the route that records the
 * decision completes the task with it (`resumeAfterDecision`). The wait's timeout is the next
 * reminder or deadline check, so a decision the county owes never holds up other deadlines.
 */
import { townshipScope, type ElectionStore } from '@township/store';
import { taskDeps, type TaskDeps } from './deps';
import { loadFacts } from './round-dates';
import { getTaskTokens, type TaskTokens } from './task-tokens';
import type { AwaitApprovalInput } from './types';

export async function awaitApproval(input: AwaitApprovalInput, deps: TaskDeps = taskDeps(), tokens: TaskTokens = getTaskTokens()): Promise<void> {
  const { execution: ref, taskToken } = input;
  const scope = townshipScope(ref.countyId, ref.townshipId);
  await deps.store.executions.progress(scope, ref.roundId, ref.name, { approvalToken: taskToken, updatedAt: deps.now().toISOString() });
  // Decided between Plan and now (the route found no token yet): complete the wait at once.
  const facts = await loadFacts(deps.store, ref);
  if (facts.stale || facts.awaiting.length === 0) await tokens.succeed(taskToken, { decided: true });
}

/**
 * After a decision is committed: the waiting execution goes on at once (it plans again on the new
 * facts). Nothing waits when the execution is between two waits: it reads the facts at its next Plan.
 */
export async function resumeAfterDecision(store: ElectionStore, countyId: string, townshipId: string, roundId: string, tokens: TaskTokens = getTaskTokens()): Promise<void> {
  const execution = await store.executions.get(townshipScope(countyId, townshipId), roundId);
  if (execution?.status === 'running' && execution.approvalToken) await tokens.succeed(execution.approvalToken, { decided: true });
}

/** The Lambda entry point (the AwaitApproval state's `FunctionName`). */
export const handler = (input: AwaitApprovalInput) => awaitApproval(input);
