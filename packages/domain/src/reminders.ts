/**
 * Reminders (提醒) and deadline checks (逾期督办) of a township's timeline: when each goes out, which
 * are due at a wake-up, and the Chinese text the responsible people read. Pure: the caller passes
 * the clock and the facts (which stages are done, on which date).
 *
 * Each deadline of a stage the township itself must complete gets a reminder at `reminderTime`
 * (county time) on each of `reminderDaysBefore` days before it (default 7, 3, 1 at 09:00), and a
 * check at the first instant after the deadline day (00:00 of the next day): the deadline is the
 * last allowed day ("N日以前", DOMAIN.md), so it is missed only once that day has ended.
 */
import { addDays, compareDates, isIsoDate } from './dates';
import type { IsoDate } from './dates';
import { DomainError } from './errors';
import type { RoundSettings } from './settings';
import type { StageKey } from './stages';
import type { TimelineEntry } from './timeline';

/**
 * The stages a township completes itself and is therefore reminded of and checked on. Objections
 * and court decisions are the voters' and the court's windows, results have no date (EL 46) and
 * the runoff happens only where seats are unfilled (EL 45): none of them is the township's deadline.
 */
export const TRACKED_STAGES: readonly StageKey[] = Object.freeze([
  'preparation',
  'districtDivision',
  'registration',
  'voterListPublication',
  'nomineeList',
  'candidateList',
  'voting',
] as const);

export interface TimelineEvent {
  kind: 'reminder' | 'deadline';
  stage: StageKey;
  deadline: IsoDate;
  /** Days before the deadline (reminders); null for the deadline check. */
  daysBefore: number | null;
  /** The instant, ISO 8601 UTC (`toISOString`): comparable as strings. */
  at: string;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function offsetMinutes(timeZone: string, instant: number): number {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      });
    } catch {
      throw new DomainError('INVALID_TIME_ZONE', `unknown time zone: ${timeZone}`, { field: 'timeZone' });
    }
    partsFormatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(instant))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
  return Math.round((local - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/** The instant at which the wall clock of `timeZone` shows `date` `time` ('HH:MM'). */
export function zonedInstant(date: IsoDate, time: string, timeZone: string): Date {
  if (!isIsoDate(date)) throw new DomainError('INVALID_DATE', `not a calendar date: ${date}`, { field: 'date' });
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) throw new DomainError('INVALID_TIME', `not a time of day 'HH:MM': ${time}`, { field: 'time' });
  const wall = Date.parse(`${date}T${m[1]}:${m[2]}:00Z`);
  // Two passes settle the offset even across a daylight-saving change (none in Asia/Shanghai).
  let guess = wall - offsetMinutes(timeZone, wall) * 60_000;
  guess = wall - offsetMinutes(timeZone, guess) * 60_000;
  return new Date(guess);
}

const EVENT_ORDER = (a: TimelineEvent, b: TimelineEvent) =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.kind === b.kind ? a.stage.localeCompare(b.stage) : a.kind === 'deadline' ? -1 : 1;

/** Every reminder and deadline check of the timeline's tracked stages, in time order. */
export function timelineEvents(
  timeline: ReadonlyArray<TimelineEntry>,
  settings: Pick<RoundSettings, 'reminderDaysBefore' | 'reminderTime'>,
  timeZone: string,
): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const entry of timeline) {
    if (!TRACKED_STAGES.includes(entry.stage) || entry.deadline === null) continue;
    const deadline = entry.deadline;
    for (const d of new Set(settings.reminderDaysBefore)) {
      const at = zonedInstant(addDays(deadline, -d), settings.reminderTime, timeZone).toISOString();
      events.push({ kind: 'reminder', stage: entry.stage, deadline, daysBefore: d, at });
    }
    events.push({ kind: 'deadline', stage: entry.stage, deadline, daysBefore: null, at: zonedInstant(addDays(deadline, 1), '00:00', timeZone).toISOString() });
  }
  return events.sort(EVENT_ORDER);
}

/** Stage → the date it was recorded done (a fact the capabilities record). */
export type DoneFacts = Partial<Record<StageKey, IsoDate>>;

/**
 * The next instant the township's execution must wake: the earliest event after `cursor` (the
 * last wake-up handled; null before the first) of a stage not yet done. An event already past
 * gives `now`, so that everything missed while the execution was not running (it was started
 * late, or restarted on new dates) is handled together at once. Null: nothing is left to do.
 */
export function nextWake(events: ReadonlyArray<TimelineEvent>, done: DoneFacts, cursor: string | null, now: Date): string | null {
  const pending = events.find((e) => (cursor === null || e.at > cursor) && done[e.stage] === undefined);
  if (!pending) return null;
  const nowIso = now.toISOString();
  return pending.at < nowIso ? nowIso : pending.at;
}

export type DueAction =
  | { kind: 'remind'; stage: StageKey; deadline: IsoDate; daysBefore: number; at: string }
  | { kind: 'escalate'; stage: StageKey; deadline: IsoDate; at: string };

/**
 * What a wake-up at `wakeAt` must do for the events in (cursor, wakeAt]: escalate each deadline
 * whose stage was not done by that day (逾期), and remind of each stage not yet done whose deadline
 * has not passed — once per stage, with the latest reminder due (a catch-up after a restart sends
 * the 3-day reminder, not the 7-day one as well). A stage done on or before its deadline is met;
 * no reminder goes out for a done stage.
 */
export function dueActions(events: ReadonlyArray<TimelineEvent>, done: DoneFacts, cursor: string | null, wakeAt: string): DueAction[] {
  const batch = events.filter((e) => (cursor === null || e.at > cursor) && e.at <= wakeAt);
  const actions: DueAction[] = [];
  const checked = new Set<StageKey>();
  for (const e of batch) {
    if (e.kind !== 'deadline') continue;
    checked.add(e.stage);
    const doneOn = done[e.stage];
    if (doneOn === undefined || compareDates(doneOn, e.deadline) > 0) actions.push({ kind: 'escalate', stage: e.stage, deadline: e.deadline, at: e.at });
  }
  const latest = new Map<StageKey, TimelineEvent>();
  for (const e of batch) {
    if (e.kind !== 'reminder' || checked.has(e.stage) || done[e.stage] !== undefined) continue;
    const prior = latest.get(e.stage);
    if (!prior || e.at > prior.at) latest.set(e.stage, e);
  }
  for (const e of latest.values()) actions.push({ kind: 'remind', stage: e.stage, deadline: e.deadline, daysBefore: e.daysBefore!, at: e.at });
  return actions;
}

export type StageStatus = 'not_started' | 'in_progress' | 'done' | 'overdue';

/**
 * A stage's status on `today`: done (on its date) comes first; a deadline that has passed without
 * it is overdue; a stage that has opened (by date, or — opening on an event — being the current
 * stage) is in progress; else not started.
 */
export function stageStatus(entry: TimelineEntry, doneOn: IsoDate | undefined, today: IsoDate, current: StageKey): StageStatus {
  if (doneOn !== undefined) return 'done';
  if (entry.deadline !== null && compareDates(entry.deadline, today) < 0) return 'overdue';
  if (entry.opens !== null ? compareDates(entry.opens, today) <= 0 : current === entry.stage) return 'in_progress';
  return 'not_started';
}
