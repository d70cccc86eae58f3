import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDivision, proposeDistrictSeats } from '../src/districts';

const d = (id: string, population: number, seats: number) => ({ id, population, seats });

describe('EL 25 — districts elect 1–3 deputies, adding up to the township’s allocation', () => {
  it('accepts a division whose seats sum to the allocation, measuring each district (EL 15)', () => {
    const check = checkDivision(5, [d('a', 6000, 3), d('b', 4200, 2)], 20);
    expect(check.problems).toEqual([]);
    expect(check.averagePopulationPerDeputy).toBe(2040);
    expect(check.districts).toEqual([
      { id: 'a', population: 6000, seats: 3, populationPerDeputy: 2000, deviationPct: -1.96, withinTolerance: true },
      { id: 'b', population: 4200, seats: 2, populationPerDeputy: 2100, deviationPct: 2.94, withinTolerance: true },
    ]);
  });

  it.each([
    [[d('a', 1000, 4), d('b', 1000, 1)], 5, 'districts.0.seats'],
    [[d('a', 1000, 0), d('b', 1000, 5)], 5, 'districts.0.seats'],
    [[d('a', 1000, 2), d('b', 1000, 2)], 5, 'districts'],
    [[d('a', 0, 2), d('b', 1000, 3)], 5, 'districts.0.population'],
    [[], 5, 'districts'],
  ])('refuses %j for an allocation of %i (%s)', (districts, seats, field) => {
    expect(checkDivision(seats, districts, 20).problems.map((p) => p.field)).toContain(field);
  });

  it('cannot be submitted before the county confirms the allocation', () => {
    expect(checkDivision(null, [d('a', 1000, 1)], 20).problems.map((p) => p.field)).toEqual(['allocatedSeats']);
  });

  it('flags a deviation beyond the tolerance, at the boundary inclusive', () => {
    // average 1000; a: 1200 per deputy (+20%), b: 800 (−20%), c: 1000.
    const check = checkDivision(3, [d('a', 1200, 1), d('b', 800, 1), d('c', 1000, 1)], 20);
    expect(check.districts.map((x) => [x.deviationPct, x.withinTolerance])).toEqual([[20, true], [-20, true], [0, true]]);
    expect(checkDivision(3, [d('a', 1201, 1), d('b', 799, 1), d('c', 1000, 1)], 20).districts.map((x) => x.withinTolerance)).toEqual([false, false, true]);
  });

  it('property: a proposal gives every district 1–3 seats adding up to the allocation', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 1000 }), (pops, pick) => {
        const seats = pops.length + (pick % (2 * pops.length + 1));
        const units = pops.map((population, i) => ({ id: `d${i}`, population }));
        const proposal = proposeDistrictSeats(seats, units);
        const check = checkDivision(seats, proposal.allocations.map((a) => d(a.id, a.population, a.seats)), 20);
        expect(check.problems).toEqual([]);
        expect(check.totalSeats).toBe(seats);
      }),
    );
  });
});

describe('the division is editable until the division phase ends, else until the voter list deadline', () => {
  it.each([
    [[{ stage: 'districtDivision', deadline: '2026-09-30' }, { stage: 'voterListPublication', deadline: '2026-10-21' }], '2026-09-30'],
    [[{ stage: 'voterListPublication', deadline: '2026-10-21' }], '2026-10-21'],
    [[], null],
  ])('%j → %s', async (timeline, expected) => {
    const { divisionEditableUntil } = await import('../src/districts');
    expect(divisionEditableUntil(timeline)).toBe(expected);
  });
});
