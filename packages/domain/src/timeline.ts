/**
 * The legal timeline of a round, counted in calendar days from election day E (选举日, EL 11).
 * "N日以前" means the latest allowed date is E − N. Checked against the published case
 * E = 2026-11-10: voter list 10-21, nominees 10-26, candidates 11-03 (DOMAIN.md).
 *
 * | stage                | deadline                           | article        |
 * |----------------------|------------------------------------|----------------|
 * | phases of the plan   | the phase's end                    | 实施方案       |
 * | voterListPublication | E − 20                             | EL 28; ZJ 33   |
 * | objections           | publication + 5                    | EL 29          |
 * | objectionDecisions   | objection + 3                      | EL 29          |
 * | lateRegistration     | E − 12 (only when set; ZJ)         | ZJ 29          |
 * | nomineeList          | E − 15                             | EL 32          |
 * | candidateList        | E − 7                              | EL 32          |
 * | courtDecisions       | E − 5                              | EL 29          |
 * | voting               | E                                  | EL 34          |
 * | results              | after E (no deadline)              | EL 46          |
 * | runoff               | E + 15 (setting, no statute)       | EL 45          |
 */
import { addDays, compareDates, isIsoDate } from './dates';
import type { IsoDate } from './dates';
import { DomainError } from './errors';
import { PHASE_ORDER } from './phases';
import type { Phase } from './phases';
import type { RoundSettings } from './settings';
import { STAGE_INFO, STAGE_ORDER } from './stages';
import type { StageKey } from './stages';

export interface TimelineEntry {
  stage: StageKey;
  titleZh: string;
  title: string;
  /**
   * First day of the stage when the rules fix it (phases, voting, results, runoff); null when the
   * stage opens on an event rather than a date (e.g. objections open on the actual publication).
   */
  opens: IsoDate | null;
  /** Last allowed day; null when the law sets none (results: 'after E'). */
  deadline: IsoDate | null;
  /** How the deadline is derived: 'E−20', 'publication + 5', 'phase end', 'after E', … */
  rule: string;
  article: string;
}

function entry(stage: StageKey, opens: IsoDate | null, deadline: IsoDate | null, rule: string): TimelineEntry {
  const info = STAGE_INFO[stage];
  return { stage, titleZh: info.titleZh, title: info.title, opens, deadline, rule, article: info.article };
}

/**
 * Timeline order: by deadline, entries without a deadline last; equal deadlines in the canonical
 * stage order ({@link STAGE_ORDER}).
 */
export function compareTimelineEntries(a: TimelineEntry, b: TimelineEntry): number {
  if (a.deadline !== b.deadline) {
    if (a.deadline === null) return 1;
    if (b.deadline === null) return -1;
    const byDate = compareDates(a.deadline, b.deadline);
    if (byDate !== 0) return byDate;
  }
  return STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage);
}

const minus = (n: number): string => (n === 0 ? 'E' : `E−${n}`);

/**
 * The timeline of a round with election day `electionDay`, sorted by deadline (null last).
 * The plan's phases, when given, become stages (opens = start, deadline = end). Only their dates
 * and keys are checked here (DomainError INVALID_PHASES on a non-date or a repeated key); the
 * full check of the plan against the law is {@link validatePhases}.
 * Throws DomainError INVALID_DATE (field `electionDay`) on a bad election day.
 */
export function computeTimeline(electionDay: IsoDate, settings: RoundSettings, phases: ReadonlyArray<Phase> = []): TimelineEntry[] {
  if (!isIsoDate(electionDay)) {
    throw new DomainError('INVALID_DATE', `election day is not a calendar date (YYYY-MM-DD): ${String(electionDay)}`, {
      field: 'electionDay',
    });
  }
  const E = electionDay;
  const entries: TimelineEntry[] = [];

  const seen = new Set<string>();
  phases.forEach((phase, i) => {
    if (!PHASE_ORDER.includes(phase.key) || seen.has(phase.key)) {
      throw new DomainError('INVALID_PHASES', `unknown or repeated phase: ${String(phase.key)}`, { field: `phases.${i}.key` });
    }
    seen.add(phase.key);
    for (const side of ['start', 'end'] as const) {
      if (!isIsoDate(phase[side])) {
        throw new DomainError('INVALID_PHASES', `not a calendar date (YYYY-MM-DD): ${String(phase[side])}`, {
          field: `phases.${i}.${side}`,
        });
      }
    }
    entries.push(entry(phase.key, phase.start, phase.end, 'phase end'));
  });

  const publication = addDays(E, -settings.voterListDaysBefore);
  const objections = addDays(publication, settings.objectionFilingDays);
  entries.push(entry('voterListPublication', null, publication, minus(settings.voterListDaysBefore)));
  entries.push(entry('objections', null, objections, `publication + ${settings.objectionFilingDays}`));
  entries.push(entry('objectionDecisions', null, addDays(objections, settings.objectionDecisionDays), `objection + ${settings.objectionDecisionDays}`));
  if (settings.lateRegistrationDaysBefore !== null) {
    entries.push(entry('lateRegistration', null, addDays(E, -settings.lateRegistrationDaysBefore), minus(settings.lateRegistrationDaysBefore)));
  }
  entries.push(entry('nomineeList', null, addDays(E, -settings.nomineeListDaysBefore), minus(settings.nomineeListDaysBefore)));
  entries.push(entry('candidateList', null, addDays(E, -settings.candidateListDaysBefore), minus(settings.candidateListDaysBefore)));
  entries.push(entry('courtDecisions', null, addDays(E, -settings.courtDeadlineDaysBefore), minus(settings.courtDeadlineDaysBefore)));
  entries.push(entry('voting', E, E, 'E'));
  entries.push(entry('results', E, null, 'after E'));
  entries.push(entry('runoff', addDays(E, 1), addDays(E, settings.runoffWithinDays), `E + ${settings.runoffWithinDays}`));

  return entries.sort(compareTimelineEntries);
}

/**
 * The stage a round is in on `today`, judged by dates alone: in timeline order, the first stage
 * whose deadline is today or later, or — for a stage without a deadline (results, EL 46) — which
 * has opened by today. Before everything this is the first stage; a deadline day still belongs to
 * its stage. The runoff (另行选举, EL 45) is skipped: it happens only where a district's tally
 * leaves seats unfilled, so after election day the round is in 'results' until a tally says
 * otherwise (the caller's business, with the facts it records). Throws DomainError on an empty
 * timeline or a bad date.
 */
export function currentStage(timeline: TimelineEntry[], today: IsoDate): StageKey {
  if (!isIsoDate(today)) throw new DomainError('INVALID_DATE', `not a calendar date (YYYY-MM-DD): ${String(today)}`, { field: 'today' });
  const ordered = [...timeline].sort(compareTimelineEntries);
  const last = ordered[ordered.length - 1];
  if (!last) throw new DomainError('INVALID_TIMELINE', 'the timeline is empty', { field: 'timeline' });
  const current = ordered.find((e) =>
    e.stage === 'runoff'
      ? false
      : e.deadline !== null ? compareDates(e.deadline, today) >= 0 : e.opens !== null && compareDates(e.opens, today) <= 0,
  );
  return (current ?? last).stage;
}
