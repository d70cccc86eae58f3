/**
 * One execution per township election: started when the county opens a round (for each township)
 * or adds a township (for each open round); stopped and started again under a new name when the
 * county moves the dates, so every running execution is on the new dates at once — including
 * deadlines that moved earlier, which a Wait already under way could not catch.
 */
import { todayIn } from '@township/domain';
import { countyScope, townshipScope, type ElectionStore, type RoundRecord } from '@township/store';
import { datesKey } from './round-dates';
import type { TimelineStarter } from './starter';

export const executionName = (townshipId: string, round: Pick<RoundRecord, 'id' | 'version'>) => `t${townshipId}-r${round.id}-v${round.version}`;

/** Starts (or restarts, on new dates) the execution of one township election. Idempotent. */
export async function startTimeline(store: ElectionStore, starter: TimelineStarter, round: RoundRecord, townshipId: string, at: Date): Promise<void> {
  const scope = townshipScope(round.countyId, townshipId);
  const key = datesKey(round);
  const existing = await store.executions.get(scope, round.id);
  if (existing && existing.datesKey === key && existing.status !== 'stopped') return;
  const ref = { countyId: round.countyId, townshipId, roundId: round.id, name: executionName(townshipId, round), datesKey: key };
  const startedAt = at.toISOString();
  // The record names the new execution first: the old one's progress writes stop counting at once.
  await store.executions.put(scope, {
    roundId: round.id,
    townshipId,
    name: ref.name,
    executionId: '',
    datesKey: key,
    status: 'running',
    nextWakeAt: null,
    lastWakeAt: null,
    startedAt,
    updatedAt: startedAt,
  });
  if (existing && existing.status === 'running' && existing.executionId) await starter.stop(existing.executionId, `dates changed (round v${round.version})`);
  const executionId = await starter.start(ref);
  await store.executions.progress(scope, round.id, ref.name, { executionId, updatedAt: at.toISOString() });
}

/** Every township of the round's county: on opening the round, or after its dates moved. */
export async function startRoundTimelines(store: ElectionStore, starter: TimelineStarter, round: RoundRecord, at: Date): Promise<void> {
  const townships = await store.townships.all(countyScope(round.countyId));
  for (const t of townships) await startTimeline(store, starter, round, t.id, at);
}

/** A township added to the county joins every round whose election day is still ahead. */
export async function startTownshipTimelines(store: ElectionStore, starter: TimelineStarter, countyId: string, townshipId: string, at: Date): Promise<void> {
  const county = countyScope(countyId);
  let cursor: string | undefined;
  do {
    const page = await store.rounds.list(county, { limit: 50, ...(cursor ? { cursor } : {}) });
    for (const round of page.items) {
      if (round.electionDay >= todayIn(round.timeZone, at)) await startTimeline(store, starter, round, townshipId, at);
    }
    cursor = page.nextCursor;
  } while (cursor);
}
