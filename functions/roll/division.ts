/** The division's view: its status, the districts' measures against the round's tolerance. */
import { checkDivision, divisionEditableUntil } from '@township/domain';
import type { DistrictRecord, DivisionRecord } from '@township/store';
import { conflict } from '../http/problem';
import type { TownshipRound } from './round';

export function divisionView(tr: TownshipRound, division: DivisionRecord | undefined, districts: readonly DistrictRecord[]) {
  const check = checkDivision(tr.seats, districts.map((d) => ({ id: d.id, population: d.population, seats: d.seats })), tr.settings.deviationTolerancePct);
  const editableUntil = divisionEditableUntil(tr.timeline);
  const status = division?.status ?? 'draft';
  return {
    roundId: tr.round.id,
    townshipId: tr.township.id,
    status,
    version: division?.version ?? 0,
    editableUntil,
    editable: isEditable(status, editableUntil, tr.today),
    allocatedSeats: check.allocatedSeats,
    totalSeats: check.totalSeats,
    population: check.population,
    averagePopulationPerDeputy: check.averagePopulationPerDeputy,
    tolerancePct: tr.settings.deviationTolerancePct,
    measures: check.districts,
    problems: check.problems,
    ...(division?.submitted ? { submitted: division.submitted } : {}),
    ...(division?.decision ? { decision: division.decision } : {}),
  };
}

const isEditable = (status: string, until: string | null, today: string) =>
  (status === 'draft' || status === 'returned') && (until === null || today <= until);

/** Refuses a change of districts once submitted or approved, or after the division's last day. */
export function assertEditable(tr: TownshipRound, division: DivisionRecord | undefined): void {
  const status = division?.status ?? 'draft';
  if (status === 'submitted' || status === 'approved') {
    throw conflict(`The division is ${status === 'submitted' ? 'awaiting the county’s decision' : 'approved by the county'}: districts cannot change now.`, { divisionStatus: status });
  }
  const until = divisionEditableUntil(tr.timeline);
  if (until !== null && tr.today > until) {
    throw conflict(`The districts could be changed until ${until}; today is ${tr.today}.`, { editableUntil: until });
  }
}
