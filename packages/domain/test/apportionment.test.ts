import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportionSeats, applyOverrides, deviationWarnings } from '../src/apportionment';
import type { Apportionment, ApportionmentUnit } from '../src/apportionment';
import { DomainError } from '../src/errors';

const seatsOf = (a: Apportionment): Record<string, number> => Object.fromEntries(a.allocations.map((x) => [x.id, x.seats]));
const units = (...pops: number[]): ApportionmentUnit[] => pops.map((population, i) => ({ id: String.fromCharCode(97 + i), population }));

function expectDomainError(fn: () => unknown, code: string, field: string): void {
  try {
    fn();
    expect.unreachable(`expected ${code} at ${field}`);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe(code);
    expect((e as DomainError).field).toBe(field);
  }
}

describe('EL 15 — seats in proportion to population, the same population per deputy (largest remainders)', () => {
  it.each<[number, number[], number[]]>([
    [10, [6000, 3000, 1000], [6, 3, 1]],
    // quotas 3.5, 2.1, 1.4 → floors 3, 2, 1; the last seat to the largest remainder (a).
    [7, [5000, 3000, 2000], [4, 2, 1]],
    // quotas 4.6, 3.4, 2.0 → a has the larger remainder.
    [10, [4600, 3400, 2000], [5, 3, 2]],
    [1, [10], [1]],
    [5, [1, 1, 1, 1, 1], [1, 1, 1, 1, 1]],
  ])('%i seats over populations %j → %j', (total, pops, expected) => {
    expect(apportionSeats(total, units(...pops)).allocations.map((a) => a.seats)).toEqual(expected);
  });

  it('reports quota, population per deputy and the deviation from the average (2 decimals)', () => {
    const a = apportionSeats(7, units(5000, 3000, 2000));
    expect(a.total).toBe(7);
    expect(a.population).toBe(10000);
    expect(a.averagePopulationPerDeputy).toBeCloseTo(10000 / 7, 10);
    expect(a.allocations).toEqual([
      { id: 'a', population: 5000, quota: 3.5, seats: 4, populationPerDeputy: 1250, deviationPct: -12.5 },
      { id: 'b', population: 3000, quota: 2.1, seats: 2, populationPerDeputy: 1500, deviationPct: 5 },
      { id: 'c', population: 2000, quota: 1.4, seats: 1, populationPerDeputy: 2000, deviationPct: 40 },
    ]);
  });

  it('keeps the input order', () => {
    const a = apportionSeats(7, [
      { id: 'z', population: 2000 },
      { id: 'm', population: 5000 },
      { id: 'a', population: 3000 },
    ]);
    expect(a.allocations.map((x) => x.id)).toEqual(['z', 'm', 'a']);
    expect(seatsOf(a)).toEqual({ z: 1, m: 4, a: 2 });
  });

  it('breaks a tie in remainders by larger population first', () => {
    // quotas 1.5 and 2.5: equal remainders, the larger unit b gets the seat.
    expect(seatsOf(apportionSeats(4, units(1500, 2500)))).toEqual({ a: 1, b: 3 });
  });

  it('then by id ascending, whatever the input order', () => {
    expect(seatsOf(apportionSeats(3, [{ id: 'y', population: 1000 }, { id: 'x', population: 1000 }]))).toEqual({ x: 2, y: 1 });
    expect(seatsOf(apportionSeats(3, [{ id: 'x', population: 1000 }, { id: 'y', population: 1000 }]))).toEqual({ x: 2, y: 1 });
  });
});

