/**
 * Task "Plan" of the timeline state machine: the next instant the execution must wake (the
 * earliest unsent reminder or unchecked deadline of a stage not yet done), or done. On its first
 * run it writes the township's deadlines into the due index. A stale execution (the county has
 * moved the dates and a newer execution took over) ends here.
 */
import { approvalWaitSeconds, nextWake } from '@township/domain';
import { deadlineRecords } from './deadlines';
import { taskDeps, type TaskDeps } from './deps';
import { loadFacts } from './round-dates';
import type { PlanResult, TimelineState } from './types';

export async function plan(input: TimelineState, deps: TaskDeps = taskDeps()): Promise<PlanResult> {
  const at = deps.now();
  const { execution: ref, cursor } = input;
  const facts = await loadFacts(deps.store, ref);
  if (facts.stale) return { done: true, wakeAt: at.toISOString(), approvalWait: false, waitSeconds: 0 };
  if (cursor === null) {
    await Promise.all(
      deadlineRecords(facts.timeline, facts.done, ref, facts.round.timeZone, at).map((d) => deps.store.deadlines.put(facts.scope, d)),
    );
  }
  const wakeAt = nextWake(facts.events, facts.done, cursor, at);
  // A decision the county still owes: the execution waits for it, up to the next wake-up
  // (reminders and checks of other deadlines go on), and plans again.
  const waitSeconds = approvalWaitSeconds(facts.awaiting, wakeAt, at);
  await deps.store.executions.progress(facts.scope, ref.roundId, ref.name, {
    nextWakeAt: wakeAt,
    ...(wakeAt === null ? { status: 'succeeded' as const } : {}),
    updatedAt: at.toISOString(),
  });
  if (wakeAt === null) return { done: true, wakeAt: at.toISOString(), approvalWait: false, waitSeconds: 0 };
  return { done: false, wakeAt, approvalWait: waitSeconds !== null, waitSeconds: waitSeconds ?? 0 };
}

/** The Lambda entry point (`Resource` of the Plan state). */
export const handler = (input: TimelineState) => plan(input);
