/**
 * The rule settings of one election round (换届选举).
 *
 * Figures the law fixes nationally are the defaults; where a province differs (DOMAIN.md: BJ, SH,
 * SD, ZJ) or where a figure comes from practice rather than statute, the county changes it for
 * its round. All durations are calendar days.
 */
import { DomainError } from './errors';
import type { FieldProblem } from './errors';

/** How a unit's population is counted for seat allocation. */
export type PopulationBasis = 'registered' | 'resident';

export interface RoundSettings {
  /** Voter list (选民名单) published at the latest E − n. EL 28; ZJ 33: 20. */
  voterListDaysBefore: number;
  /** Objections (申诉) to the list may be filed within n days of publication. EL 29: 5. */
  objectionFilingDays: number;
  /** The election committee decides an objection within n days. EL 29: 3. */
  objectionDecisionDays: number;
  /** Last day to take the committee's decision to court: E − n. EL 29: 5. */
  courtDeadlineDaysBefore: number;
  /** Late registration (补充登记) at the latest E − n; null = no such stage. ZJ 29 uses 12. */
  lateRegistrationDaysBefore: number | null;
  /** Nominee list (推荐的代表候选人名单) published at the latest E − n. EL 32: 15. */
  nomineeListDaysBefore: number;
  /** Final candidate list (正式代表候选人名单) published at the latest E − n. EL 32: 7. */
  candidateListDaysBefore: number;
  /** Runoff (另行选举) held within n days after E. No statute: a setting, default 15. */
  runoffWithinDays: number;
  /** Tolerated deviation of population per deputy from the average, ±%. Practice: 20. */
  deviationTolerancePct: number;
  /** Extra deputies a province grants, % of the total (0–5). EL 12: 另加百分之五. */
  provincialExtraPct: number;
  /** Population counted for apportionment: registered (户籍) or resident (常住). */
  populationBasis: PopulationBasis;
  /** Days before each deadline on which reminders go out. */
  reminderDaysBefore: number[];
  /** Local time of day ('HH:MM') at which reminders go out. */
  reminderTime: string;
}

/** The national rules (EL) and the practice defaults. */
export const NATIONAL_DEFAULTS: RoundSettings = Object.freeze({
  voterListDaysBefore: 20,
  objectionFilingDays: 5,
  objectionDecisionDays: 3,
  courtDeadlineDaysBefore: 5,
  lateRegistrationDaysBefore: null,
  nomineeListDaysBefore: 15,
  candidateListDaysBefore: 7,
  runoffWithinDays: 15,
  deviationTolerancePct: 20,
  provincialExtraPct: 0,
  populationBasis: 'registered',
  reminderDaysBefore: Object.freeze([7, 3, 1]) as unknown as number[],
  reminderTime: '09:00',
}) as RoundSettings;

const KEYS = Object.keys(NATIONAL_DEFAULTS) as Array<keyof RoundSettings>;
const REMINDER_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const isNonNegativeInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isPositiveInteger = (v: unknown): v is number => isNonNegativeInteger(v) && v >= 1;

/**
 * Every problem with a complete settings object (empty = valid). Beyond types and ranges it
 * checks the order the timeline needs: list publication ≥ nominee list ≥ candidate list ≥ 0 days
 * before E (EL 28, EL 32), so that the list comes first and the candidates last.
 */
export function validateSettings(s: RoundSettings): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string): void => {
    problems.push({ field, message });
  };
  for (const key of ['voterListDaysBefore', 'courtDeadlineDaysBefore', 'nomineeListDaysBefore', 'candidateListDaysBefore'] as const) {
    if (!isNonNegativeInteger(s[key])) add(key, 'must be a whole number of days, 0 or more');
  }
  for (const key of ['objectionFilingDays', 'objectionDecisionDays', 'runoffWithinDays'] as const) {
    if (!isPositiveInteger(s[key])) add(key, 'must be a whole number of days, 1 or more');
  }
  if (s.lateRegistrationDaysBefore !== null && !isNonNegativeInteger(s.lateRegistrationDaysBefore)) {
    add('lateRegistrationDaysBefore', 'must be null (no late registration) or a whole number of days, 0 or more');
  }
  if (
    isNonNegativeInteger(s.voterListDaysBefore) &&
    isNonNegativeInteger(s.nomineeListDaysBefore) &&
    s.nomineeListDaysBefore > s.voterListDaysBefore
  ) {
    add('nomineeListDaysBefore', 'the nominee list cannot be due before the voter list (EL 28, EL 32)');
  }
  if (
    isNonNegativeInteger(s.nomineeListDaysBefore) &&
    isNonNegativeInteger(s.candidateListDaysBefore) &&
    s.candidateListDaysBefore > s.nomineeListDaysBefore
  ) {
    add('candidateListDaysBefore', 'the candidate list cannot be due before the nominee list (EL 32)');
  }
  if (typeof s.deviationTolerancePct !== 'number' || !Number.isFinite(s.deviationTolerancePct) || s.deviationTolerancePct < 0 || s.deviationTolerancePct > 100) {
    add('deviationTolerancePct', 'must be a percentage between 0 and 100');
  }
  if (typeof s.provincialExtraPct !== 'number' || !Number.isFinite(s.provincialExtraPct) || s.provincialExtraPct < 0 || s.provincialExtraPct > 5) {
    add('provincialExtraPct', 'must be between 0 and 5 percent (EL 12)');
  }
  if (s.populationBasis !== 'registered' && s.populationBasis !== 'resident') {
    add('populationBasis', "must be 'registered' or 'resident'");
  }
  if (!Array.isArray(s.reminderDaysBefore)) {
    add('reminderDaysBefore', 'must be a list of day counts');
  } else {
    s.reminderDaysBefore.forEach((d, i) => {
      if (!isNonNegativeInteger(d)) add(`reminderDaysBefore.${i}`, 'must be a whole number of days, 0 or more');
    });
  }
  if (typeof s.reminderTime !== 'string' || !REMINDER_TIME.test(s.reminderTime)) {
    add('reminderTime', "must be a time of day 'HH:MM' (00:00–23:59)");
  }
  return problems;
}

/**
 * The settings of a round: the national defaults overridden by the county's choices. Keys that are
 * absent or `undefined` keep the default; unknown keys are ignored. The reminder days come back
 * de-duplicated and sorted from the earliest reminder to the last (descending).
 * Throws DomainError INVALID_SETTINGS (field = the first bad key, details.problems = all).
 */
export function resolveSettings(partial: Partial<RoundSettings> = {}): RoundSettings {
  const merged: Record<string, unknown> = { ...NATIONAL_DEFAULTS };
  for (const key of KEYS) {
    const value = (partial as Record<string, unknown>)[key];
    if (value !== undefined) merged[key] = value;
  }
  const settings = merged as unknown as RoundSettings;
  const problems = validateSettings(settings);
  const first = problems[0];
  if (first) {
    throw new DomainError('INVALID_SETTINGS', `${first.field}: ${first.message}`, { field: first.field, details: { problems } });
  }
  return { ...settings, reminderDaysBefore: [...new Set(settings.reminderDaysBefore)].sort((a, b) => b - a) };
}
