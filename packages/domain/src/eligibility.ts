/**
 * Age eligibility (选民资格, EL 4; DOMAIN.md "Validation"): a citizen who has reached 18 on
 * election day may vote — born on or before election day minus 18 years. Someone born on
 * 29 February reaches 18 on 1 March of a non-leap year (the anniversary does not exist), so the
 * cut-off for an election day of 29 February is 28 February eighteen years before.
 */
import { DomainError } from './errors';
import { isIsoDate, type IsoDate } from './dates';

export const VOTING_AGE = 18;

/** The latest birth date of a person who may vote on `electionDay`. */
export function latestEligibleBirthDate(electionDay: IsoDate, votingAge = VOTING_AGE): IsoDate {
  if (!isIsoDate(electionDay)) throw new DomainError('INVALID_DATE', `not a calendar date: ${electionDay}`, { field: 'electionDay' });
  const year = String(Number(electionDay.slice(0, 4)) - votingAge).padStart(4, '0');
  const candidate = `${year}${electionDay.slice(4)}`;
  return isIsoDate(candidate) ? candidate : `${year}-02-28`;
}

/** True when a person born on `birthDate` is 18 or older on `electionDay`. */
export function isOfVotingAge(birthDate: IsoDate, electionDay: IsoDate): boolean {
  if (!isIsoDate(birthDate)) throw new DomainError('INVALID_DATE', `not a calendar date: ${birthDate}`, { field: 'birthDate' });
  return birthDate <= latestEligibleBirthDate(electionDay);
}

/** Age in whole years on `on` (for statistics by age band). */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) >= birthDate.slice(5) ? years : years - 1;
}
