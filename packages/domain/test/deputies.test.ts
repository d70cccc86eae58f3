import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceDeputyTotal } from '../src/deputies';
import { DomainError } from '../src/errors';

describe('EL 12(3) — county deputy total: 140 + 1 per 5,000 people, at most 450, fewer allowed under 50,000', () => {
  it.each([
    [0, 0, 140, true],
    [4_999, 0, 140, true],
    [5_000, 1, 141, true],
    [49_999, 9, 149, true],
    [50_000, 10, 150, false],
    [504_999, 100, 240, false],
    [1_549_999, 309, 449, false],
    [1_550_000, 310, 450, false],
    [2_000_000, 400, 450, false],
  ])('population %i → add-on %i, total %i, mayBeFewer %s', (population, addOn, total, mayBeFewer) => {
    expect(referenceDeputyTotal('county', population)).toEqual({
      level: 'county',
      population,
      base: 140,
      addOn,
      cap: 450,
      total,
      mayBeFewer,
      article: 'EL 12(3); EL 13–14',
    });
  });
});

describe('EL 12(4) — township deputy total: 45 + 1 per 1,500 people, at most 160, fewer allowed under 2,000', () => {
  it.each([
    [0, 0, 45, true],
    [1_499, 0, 45, true],
    [1_999, 1, 46, true],
    [2_000, 1, 46, false],
    [30_000, 20, 65, false],
    [172_499, 114, 159, false],
    [172_500, 115, 160, false],
    [500_000, 333, 160, false],
  ])('population %i → add-on %i, total %i, mayBeFewer %s', (population, addOn, total, mayBeFewer) => {
    const r = referenceDeputyTotal('township', population);
    expect(r).toMatchObject({ level: 'township', base: 45, addOn, cap: 160, total, mayBeFewer });
    expect(r.article).toContain('EL 12');
  });
});

describe('EL 12 ¶2 — provincial extra (另加百分之五), added after the cap and rounded down', () => {
  it.each<['county' | 'township', number, number, number]>([
    ['county', 2_000_000, 5, 472],
    ['county', 504_999, 5, 252],
    ['county', 504_999, 2.5, 246],
    ['county', 0, 5, 147],
    ['township', 500_000, 5, 168],
    ['township', 2_000, 5, 48],
    ['township', 2_000, 0, 46],
  ])('%s, population %i, +%s%% → %i', (level, population, pct, total) => {
    expect(referenceDeputyTotal(level, population, pct).total).toBe(total);
  });

  it.each<[number, number, string, string]>([
    [-1, 0, 'INVALID_POPULATION', 'population'],
    [1.5, 0, 'INVALID_POPULATION', 'population'],
    [Number.NaN, 0, 'INVALID_POPULATION', 'population'],
    [1000, -1, 'INVALID_PERCENTAGE', 'provincialExtraPct'],
    [1000, 5.01, 'INVALID_PERCENTAGE', 'provincialExtraPct'],
  ])('rejects population %s with %s%%', (population, pct, code, field) => {
    expect(() => referenceDeputyTotal('county', population, pct)).toThrow(DomainError);
    expect(() => referenceDeputyTotal('county', population, pct)).toThrow(expect.objectContaining({ code, field }));
  });
});

describe('EL 12 — properties of the reference total', () => {
  const level = fc.constantFrom<'county' | 'township'>('county', 'township');
  const population = fc.integer({ min: 0, max: 20_000_000 });
  const pct = fc.integer({ min: 0, max: 500 }).map((x) => x / 100);

  it('never decreases with population; base ≤ total ≤ cap without extra; the extra is at most pct% of the capped total', () => {
    fc.assert(
      fc.property(level, population, population, pct, (lv, a, b, p) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const small = referenceDeputyTotal(lv, lo, p);
        const large = referenceDeputyTotal(lv, hi, p);
        expect(small.total).toBeLessThanOrEqual(large.total);
        const plain = referenceDeputyTotal(lv, hi);
        expect(plain.total).toBeGreaterThanOrEqual(plain.base);
        expect(plain.total).toBeLessThanOrEqual(plain.cap);
        expect(plain.total).toBe(Math.min(plain.base + plain.addOn, plain.cap));
        const extra = large.total - plain.total;
        expect(extra).toBeGreaterThanOrEqual(0);
        expect(extra).toBeLessThanOrEqual((plain.total * p) / 100 + 1e-9);
        expect(extra).toBeGreaterThan((plain.total * p) / 100 - 1 - 1e-9);
      }),
    );
  });
});