describe('EL 15, DOMAIN "every township at least 1", EL 25 "a district elects 1–3" — minimum and maximum seats', () => {
  it('a unit below the minimum gets it and the rest is re-apportioned', () => {
    // quota of a = 0.05 → 1 seat; b gets the remaining 4.
    expect(seatsOf(apportionSeats(5, units(100, 9900)))).toEqual({ a: 1, b: 4 });
    // a (quota 0.07) fixed at 1 → b 9·9000/14000 = 5.79, c 3.21 → 6 and 3.
    expect(seatsOf(apportionSeats(10, units(100, 9000, 5000)))).toEqual({ a: 1, b: 6, c: 3 });
  });

  it('repeats until stable: fixing one unit at the minimum can push another below it', () => {
    // quotas 10·(1,1,18,80)/100 → a, b at 1 (0.1 each); then c = 8·18/98 = 1.47, d = 6.53 → c 1, d 7.
    expect(seatsOf(apportionSeats(10, units(1, 1, 18, 80)))).toEqual({ a: 1, b: 1, c: 1, d: 7 });
  });

  it('a minimum of 2 seats', () => {
    expect(seatsOf(apportionSeats(10, units(100, 900, 9000), { minSeats: 2 }))).toEqual({ a: 2, b: 2, c: 6 });
  });

  it('EL 25: districts of at most 3 seats', () => {
    // b's quota 5.4 > 3 → b = 3, a gets the remaining 3.
    expect(seatsOf(apportionSeats(6, units(1000, 9000), { maxSeats: 3 }))).toEqual({ a: 3, b: 3 });
    expect(seatsOf(apportionSeats(9, units(1, 9000, 5000), { maxSeats: 3 }))).toEqual({ a: 3, b: 3, c: 3 });
    expect(seatsOf(apportionSeats(7, units(5000, 3000, 2000), { maxSeats: 3 }))).toEqual({ a: 3, b: 2, c: 2 });
  });

  it.each<[string, () => unknown, string]>([
    ['no units', () => apportionSeats(3, []), 'units'],
    ['a repeated id', () => apportionSeats(3, [{ id: 'a', population: 1 }, { id: 'a', population: 2 }]), 'units.1.id'],
    ['a blank id', () => apportionSeats(3, [{ id: '', population: 1 }]), 'units.0.id'],
    ['a population of 0', () => apportionSeats(3, units(10, 0)), 'units.1.population'],
    ['a fractional population', () => apportionSeats(3, units(10.5)), 'units.0.population'],
    ['a total of 0', () => apportionSeats(0, units(10)), 'total'],
    ['a fractional total', () => apportionSeats(2.5, units(10)), 'total'],
    ['fewer seats than units × minimum', () => apportionSeats(2, units(10, 20, 30)), 'total'],
    ['more seats than units × maximum (EL 25)', () => apportionSeats(7, units(10, 20), { maxSeats: 3 }), 'total'],
    ['a minimum of 0', () => apportionSeats(3, units(10), { minSeats: 0 }), 'opts.minSeats'],
    ['a maximum below the minimum', () => apportionSeats(3, units(10), { minSeats: 2, maxSeats: 1 }), 'opts.maxSeats'],
  ])('rejects %s', (_name, fn, field) => {
    expectDomainError(fn, 'INVALID_APPORTIONMENT', field);
  });
});

describe('EL 19–21 — overrides with a recorded reason (minority-area adjustments)', () => {
  const base = apportionSeats(7, units(5000, 3000, 2000)); // 4, 2, 1

  it('sets the seats, records the reason and the proposed seats, recomputes the deviations', () => {
    const reason = 'EL 20: 聚居少数民族 — at least one deputy more';
    const a = applyOverrides(base, [
      { id: 'a', seats: 3, reason: 'balance' },
      { id: 'c', seats: 2, reason },
    ]);
    expect(seatsOf(a)).toEqual({ a: 3, b: 2, c: 2 });
    expect(a.allocations[0]).toMatchObject({ overridden: { reason: 'balance', proposedSeats: 4 }, populationPerDeputy: 5000 / 3 });
    expect(a.allocations[1]?.overridden).toBeUndefined();
    expect(a.allocations[2]).toMatchObject({ overridden: { reason, proposedSeats: 1 }, populationPerDeputy: 1000, deviationPct: -30 });
    expect(a.allocations[0]?.deviationPct).toBe(16.67);
    expect(a.allocations[2]?.quota).toBe(1.4);
    expect(base.allocations[0]?.seats).toBe(4); // the input is not changed
  });

  it('a second override keeps the seats the calculation proposed', () => {
    const once = applyOverrides(base, [{ id: 'a', seats: 3, reason: 'r1' }, { id: 'c', seats: 2, reason: 'r1' }]);
    const twice = applyOverrides(once, [{ id: 'a', seats: 2, reason: 'r2' }, { id: 'b', seats: 3, reason: 'r2' }]);
    expect(twice.allocations[0]?.overridden).toEqual({ reason: 'r2', proposedSeats: 4 });
    expect(twice.allocations[1]?.overridden).toEqual({ reason: 'r2', proposedSeats: 2 });
    expect(twice.allocations[2]?.overridden).toEqual({ reason: 'r1', proposedSeats: 1 });
  });

  it('no overrides change nothing', () => {
    expect(applyOverrides(base, [])).toEqual(base);
  });

  it.each<[string, Array<{ id: string; seats: number; reason: string }>, string]>([
    ['an unknown id', [{ id: 'q', seats: 1, reason: 'x' }], 'overrides.0.id'],
    ['a repeated id', [{ id: 'a', seats: 3, reason: 'x' }, { id: 'a', seats: 3, reason: 'x' }], 'overrides.1.id'],
    ['a blank reason', [{ id: 'a', seats: 4, reason: '  ' }], 'overrides.0.reason'],
    ['zero seats', [{ id: 'c', seats: 0, reason: 'x' }], 'overrides.0.seats'],
    ['fractional seats', [{ id: 'c', seats: 1.5, reason: 'x' }], 'overrides.0.seats'],
    ['a sum other than the total', [{ id: 'c', seats: 2, reason: 'x' }], 'overrides'],
  ])('rejects %s', (_name, overrides, field) => {
    expectDomainError(() => applyOverrides(base, overrides), 'INVALID_OVERRIDE', field);
  });
});

