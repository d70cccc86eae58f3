/**
 * Seat allocation (名额分配): a deputy total shared among units — a county's seats among its
 * townships, a township's seats among its electoral districts — in proportion to population,
 * so that every deputy represents the same number of people, urban and rural alike (EL 15, the
 * 2010 reform). Every unit gets at least one seat (DOMAIN.md: every township ≥ 1; a district
 * elects 1–3 deputies, EL 25 → `maxSeats: 3`). Minority-area adjustments (EL 19–21) are
 * overrides with a recorded reason ({@link applyOverrides}). Deviation from the average
 * population per deputy is reported; the tolerance is a round setting (practice: ±20%).
 *
 * Method: largest remainders (Hamilton / 最大余数法). Arithmetic on quotas and remainders is exact
 * (BigInt), so ties are real ties and are broken deterministically: larger population first, then
 * id ascending (by UTF-16 code units, not locale).
 */
import { DomainError } from './errors';

export interface ApportionmentUnit {
  id: string;
  population: number;
}

export interface ApportionOptions {
  /** Fewest seats a unit may get (default 1; at least 1). */
  minSeats?: number;
  /** Most seats a unit may get (default Infinity; 3 for electoral districts, EL 25). */
  maxSeats?: number;
}

export interface Allocation {
  id: string;
  population: number;
  /** Exact proportional share before minimum/maximum: total × population / total population. */
  quota: number;
  seats: number;
  /** population / seats. */
  populationPerDeputy: number;
  /** (populationPerDeputy / average − 1) × 100, rounded to 2 decimals. */
  deviationPct: number;
  /** Present when the seats were set by {@link applyOverrides} (EL 19–21 adjustments). */
  overridden?: { reason: string; proposedSeats: number };
}

export interface Apportionment {
  total: number;
  population: number;
  /** population / total. */
  averagePopulationPerDeputy: number;
  /** In the order of the input units. */
  allocations: Allocation[];
}

const round2 = (x: number): number => Math.round(x * 100) / 100 + 0;

const isPositiveInteger = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;

function fail(message: string, field: string, details?: unknown): never {
  throw new DomainError('INVALID_APPORTIONMENT', message, { field, details });
}

function validate(total: number, units: ReadonlyArray<ApportionmentUnit>, minSeats: number, maxSeats: number): void {
  if (!isPositiveInteger(total)) fail(`the deputy total must be a whole number, 1 or more: ${total}`, 'total');
  if (!isPositiveInteger(minSeats)) fail(`minSeats must be a whole number, 1 or more: ${minSeats}`, 'opts.minSeats');
  if (maxSeats !== Infinity && !isPositiveInteger(maxSeats)) {
    fail(`maxSeats must be a whole number or Infinity: ${maxSeats}`, 'opts.maxSeats');
  }
  if (maxSeats < minSeats) fail(`maxSeats (${maxSeats}) is below minSeats (${minSeats})`, 'opts.maxSeats');
  if (!Array.isArray(units) || units.length === 0) fail('there are no units to allocate seats to', 'units');
  const seen = new Set<string>();
  units.forEach((unit, i) => {
    if (typeof unit?.id !== 'string' || unit.id === '') fail(`unit ${i} has no id`, `units.${i}.id`);
    if (seen.has(unit.id)) fail(`unit id ${unit.id} appears twice`, `units.${i}.id`);
    seen.add(unit.id);
    if (!isPositiveInteger(unit.population)) {
      fail(`the population of ${unit.id} must be a whole number, 1 or more: ${unit.population}`, `units.${i}.population`);
    }
  });
  if (total < units.length * minSeats) {
    fail(`${total} seats cannot give ${units.length} units at least ${minSeats} each`, 'total', { units: units.length, minSeats });
  }
  if (total > units.length * maxSeats) {
    fail(`${total} seats cannot fit ${units.length} units of at most ${maxSeats} each`, 'total', { units: units.length, maxSeats });
  }
}

