/**
 * A township's roll statistics, counted from its voters (a projection of five attributes per
 * voter), and the snapshot of them the county's view reads (`@township/store` roll-statistics).
 */
import { countVoter, emptyRollCounts, type RollCounts, type StatVoter } from '@township/domain';
import { countyScope, townshipScope, type DistrictRecord, type ElectionStore, type RoundRecord, type StatisticsSnapshot, type TownshipRecord, type TownshipScope } from '@township/store';

const ATTRIBUTES = ['districtId', 'sex', 'ethnicity', 'birthDate', 'status'] as const;

export interface TownshipCounts {
  total: RollCounts;
  districts: Array<RollCounts & { districtId: string; districtName: string }>;
}

export async function countRoll(store: ElectionStore, scope: TownshipScope, round: RoundRecord, districts: readonly DistrictRecord[]): Promise<TownshipCounts> {
  const total = emptyRollCounts();
  const perDistrict = await Promise.all(
    districts.map(async (d) => {
      const counts = emptyRollCounts();
      await store.voters.forEach(scope, round.id, d.id, ATTRIBUTES, (item) => {
        countVoter(counts, item as unknown as StatVoter, round.electionDay);
        countVoter(total, item as unknown as StatVoter, round.electionDay);
      });
      return { districtId: d.id, districtName: d.name, ...counts };
    }),
  );
  return { total, districts: perDistrict };
}

export async function countConflicts(store: ElectionStore, scope: TownshipScope, roundId: string): Promise<{ open: number; resolved: number }> {
  const conflicts = { open: 0, resolved: 0 };
  let cursor: string | undefined;
  do {
    const page = await store.voters.conflictsOfTownship(scope, roundId, { limit: 200, ...(cursor ? { cursor } : {}) });
    for (const c of page.items) conflicts[c.status] += 1;
    cursor = page.nextCursor;
  } while (cursor);
  return conflicts;
}

/**
 * Counts the whole township and keeps the snapshot for the county. The chain head is read first:
 * a change that lands while counting makes the snapshot look older than it is (stale), never newer.
 */
export async function snapshotOf(
  store: ElectionStore,
  scope: TownshipScope,
  township: TownshipRecord,
  round: RoundRecord,
  counted?: TownshipCounts & { conflicts: { open: number; resolved: number } },
  at: Date = new Date(),
): Promise<StatisticsSnapshot> {
  const head = await store.audit.head(scope);
  const figures =
    counted ??
    (await (async () => {
      const districts = await store.districts.list(scope, round.id);
      const [counts, conflicts] = await Promise.all([countRoll(store, scope, round, districts), countConflicts(store, scope, round.id)]);
      return { ...counts, conflicts };
    })());
  const snapshot: StatisticsSnapshot = {
    roundId: round.id,
    townshipId: township.id,
    townshipName: township.name,
    total: figures.total,
    districts: figures.districts,
    conflicts: figures.conflicts,
    asOf: at.toISOString(),
    chainSeq: head?.seq ?? 0,
  };
  await store.rollStatistics.put(scope, snapshot);
  return snapshot;
}

/** After an import finished: the township's figures for the county, counted afresh. */
export async function refreshAfterImport(store: ElectionStore, job: { countyId: string; townshipId: string; roundId: string }, at: Date): Promise<void> {
  const scope = townshipScope(job.countyId, job.townshipId);
  const [township, round] = await Promise.all([store.townships.get(scope), store.rounds.get(countyScope(job.countyId), job.roundId)]);
  if (township && round) await snapshotOf(store, scope, township, round, undefined, at);
}
