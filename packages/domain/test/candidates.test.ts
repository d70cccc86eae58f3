import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidateCountRange } from '../src/candidates';
import { DomainError } from '../src/errors';

describe('EL 31 — candidate count (差额: ⌈4s/3⌉ to 2s candidates for s seats)', () => {
  it.each([
    [1, 2, 2],
    [2, 3, 4],
    [3, 4, 6],
    [4, 6, 8],
    [5, 7, 10],
    [6, 8, 12],
  ])('%i seat(s) → %i–%i candidates', (seats, min, max) => {
    expect(candidateCountRange(seats)).toEqual({ min, max });
  });

  it.each([0, -1, 1.5, Number.NaN, Infinity])('rejects %s seats', (seats) => {
    expect(() => candidateCountRange(seats)).toThrow(DomainError);
  });

  it('property: min is the least C with C ≥ s + s/3, max = 2s, and min ≤ max', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (s) => {
        const { min, max } = candidateCountRange(s);
        expect(3 * min).toBeGreaterThanOrEqual(4 * s);
        expect(3 * (min - 1)).toBeLessThan(4 * s);
        expect(max).toBe(2 * s);
        expect(min).toBeLessThanOrEqual(max);
        expect(min).toBeGreaterThan(s);
      }),
    );
  });
});
