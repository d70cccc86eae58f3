/**
 * Task "Act" of the timeline state machine, at a wake-up: reminds the officers of each unmet
 * deadline whose reminder is due, and at a deadline checks the stage — if unmet, marks it overdue
 * and escalates to the county (逾期督办). It re-reads the round first: on dates the county has
 * changed since, it sends nothing (a stale reminder never goes out). Returns the new cursor.
 */
import { dueActions } from '@township/domain';
import { townshipScope } from '@township/store';
import { taskDeps, type TaskDeps } from './deps';
import { notificationsFor, send } from './outbox';
import { loadFacts } from './round-dates';
import type { ActInput } from './types';

export interface ActReport {
  sent: number;
  duplicates: number;
  escalated: string[];
}

export async function act(input: ActInput, deps: TaskDeps = taskDeps(), report?: ActReport): Promise<string> {
  const at = deps.now();
  const facts = await loadFacts(deps.store, input.execution);
  if (facts.stale) return input.wakeAt;
  const { round, township } = facts;
  for (const action of dueActions(facts.events, facts.done, input.cursor, input.wakeAt)) {
    for (const out of notificationsFor(action, township, round.id)) {
      const sent = await send(deps.store, deps.notifier, out, at);
      if (report) sent ? report.sent++ : report.duplicates++;
    }
    if (action.kind === 'escalate') {
      report?.escalated.push(action.stage);
      await deps.store.deadlines.put(townshipScope(township.countyId, township.id), {
        countyId: township.countyId,
        townshipId: township.id,
        roundId: round.id,
        stage: action.stage,
        deadline: action.deadline,
        datesKey: input.execution.datesKey,
        status: 'overdue',
      });
    }
  }
  await deps.store.executions.progress(facts.scope, round.id, input.execution.name, { lastWakeAt: input.wakeAt, updatedAt: at.toISOString() });
  return input.wakeAt;
}

/** The Lambda entry point (`Resource` of the Act state). */
export const handler = (input: ActInput) => act(input);
