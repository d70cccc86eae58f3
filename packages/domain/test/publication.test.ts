import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../src/dates';
import { checkObjectionFiling, checkPublication, isObjectionOverdue, objectionDecisionDue, objectionFilingDeadline } from '../src/publication';

const override = { grantedBy: '县选举委员会', reason: '山区村组登记延误', until: '2026-10-23' };

describe('EL 28 — the voter list is published by E−20, later only with a recorded county override', () => {
  it.each([
    ['2026-10-20', true],
    ['2026-10-21', true], // the deadline day itself
    ['2026-10-22', false],
  ])('on %s with deadline 2026-10-21 → allowed %s', (today, allowed) => {
    expect(checkPublication(today, '2026-10-21').allowed).toBe(allowed);
  });

  it('allows a late publication until the override’s last day, marked late with the override', () => {
    expect(checkPublication('2026-10-23', '2026-10-21', override)).toEqual({ allowed: true, late: true, override });
    expect(checkPublication('2026-10-24', '2026-10-21', override)).toMatchObject({ allowed: false, reason: expect.stringContaining('2026-10-23') });
    expect(checkPublication('2026-10-21', '2026-10-21', override)).toEqual({ allowed: true, late: false });
  });
});

describe('EL 29 — objections within 5 days of publication, decided within 3 days', () => {
  it.each([
    ['2026-10-21', true],
    ['2026-10-26', true], // publication + 5, the last day
    ['2026-10-27', false],
    ['2026-10-20', false], // before publication
  ])('list published 2026-10-21, objection filed %s → allowed %s', (filedOn, allowed) => {
    const check = checkObjectionFiling('2026-10-21', filedOn);
    expect(check.allowed).toBe(allowed);
    expect(check.deadline).toBe('2026-10-26');
    if (!check.allowed && filedOn > '2026-10-26') expect(check.reason).toContain('逾期');
  });

  it.each([
    ['2026-10-27', false, false],
    ['2026-10-28', false, false], // filed 10-25 + 3: the last day to decide
    ['2026-10-29', false, true],
    ['2026-10-29', true, false],
  ])('filed 2026-10-25, on %s, decided %s → overdue %s', (today, decided, overdue) => {
    expect(objectionDecisionDue('2026-10-25')).toBe('2026-10-28');
    expect(isObjectionOverdue('2026-10-25', today, decided)).toBe(overdue);
  });

  const day = fc.integer({ min: 0, max: 20_000 }).map((n) => addDays('2000-01-01', n));

  it('property: filing is allowed exactly on publication day through publication + filing days', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -3, max: 12 }), fc.integer({ min: 1, max: 10 }), (published, offset, days) => {
        expect(checkObjectionFiling(published, addDays(published, offset), days).allowed).toBe(offset >= 0 && offset <= days);
        expect(objectionFilingDeadline(published, days)).toBe(addDays(published, days));
      }),
    );
  });
});
