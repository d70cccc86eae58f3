/**
 * The county's implementation plan (实施方案): the phases before the statutory timeline —
 * preparation and training (准备和培训), district division and seat allocation (划分选区和分配代表
 * 名额), voter registration (选民登记). Their dates are not in the law: the county sets them for
 * the round and townships may not move them. They must fit the law's deadlines: everything ends
 * before election day, and registration ends by the voter-list publication deadline
 * E − voterListDaysBefore (EL 28; ZJ 33).
 */
import { compareDates, addDays, isIsoDate } from './dates';
import type { IsoDate } from './dates';
import type { FieldProblem } from './errors';
import type { RoundSettings } from './settings';

export type PhaseKey = 'preparation' | 'districtDivision' | 'registration';

export interface Phase {
  key: PhaseKey;
  start: IsoDate;
  end: IsoDate;
}

/** The phases in the order they must appear (and run). */
export const PHASE_ORDER: readonly PhaseKey[] = Object.freeze(['preparation', 'districtDivision', 'registration'] as const);

/**
 * Every problem with the plan's phases (empty = valid), each located by a dotted path
 * `phases.i.key|start|end` (or `electionDay`). Any subset of the phases may be given, in the
 * order of {@link PHASE_ORDER}; each must start no earlier than the previous one starts and end
 * no earlier than it ends (phases may overlap); each must end before election day; registration
 * must end by the voter-list publication deadline E − voterListDaysBefore (EL 28).
 */
export function validatePhases(phases: ReadonlyArray<Phase>, electionDay: IsoDate, settings: RoundSettings): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string): void => {
    problems.push({ field, message });
  };
  const validE = isIsoDate(electionDay);
  if (!validE) add('electionDay', `not a calendar date (YYYY-MM-DD): ${String(electionDay)}`);
  const publicationDeadline = validE ? addDays(electionDay, -settings.voterListDaysBefore) : null;

  const seen = new Set<PhaseKey>();
  let previous: { index: number; rank: number; start: IsoDate | null; end: IsoDate | null } | null = null;
  phases.forEach((phase, i) => {
    const at = `phases.${i}`;
    const rank = PHASE_ORDER.indexOf(phase.key);
    if (rank < 0) add(`${at}.key`, `unknown phase: ${String(phase.key)}`);
    else if (seen.has(phase.key)) add(`${at}.key`, `the phase ${phase.key} appears twice`);
    else if (previous && previous.rank >= 0 && rank < previous.rank) {
      add(`${at}.key`, `the phase ${phase.key} must come before ${PHASE_ORDER[previous.rank]}`);
    }
    if (rank >= 0) seen.add(phase.key);

    const start = isIsoDate(phase.start) ? phase.start : null;
    const end = isIsoDate(phase.end) ? phase.end : null;
    if (!start) add(`${at}.start`, `not a calendar date (YYYY-MM-DD): ${String(phase.start)}`);
    if (!end) add(`${at}.end`, `not a calendar date (YYYY-MM-DD): ${String(phase.end)}`);
    if (start && end && compareDates(start, end) > 0) add(`${at}.end`, `ends (${end}) before it starts (${start})`);

    if (previous) {
      if (start && previous.start && compareDates(start, previous.start) < 0) {
        add(`${at}.start`, `starts (${start}) before the previous phase starts (${previous.start})`);
      }
      if (end && previous.end && compareDates(end, previous.end) < 0) {
        add(`${at}.end`, `ends (${end}) before the previous phase ends (${previous.end})`);
      }
    }

    if (end && validE && compareDates(end, electionDay) >= 0) {
      add(`${at}.end`, `must end before election day (${electionDay})`);
    } else if (end && publicationDeadline && phase.key === 'registration' && compareDates(end, publicationDeadline) > 0) {
      add(
        `${at}.end`,
        `registration must end by ${publicationDeadline}, when the voter list is due (E−${settings.voterListDaysBefore}, EL 28)`,
      );
    }
    previous = { index: i, rank, start, end };
  });
  return problems;
}
