/**
 * The division of a township into electoral districts (划分选区, EL 25): each district elects
 * 1–3 deputies, the districts' seats add up to the township's allocation, and the population per
 * deputy should be roughly equal across districts (EL 15): each district's deviation from the
 * township's average is reported against the round's tolerance (`deviationTolerancePct`,
 * practice ±20%).
 */
import { apportionSeats, type Apportionment } from './apportionment';
import type { FieldProblem } from './errors';

export const DISTRICT_MIN_SEATS = 1;
export const DISTRICT_MAX_SEATS = 3;

export interface DistrictSeats {
  id: string;
  population: number;
  seats: number;
}

export interface DistrictMeasure extends DistrictSeats {
  /** population / seats, 2 decimals. */
  populationPerDeputy: number;
  /** (populationPerDeputy / average − 1) × 100, 2 decimals. */
  deviationPct: number;
  withinTolerance: boolean;
}

export interface DivisionCheck {
  /** The township's allocation (its seats); null while the county has not confirmed one. */
  allocatedSeats: number | null;
  totalSeats: number;
  population: number;
  averagePopulationPerDeputy: number | null;
  districts: DistrictMeasure[];
  /** Empty when the division may be submitted for the county's approval. */
  problems: FieldProblem[];
}

const round2 = (x: number) => Math.round(x * 100) / 100 + 0;

/**
 * Measures a division and lists what keeps it from being submitted: no districts, a district
 * with seats outside 1–3 or no population, seats not adding up to the allocation. A deviation
 * beyond the tolerance is reported per district but is not a problem by itself: the county
 * decides on it (geography and villages may justify it).
 */
export function checkDivision(allocatedSeats: number | null, districts: readonly DistrictSeats[], tolerancePct: number): DivisionCheck {
  const problems: FieldProblem[] = [];
  const totalSeats = districts.reduce((s, d) => s + d.seats, 0);
  const population = districts.reduce((s, d) => s + d.population, 0);
  districts.forEach((d, i) => {
    if (!Number.isInteger(d.seats) || d.seats < DISTRICT_MIN_SEATS || d.seats > DISTRICT_MAX_SEATS) {
      problems.push({ field: `districts.${i}.seats`, message: `选区 ${d.id} 应选 1–3 名代表（EL 25），现为 ${d.seats}` });
    }
    if (!Number.isInteger(d.population) || d.population < 1) {
      problems.push({ field: `districts.${i}.population`, message: `选区 ${d.id} 的人口应为正整数` });
    }
  });
  if (districts.length === 0) problems.push({ field: 'districts', message: '尚未划分选区' });
  if (allocatedSeats === null) problems.push({ field: 'allocatedSeats', message: '县里尚未确认本乡镇的代表名额' });
  else if (districts.length > 0 && totalSeats !== allocatedSeats) {
    problems.push({ field: 'districts', message: `各选区名额合计 ${totalSeats}，与本乡镇分配的 ${allocatedSeats} 名不符` });
  }
  const average = totalSeats > 0 && population > 0 ? population / totalSeats : null;
  return {
    allocatedSeats,
    totalSeats,
    population,
    averagePopulationPerDeputy: average === null ? null : round2(average),
    districts: districts.map((d) => {
      const perDeputy = d.seats > 0 ? d.population / d.seats : 0;
      const deviationPct = average && d.seats > 0 ? round2((perDeputy / average - 1) * 100) : 0;
      return { ...d, populationPerDeputy: round2(perDeputy), deviationPct, withinTolerance: Math.abs(deviationPct) <= tolerancePct };
    }),
    problems,
  };
}

/**
 * A proposal of seats per district by population, 1–3 each (largest remainders): what the
 * township may start from. Throws DomainError INVALID_APPORTIONMENT when the allocation cannot
 * be shared that way (e.g. more seats than 3 × districts).
 */
export function proposeDistrictSeats(allocatedSeats: number, districts: ReadonlyArray<{ id: string; population: number }>): Apportionment {
  return apportionSeats(allocatedSeats, districts, { minSeats: DISTRICT_MIN_SEATS, maxSeats: DISTRICT_MAX_SEATS });
}

/**
 * The last day districts may be created, changed or deleted: the end of the county's district
 * division phase (实施方案) when it set one, otherwise the voter list's deadline (E−20, EL 28) —
 * voters are registered by district, so the division cannot move after the list is published.
 */
export function divisionEditableUntil(timeline: ReadonlyArray<{ stage: string; deadline: string | null }>): string | null {
  return (
    timeline.find((e) => e.stage === 'districtDivision')?.deadline ??
    timeline.find((e) => e.stage === 'voterListPublication')?.deadline ??
    null
  );
}