/** Seats per unit index. Exact: quota_i = R·p_i / P with BigInt numerators. */
function allocate(total: number, pops: bigint[], ids: string[], minSeats: number, maxSeats: number): number[] {
  const seats: number[] = pops.map(() => 0);
  let free = pops.map((_, i) => i);
  let remaining = BigInt(total);
  const min = BigInt(minSeats);
  const max = maxSeats === Infinity ? null : BigInt(maxSeats);
  const pop = (i: number): bigint => pops[i] ?? 0n;

  // Fix units whose quota falls outside [min, max] at the bound, re-apportion the rest, repeat.
  // When some quotas are below the minimum and others above the maximum at once, clamping all of
  // them would change the sum: if it would rise (excess ≥ 0) the rest must shrink, so the units
  // below the minimum stay below it — fix those first; otherwise fix those above the maximum.
  // This keeps |free|·min ≤ remaining ≤ |free|·max, so the loop always ends feasibly.
  for (;;) {
    const P = free.reduce((s, i) => s + pop(i), 0n);
    const below = free.filter((i) => remaining * pop(i) < min * P);
    const above = max === null ? [] : free.filter((i) => remaining * pop(i) > max * P);
    if (below.length === 0 && above.length === 0) break;
    let fixBelow = below.length > 0;
    let fixAbove = above.length > 0;
    if (fixBelow && fixAbove && max !== null) {
      const excess =
        below.reduce((s, i) => s + (min * P - remaining * pop(i)), 0n) - above.reduce((s, i) => s + (remaining * pop(i) - max * P), 0n);
      fixBelow = excess >= 0n;
      fixAbove = excess <= 0n;
    }
    const fixed = new Set<number>();
    const fix = (group: number[], bound: bigint): void => {
      for (const i of group) {
        seats[i] = Number(bound);
        fixed.add(i);
        remaining -= bound;
      }
    };
    if (fixBelow) fix(below, min);
    if (fixAbove && max !== null) fix(above, max);
    free = free.filter((i) => !fixed.has(i));
    if (free.length === 0) return seats;
  }

  // Largest remainders among the free units.
  const P = free.reduce((s, i) => s + pop(i), 0n);
  const rem = new Map<number, bigint>();
  let given = 0n;
  for (const i of free) {
    const numerator = remaining * pop(i);
    seats[i] = Number(numerator / P);
    rem.set(i, numerator % P);
    given += numerator / P;
  }
  const order = [...free].sort((a, b) => {
    const ra = rem.get(a) ?? 0n;
    const rb = rem.get(b) ?? 0n;
    if (ra !== rb) return ra > rb ? -1 : 1;
    if (pop(a) !== pop(b)) return pop(a) > pop(b) ? -1 : 1;
    const ia = ids[a] ?? '';
    const ib = ids[b] ?? '';
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
  const leftover = Number(remaining - given);
  for (const i of order.slice(0, leftover)) seats[i] = (seats[i] ?? 0) + 1;
  return seats;
}

function measure(
  total: number,
  population: number,
  rows: ReadonlyArray<Omit<Allocation, 'populationPerDeputy' | 'deviationPct'>>,
): Apportionment {
  const average = population / total;
  return {
    total,
    population,
    averagePopulationPerDeputy: average,
    allocations: rows.map((row) => {
      const populationPerDeputy = row.population / row.seats;
      const allocation: Allocation = {
        id: row.id,
        population: row.population,
        quota: row.quota,
        seats: row.seats,
        populationPerDeputy,
        deviationPct: round2(((row.population * total) / (population * row.seats) - 1) * 100),
      };
      if (row.overridden) allocation.overridden = { ...row.overridden };
      return allocation;
    }),
  };
}

/**
 * Allocate `total` seats to `units` in proportion to population (EL 15) by largest remainders,
 * each unit getting between `minSeats` (default 1) and `maxSeats` (default Infinity) seats.
 * A unit whose proportional quota falls below the minimum gets the minimum and leaves the
 * calculation, the rest is re-apportioned, until stable; likewise for the maximum.
 * Throws DomainError INVALID_APPORTIONMENT with `field` on invalid input.
 */
export function apportionSeats(
  total: number,
  units: ReadonlyArray<ApportionmentUnit>,
  opts: ApportionOptions = {},
): Apportionment {
  const minSeats = opts.minSeats ?? 1;
  const maxSeats = opts.maxSeats ?? Infinity;
  validate(total, units, minSeats, maxSeats);
  const population = units.reduce((s, u) => s + u.population, 0);
  const seats = allocate(
    total,
    units.map((u) => BigInt(u.population)),
    units.map((u) => u.id),
    minSeats,
    maxSeats,
  );
  return measure(
    total,
    population,
    units.map((u, i) => ({ id: u.id, population: u.population, quota: (total * u.population) / population, seats: seats[i] ?? 0 })),
  );
}

/**
 * Set the seats of some units by decision (e.g. minority-area adjustments, EL 19–21), recording
 * the reason and the seats the calculation proposed; population per deputy and deviation are
 * recomputed for every unit. The overrides must keep the sum at the total: a unit gaining a seat
 * means another one losing it, and both are listed.
 * Throws DomainError INVALID_OVERRIDE: unknown or repeated id (`overrides.i.id`), blank reason
 * (`overrides.i.reason`), seats not a whole number ≥ 1 (`overrides.i.seats`), sum ≠ total
 * (`overrides`).
 */
export function applyOverrides(
  apportionment: Apportionment,
  overrides: ReadonlyArray<{ id: string; seats: number; reason: string }>,
): Apportionment {
  const byId = new Map(overrides.map((o) => [o.id, o] as const));
  const known = new Set(apportionment.allocations.map((a) => a.id));
  const seen = new Set<string>();
  overrides.forEach((o, i) => {
    const bad = (field: string, message: string): never => {
      throw new DomainError('INVALID_OVERRIDE', message, { field: `overrides.${i}.${field}` });
    };
    if (!known.has(o.id)) bad('id', `no unit with id ${String(o.id)}`);
    if (seen.has(o.id)) bad('id', `unit ${o.id} is overridden twice`);
    seen.add(o.id);
    if (typeof o.reason !== 'string' || o.reason.trim() === '') bad('reason', `the override of ${o.id} needs a reason`);
    if (!isPositiveInteger(o.seats)) bad('seats', `the override of ${o.id} must give a whole number of seats, 1 or more: ${o.seats}`);
  });
  const rows = apportionment.allocations.map((a) => {
    const o = byId.get(a.id);
    if (!o) return a;
    return { ...a, seats: o.seats, overridden: { reason: o.reason.trim(), proposedSeats: a.overridden?.proposedSeats ?? a.seats } };
  });
  const sum = rows.reduce((s, r) => s + r.seats, 0);
  if (sum !== apportionment.total) {
    throw new DomainError('INVALID_OVERRIDE', `the seats add up to ${sum}, not the total ${apportionment.total}`, {
      field: 'overrides',
      details: { sum, total: apportionment.total },
    });
  }
  return measure(apportionment.total, apportionment.population, rows);
}

/**
 * Units whose population per deputy deviates from the average by more than ±`tolerancePct`
 * (strictly outside; practice ±20%, setting `deviationTolerancePct`), in allocation order.
 */
export function deviationWarnings(apportionment: Apportionment, tolerancePct: number): Array<{ id: string; deviationPct: number }> {
  if (typeof tolerancePct !== 'number' || !Number.isFinite(tolerancePct) || tolerancePct < 0) {
    throw new DomainError('INVALID_PERCENTAGE', `the tolerance must be a percentage, 0 or more: ${tolerancePct}`, { field: 'tolerancePct' });
  }
  return apportionment.allocations
    .filter((a) => Math.abs(a.deviationPct) > tolerancePct)
    .map((a) => ({ id: a.id, deviationPct: a.deviationPct }));
}
