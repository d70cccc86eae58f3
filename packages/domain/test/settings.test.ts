import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors';
import { NATIONAL_DEFAULTS, resolveSettings, validateSettings } from '../src/settings';
import type { RoundSettings } from '../src/settings';

describe('EL 28, 29, 32; ZJ 29 — national defaults of the round settings', () => {
  it.each<[keyof RoundSettings, unknown, string]>([
    ['voterListDaysBefore', 20, 'EL 28: voter list published 20 days before E'],
    ['objectionFilingDays', 5, 'EL 29: objections within 5 days of publication'],
    ['objectionDecisionDays', 3, 'EL 29: decision within 3 days'],
    ['courtDeadlineDaysBefore', 5, 'EL 29: court 5 days before E'],
    ['lateRegistrationDaysBefore', null, 'ZJ 29 is provincial: no late registration nationally'],
    ['nomineeListDaysBefore', 15, 'EL 32: nominees 15 days before E'],
    ['candidateListDaysBefore', 7, 'EL 32: candidates 7 days before E'],
    ['runoffWithinDays', 15, 'no statute: setting'],
    ['deviationTolerancePct', 20, 'practice: ±20%'],
    ['provincialExtraPct', 0, 'EL 12: a province may add up to 5%'],
    ['populationBasis', 'registered', 'setting'],
    ['reminderDaysBefore', [7, 3, 1], 'setting'],
    ['reminderTime', '09:00', 'setting'],
  ])('%s = %j (%s)', (key, value) => {
    expect(NATIONAL_DEFAULTS[key]).toEqual(value);
  });

  it('the defaults are valid and cannot be mutated', () => {
    expect(validateSettings(NATIONAL_DEFAULTS)).toEqual([]);
    expect(Object.isFrozen(NATIONAL_DEFAULTS)).toBe(true);
  });
});

describe('resolveSettings — provincial and county variations on the national rules', () => {
  it('without input gives the national defaults (in a fresh object)', () => {
    const s = resolveSettings();
    expect(s).toEqual(NATIONAL_DEFAULTS);
    expect(s).not.toBe(NATIONAL_DEFAULTS);
    expect(s.reminderDaysBefore).not.toBe(NATIONAL_DEFAULTS.reminderDaysBefore);
  });

  it('ZJ 29: Zhejiang adds late registration at E−12', () => {
    expect(resolveSettings({ lateRegistrationDaysBefore: 12 })).toEqual({ ...NATIONAL_DEFAULTS, lateRegistrationDaysBefore: 12 });
  });

  it('undefined keeps the default; unknown keys are ignored', () => {
    const s = resolveSettings({ voterListDaysBefore: undefined, ...({ color: 'red' } as object) } as Partial<RoundSettings>);
    expect(s).toEqual(NATIONAL_DEFAULTS);
  });

  it('reminder days are de-duplicated and sorted from the first reminder to the last', () => {
    expect(resolveSettings({ reminderDaysBefore: [1, 7, 3, 7, 0] }).reminderDaysBefore).toEqual([7, 3, 1, 0]);
  });

  it.each<[Partial<RoundSettings>, string]>([
    [{ voterListDaysBefore: -1 }, 'voterListDaysBefore'],
    [{ voterListDaysBefore: 2.5 }, 'voterListDaysBefore'],
    [{ objectionFilingDays: 0 }, 'objectionFilingDays'],
    [{ objectionDecisionDays: 0 }, 'objectionDecisionDays'],
    [{ runoffWithinDays: 0 }, 'runoffWithinDays'],
    [{ courtDeadlineDaysBefore: -5 }, 'courtDeadlineDaysBefore'],
    [{ lateRegistrationDaysBefore: -12 }, 'lateRegistrationDaysBefore'],
    // EL 28 then EL 32: the voter list comes before the nominees, the nominees before the candidates.
    [{ nomineeListDaysBefore: 21 }, 'nomineeListDaysBefore'],
    [{ candidateListDaysBefore: 16 }, 'candidateListDaysBefore'],
    [{ deviationTolerancePct: -1 }, 'deviationTolerancePct'],
    // EL 12: the provincial extra is at most 5%.
    [{ provincialExtraPct: 6 }, 'provincialExtraPct'],
    [{ provincialExtraPct: -1 }, 'provincialExtraPct'],
    [{ populationBasis: 'hukou' as never }, 'populationBasis'],
    [{ reminderDaysBefore: [3, -1] }, 'reminderDaysBefore.1'],
    [{ reminderTime: '9:00' }, 'reminderTime'],
    [{ reminderTime: '24:00' }, 'reminderTime'],
  ])('rejects %j (field %s)', (partial, field) => {
    try {
      resolveSettings(partial);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('INVALID_SETTINGS');
      expect((e as DomainError).field).toBe(field);
    }
  });

  it('reports every problem in details', () => {
    try {
      resolveSettings({ voterListDaysBefore: -1, reminderTime: 'noon' });
      expect.unreachable();
    } catch (e) {
      const problems = ((e as DomainError).details as { problems: Array<{ field: string }> }).problems;
      expect(problems.map((p) => p.field)).toEqual(['voterListDaysBefore', 'reminderTime']);
    }
  });

  it('accepts a stricter province (e.g. list 25 days, nominees 20, candidates 10 before E)', () => {
    const s = resolveSettings({ voterListDaysBefore: 25, nomineeListDaysBefore: 20, candidateListDaysBefore: 10, provincialExtraPct: 5 });
    expect(s.voterListDaysBefore).toBe(25);
    expect(s.provincialExtraPct).toBe(5);
  });
});
