/**
 * Number of final candidates (正式代表候选人) of an electoral district, EL 31.
 *
 * "由选民直接选举人民代表大会代表的，代表候选人的人数应多于应选代表名额三分之一至一倍":
 * for s seats the candidates C satisfy ⌈4s/3⌉ ≤ C ≤ 2s (差额选举). 1 seat → 2; 2 → 3–4; 3 → 4–6.
 * The same range applies to a runoff for r remaining seats (EL 45, with r for s).
 */
import { DomainError } from './errors';

export function candidateCountRange(seats: number): { min: number; max: number } {
  if (typeof seats !== 'number' || !Number.isSafeInteger(seats) || seats < 1) {
    throw new DomainError('INVALID_SEATS', `seats must be a whole number, 1 or more: ${seats}`, { field: 'seats' });
  }
  // ⌈4s/3⌉ in integers: (4s + 2) div 3.
  return { min: Math.floor((4 * seats + 2) / 3), max: 2 * seats };
}
