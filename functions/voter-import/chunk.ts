/**
 * One chunk of an import: validate its rows, claim each person county-wide, register the valid
 * ones, report the rest (row, field, reason). What the chunk adds to the import's counts is
 * returned, to be committed with the checkpoint in one transaction.
 */
import type { ConflictRecord, ImportCounts, ImportReportRow, ElectionStore, PersonRecord, TownshipScope, VoterRecord } from '@township/store';
import type { ChunkRow } from '@township/store';
import { personKeyOf, voterIdOf } from './person-key';
import type { DataRow } from './read-rows';
import { validateRow, type RowContext } from './validate-row';

export interface ChunkContext extends RowContext {
  scope: TownshipScope;
  roundId: string;
  importId: string;
  townshipName: string;
  districtNames: ReadonlyMap<string, string>;
  at: string;
}

export async function processChunk(store: ElectionStore, ctx: ChunkContext, rows: readonly DataRow[]): Promise<Omit<ImportCounts, 'rowsRead'>> {
  const report: ImportReportRow[] = [];
  const claims: ChunkRow[] = [];
  const firstRow = new Map<string, number>();
  let invalid = 0;
  for (const data of rows) {
    const result = validateRow(data, ctx);
    if (!result.ok) {
      invalid += 1;
      report.push(...result.problems.map((p) => ({ ...p, kind: 'invalid' as const })));
      continue;
    }
    const v = result.value;
    const personKey = personKeyOf(ctx.scope.countyId, v.id.id);
    const earlier = firstRow.get(personKey);
    if (earlier !== undefined) {
      invalid += 1;
      report.push({ row: v.row, field: 'residentId', reason: `与第 ${earlier} 行是同一人（文件内重复）`, kind: 'duplicate-in-file' });
      continue;
    }
    firstRow.set(personKey, v.row);
    const voterId = voterIdOf(personKey);
    const voter: VoterRecord = {
      id: voterId,
      roundId: ctx.roundId,
      townshipId: ctx.scope.townshipId,
      districtId: v.districtId,
      name: v.name,
      maskedId: v.maskedId,
      personKey,
      sex: v.id.sex,
      birthDate: v.id.birthDate,
      ethnicity: v.ethnicity,
      address: v.address,
      residence: v.residence,
      status: 'registered',
      source: { kind: 'import', importId: ctx.importId, row: v.row },
      version: 1,
      createdAt: ctx.at,
      updatedAt: ctx.at,
    };
    const person: PersonRecord = {
      roundId: ctx.roundId,
      townshipId: ctx.scope.townshipId,
      townshipName: ctx.townshipName,
      districtId: v.districtId,
      districtName: ctx.districtNames.get(v.districtId) ?? v.districtId,
      voterId,
      source: ctx.importId,
      row: v.row,
      version: 1,
    };
    claims.push({ personKey, person, voter });
  }

  let conflicts = 0;
  let alreadyRegistered = 0;
  const outcome = await store.voterImports.writeChunk(
    ctx.scope,
    ctx.importId,
    claims,
    report,
    (row, holder) => (holder.townshipId === ctx.scope.townshipId ? undefined : conflictOf(ctx, row, holder)),
    (row, holder) => {
      const r = row.voter.source.kind === 'import' ? row.voter.source.row : 0;
      if (holder.source === ctx.importId) {
        invalid += 1;
        return { row: r, field: 'residentId', reason: `与第 ${holder.row} 行是同一人（文件内重复）`, kind: 'duplicate-in-file' };
      }
      if (holder.townshipId === ctx.scope.townshipId) {
        alreadyRegistered += 1;
        return { row: r, field: 'residentId', reason: `已在本乡镇「${holder.districtName}」登记`, kind: 'already-registered' };
      }
      conflicts += 1;
      return { row: r, field: 'residentId', reason: `已在「${holder.townshipName}」「${holder.districtName}」登记：一人只能在一个选区登记，已报县选举委员会处理`, kind: 'conflict' };
    },
  );
  return { registered: outcome.registered.length, invalid, conflicts, alreadyRegistered };
}

function conflictOf(ctx: ChunkContext, row: ChunkRow, holder: PersonRecord): ConflictRecord {
  return {
    personKey: row.personKey,
    roundId: ctx.roundId,
    townshipId: ctx.scope.townshipId,
    districtId: row.voter.districtId,
    districtName: ctx.districtNames.get(row.voter.districtId) ?? row.voter.districtId,
    name: row.voter.name,
    maskedId: row.voter.maskedId,
    voter: row.voter,
    other: { townshipId: holder.townshipId, townshipName: holder.townshipName, districtId: holder.districtId, districtName: holder.districtName },
    status: 'open',
    detectedAt: ctx.at,
    source: ctx.importId,
    version: 1,
  };
}
