/** The deadline items of a township election, as the due index and the digest read them. */
import { compareDates, todayIn, TRACKED_STAGES, type DoneFacts, type StageKey, type TimelineEntry } from '@township/domain';
import type { DeadlineRecord } from '@township/store';

export function deadlineRecords(
  timeline: ReadonlyArray<TimelineEntry>,
  done: DoneFacts,
  ref: { countyId: string; townshipId: string; roundId: string; datesKey: string },
  timeZone: string,
  now: Date,
): DeadlineRecord[] {
  const today = todayIn(timeZone, now);
  return timeline
    .filter((e): e is TimelineEntry & { deadline: string } => TRACKED_STAGES.includes(e.stage) && e.deadline !== null)
    .map((e) => ({
      countyId: ref.countyId,
      townshipId: ref.townshipId,
      roundId: ref.roundId,
      stage: e.stage,
      deadline: e.deadline,
      datesKey: ref.datesKey,
      status: done[e.stage as StageKey] !== undefined ? 'done' : compareDates(e.deadline, today) < 0 ? 'overdue' : 'open',
    }));
}
