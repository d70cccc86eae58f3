/**
 * The county's deputies allocated to its townships (名额分配): the domain's apportionment of the
 * townships' populations, dressed with names, tolerances and the EL 12 reference totals.
 */
import {
  apportionSeats,
  applyOverrides,
  referenceDeputyTotal,
  type Apportionment as DomainApportionment,
  type RoundSettings,
} from '@township/domain';
import type { RoundRecord, TownshipRecord } from '@township/store';
import { atField } from '../http/domain';
import { unprocessable } from '../http/problem';

export interface SeatOverrideInput {
  townshipId: string;
  seats: number;
  reason: string;
}

export function proposeApportionment(
  round: RoundRecord,
  townships: readonly TownshipRecord[],
  requestedTotal: number | undefined,
  overrides: readonly SeatOverrideInput[] = [],
) {
  const settings = round.settings as unknown as RoundSettings;
  const total = requestedTotal ?? round.countyDeputyTotal ?? undefined;
  if (total === undefined) {
    throw unprocessable('The round has no county deputy total: give `total` or set the round’s countyDeputyTotal.', [
      { field: 'body.total', message: 'required while the round has no countyDeputyTotal' },
    ]);
  }
  if (townships.length === 0) {
    throw unprocessable('The county has no townships to allocate seats to yet.');
  }
  // Oldest code first: a stable order for the table the county prints.
  const sorted = [...townships].sort((a, b) => a.id.localeCompare(b.id));
  const basis = settings.populationBasis;
  const units = sorted.map((t) => ({ id: t.id, population: t.population[basis] }));
  const zero = units.find((u) => u.population <= 0);
  if (zero) {
    throw unprocessable(`Township ${zero.id} has no ${basis} population; every township needs one to receive seats.`);
  }
  const proposal: DomainApportionment = atField('body.total', () => apportionSeats(total, units));
  const result = atField('body', () =>
    applyOverrides(
      proposal,
      overrides.map((o) => ({ id: o.townshipId, seats: o.seats, reason: o.reason })),
    ),
  );
  const byId = new Map(sorted.map((t) => [t.id, t]));
  return {
    roundId: round.id,
    status: 'proposal' as 'proposal' | 'confirmed',
    total: result.total,
    populationBasis: basis,
    population: result.population,
    averagePopulationPerDeputy: result.averagePopulationPerDeputy,
    deviationTolerancePct: settings.deviationTolerancePct,
    countyReference: referenceDeputyTotal('county', result.population, settings.provincialExtraPct),
    allocations: result.allocations.map((a) => {
      const township = byId.get(a.id)!;
      return {
        townshipId: a.id,
        name: township.name,
        population: a.population,
        quota: Math.round(a.quota * 1000) / 1000,
        seats: a.seats,
        populationPerDeputy: Math.round(a.populationPerDeputy * 100) / 100,
        deviationPct: a.deviationPct,
        withinTolerance: Math.abs(a.deviationPct) <= settings.deviationTolerancePct,
        ...(a.overridden ? { override: a.overridden } : {}),
        townshipReference: referenceDeputyTotal('township', township.population[basis], settings.provincialExtraPct),
      };
    }),
  };
}
