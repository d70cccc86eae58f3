import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../src/dates';
import { ageOn, isOfVotingAge, latestEligibleBirthDate } from '../src/eligibility';

describe('EL 4 — 18 or older on election day (born on or before E minus 18 years)', () => {
  it.each([
    ['2008-11-10', '2026-11-10', true], // 18 exactly on election day
    ['2008-11-11', '2026-11-10', false], // 18 the day after
    ['2008-11-09', '2026-11-10', true],
    ['1930-01-01', '2026-11-10', true],
    ['2008-02-29', '2026-02-28', false], // reaches 18 on 1 March 2026
    ['2008-02-29', '2026-03-01', true],
    ['2010-02-28', '2028-02-29', true],
    ['2010-03-01', '2028-02-29', false],
    ['2008-02-29', '2026-11-10', true],
  ])('born %s, election day %s → %s', (birth, electionDay, expected) => {
    expect(isOfVotingAge(birth, electionDay)).toBe(expected);
  });

  it('the cut-off of an election day on 29 February is 28 February', () => {
    expect(latestEligibleBirthDate('2028-02-29')).toBe('2010-02-28');
  });

  it('refuses a non-date', () => {
    expect(() => isOfVotingAge('2008-02-30', '2026-11-10')).toThrow(/calendar date/);
  });

  const day = fc.integer({ min: 0, max: 40_000 }).map((n) => addDays('1940-01-01', n));

  it('property: eligible exactly when the age on election day is 18 or more', () => {
    fc.assert(
      fc.property(day, day, (birth, electionDay) => {
        fc.pre(birth <= electionDay);
        expect(isOfVotingAge(birth, electionDay)).toBe(ageOn(birth, electionDay) >= 18);
      }),
    );
  });

  it('property: the boundary — the cut-off is eligible, the next day is not', () => {
    fc.assert(
      fc.property(day, (electionDay) => {
        const cutoff = latestEligibleBirthDate(electionDay);
        expect(isOfVotingAge(cutoff, electionDay)).toBe(true);
        expect(isOfVotingAge(addDays(cutoff, 1), electionDay)).toBe(false);
      }),
    );
  });
});