describe('EL 15 (practice ±20%) — deviation warnings', () => {
  const a = apportionSeats(7, units(5000, 3000, 2000)); // −12.5, +5, +40

  it.each<[number, string[]]>([
    [20, ['c']],
    [10, ['a', 'c']],
    [12.5, ['c']],
    [40, []],
    [0, ['a', 'b', 'c']],
  ])('tolerance ±%s%% → %j', (tolerance, ids) => {
    expect(deviationWarnings(a, tolerance).map((w) => w.id)).toEqual(ids);
  });

  it('returns the deviation and rejects a negative tolerance', () => {
    expect(deviationWarnings(a, 20)).toEqual([{ id: 'c', deviationPct: 40 }]);
    expect(() => deviationWarnings(a, -1)).toThrow(DomainError);
  });
});

describe('EL 15 — properties of the allocation', () => {
  const unitsArb = fc
    .array(fc.integer({ min: 1, max: 2_000_000 }), { minLength: 1, maxLength: 25 })
    .map((pops) => pops.map((population, i) => ({ id: `u${String(i).padStart(2, '0')}`, population })));
  const caseArb = fc
    .record({
      units: unitsArb,
      minSeats: fc.integer({ min: 1, max: 3 }),
      span: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
      slack: fc.nat(),
    })
    .map(({ units, minSeats, span, slack }) => {
      const maxSeats = span === undefined ? Infinity : minSeats + span;
      const lo = units.length * minSeats;
      const hi = maxSeats === Infinity ? lo + 500 : units.length * maxSeats;
      return { units, minSeats, maxSeats, total: lo + (slack % (hi - lo + 1)) };
    });

  it('seats sum to the total and every unit is within [minSeats, maxSeats]', () => {
    fc.assert(
      fc.property(caseArb, ({ units, minSeats, maxSeats, total }) => {
        const a = apportionSeats(total, units, { minSeats, maxSeats });
        expect(a.allocations.reduce((s, x) => s + x.seats, 0)).toBe(total);
        for (const x of a.allocations) {
          expect(x.seats).toBeGreaterThanOrEqual(minSeats);
          expect(x.seats).toBeLessThanOrEqual(maxSeats);
        }
      }),
    );
  });

  it('quota rule: when no bound binds, every unit gets its quota rounded down or up', () => {
    fc.assert(
      fc.property(unitsArb, fc.integer({ min: 0, max: 1000 }), (units, extra) => {
        const total = units.length + extra;
        const a = apportionSeats(total, units);
        const binds = a.allocations.some((x) => x.quota < 1);
        for (const x of a.allocations) {
          if (!binds) expect(Math.abs(x.seats - x.quota)).toBeLessThan(1);
          if (x.quota >= 1 + 1e-9 && !binds) expect(x.seats).toBeGreaterThanOrEqual(Math.floor(x.quota + 1e-9));
        }
      }),
    );
  });

  it('more population never means fewer seats', () => {
    fc.assert(
      fc.property(caseArb, ({ units, minSeats, maxSeats, total }) => {
        const a = apportionSeats(total, units, { minSeats, maxSeats });
        for (const x of a.allocations) {
          for (const y of a.allocations) {
            if (x.population > y.population) expect(x.seats).toBeGreaterThanOrEqual(y.seats);
          }
        }
      }),
    );
  });

  it('deterministic, and independent of the order of the units', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) => fc.shuffledSubarray(c.units, { minLength: c.units.length, maxLength: c.units.length }).map((shuffled) => ({ ...c, shuffled }))),
        ({ units, shuffled, minSeats, maxSeats, total }) => {
          const a = apportionSeats(total, units, { minSeats, maxSeats });
          expect(apportionSeats(total, units, { minSeats, maxSeats })).toEqual(a);
          expect(seatsOf(apportionSeats(total, shuffled, { minSeats, maxSeats }))).toEqual(seatsOf(a));
        },
      ),
    );
  });

  it('deviation is positive exactly when a deputy represents more people than average', () => {
    fc.assert(
      fc.property(caseArb, ({ units, minSeats, maxSeats, total }) => {
        const a = apportionSeats(total, units, { minSeats, maxSeats });
        for (const x of a.allocations) {
          expect(x.populationPerDeputy).toBe(x.population / x.seats);
          expect(x.deviationPct).toBeCloseTo((x.populationPerDeputy / a.averagePopulationPerDeputy - 1) * 100, 1);
        }
      }),
    );
  });

  it('overrides that move a seat keep the total and record what was proposed', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.nat(), ({ units, total }, i, j) => {
        const a = apportionSeats(total, units, { minSeats: 1 });
        const from = a.allocations[i % a.allocations.length];
        const to = a.allocations[j % a.allocations.length];
        if (!from || !to || from.id === to.id || from.seats < 2) return;
        const b = applyOverrides(a, [
          { id: from.id, seats: from.seats - 1, reason: 'EL 19' },
          { id: to.id, seats: to.seats + 1, reason: 'EL 19' },
        ]);
        expect(b.allocations.reduce((s, x) => s + x.seats, 0)).toBe(total);
        expect(b.allocations.find((x) => x.id === from.id)?.overridden?.proposedSeats).toBe(from.seats);
      }),
    );
  });
});
