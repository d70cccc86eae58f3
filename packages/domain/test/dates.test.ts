import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates, daysBetween, fromDayNumber, isIsoDate, todayIn, toDayNumber } from '../src/dates';
import { DomainError } from '../src/errors';

const isoOf = (d: Date): string => d.toISOString().slice(0, 10);
const dateArb = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true });
const isoArb = dateArb.map(isoOf);

describe('EL 11 — calendar dates of the election (选举日 and the days counted from it)', () => {
  it.each([
    ['2026-11-10', true],
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-01', false],
    ['2026-11-10T00:00:00Z', false],
    ['0000-01-01', false],
    ['9999-12-31', true],
    ['', false],
  ])('isIsoDate(%j) = %s', (s, expected) => {
    expect(isIsoDate(s)).toBe(expected);
  });

  it.each([
    // The published case (DOMAIN.md): E = 11-10 → list 10-21 (E−20), nominees 10-26 (E−15), candidates 11-03 (E−7).
    ['2026-11-10', -20, '2026-10-21'],
    ['2026-11-10', -15, '2026-10-26'],
    ['2026-11-10', -7, '2026-11-03'],
    ['2026-11-10', 15, '2026-11-25'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-11-10', 0, '2026-11-10'],
  ])('addDays(%s, %i) = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it('daysBetween is b − a', () => {
    expect(daysBetween('2026-10-21', '2026-11-10')).toBe(20);
    expect(daysBetween('2026-11-10', '2026-10-21')).toBe(-20);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('compareDates orders dates', () => {
    expect(compareDates('2026-10-21', '2026-11-10')).toBe(-1);
    expect(compareDates('2026-11-10', '2026-11-10')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
    expect(['2026-11-10', '2026-10-21', '2026-11-03'].sort(compareDates)).toEqual(['2026-10-21', '2026-11-03', '2026-11-10']);
  });

  it('rejects non-dates and fractional day counts with a DomainError', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(DomainError);
    expect(() => addDays('2026-11-10', 1.5)).toThrow(DomainError);
    expect(() => daysBetween('2026-11-10', 'soon')).toThrow(DomainError);
    expect(() => compareDates('x', '2026-11-10')).toThrow(DomainError);
    expect(() => addDays('9999-12-31', 1)).toThrow(DomainError);
    try {
      toDayNumber('2026-02-30', 'electionDay');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('INVALID_DATE');
      expect((e as DomainError).field).toBe('electionDay');
    }
  });

  it('day numbers count from 1970-01-01', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(-1)).toBe('1969-12-31');
    expect(toDayNumber('0001-01-01')).toBe(-719162);
  });

  it('property: agrees with UTC Date arithmetic', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        expect(addDays(isoOf(d), n)).toBe(isoOf(new Date(d.getTime() + n * 86_400_000)));
      }),
    );
  });

  it('property: addDays and daysBetween are inverse; compareDates matches the sign of daysBetween', () => {
    fc.assert(
      fc.property(isoArb, isoArb, fc.integer({ min: -10_000, max: 10_000 }), (a, b, n) => {
        expect(isIsoDate(a)).toBe(true);
        expect(addDays(addDays(a, n), -n)).toBe(a);
        expect(daysBetween(a, addDays(a, n))).toBe(n);
        expect(addDays(a, daysBetween(a, b))).toBe(b);
        expect(compareDates(a, b)).toBe(Math.sign(daysBetween(b, a)) || 0);
        expect(compareDates(a, b)).toBe(-compareDates(b, a) || 0);
        expect(compareDates(a, b)).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });
});

describe('todayIn — the local calendar day (callers use Asia/Shanghai)', () => {
  it.each([
    ['2026-11-09T16:30:00Z', 'Asia/Shanghai', '2026-11-10'],
    ['2026-11-09T15:59:59Z', 'Asia/Shanghai', '2026-11-09'],
    ['2026-11-09T16:00:00Z', 'Asia/Shanghai', '2026-11-10'],
    ['2026-11-09T16:30:00Z', 'UTC', '2026-11-09'],
    ['2026-11-10T05:00:00Z', 'America/Los_Angeles', '2026-11-09'],
    ['2026-12-31T16:00:00Z', 'Asia/Shanghai', '2027-01-01'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(todayIn(zone, new Date(instant))).toBe(expected);
  });

  it('rejects an unknown zone and an invalid instant', () => {
    expect(() => todayIn('Mars/Olympus_Mons', new Date())).toThrow(expect.objectContaining({ code: 'INVALID_TIME_ZONE' }));
    expect(() => todayIn('Asia/Shanghai', new Date(Number.NaN))).toThrow(DomainError);
  });

  it('property: in UTC it is the ISO date of the instant', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        expect(todayIn('UTC', d)).toBe(isoOf(d));
        expect(todayIn('Asia/Shanghai', d)).toBe(isoOf(new Date(d.getTime() + 8 * 3_600_000)));
      }),
    );
  });
});
