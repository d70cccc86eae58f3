/**
 * Conflicts between townships (一人只能在一个选区登记, EL 5, ZJ 26): the county sees them all and
 * decides which registration stands; the refused township sees the outcome. When the refused
 * registration stands, in one transaction: the other township's voter is marked as voting
 * elsewhere (with the decision as reason), the person record moves, the refused voter is
 * registered and the conflict is closed — audited in both townships' chains.
 */
import { todayIn } from '@township/domain';
import { countyOf as countyOfScope, townshipScope, type ConflictRecord, type PersonRecord, type VoterRecord } from '@township/store';
import { groupHandler } from './http/pipeline';
import { conflict, notFound } from './http/problem';
import { countyOf } from './http/scopes';
import { townshipRound } from './roll/round';
import { routes } from './routes';

/** The refused voter record stays inside; the view shows names and the masked ID. */
const view = ({ voter: _voter, source: _source, ...rest }: ConflictRecord) => rest;
const pageOf = (q: { limit?: number | undefined; cursor?: string | undefined }) => ({ ...(q.limit ? { limit: q.limit } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) });

export const handler = groupHandler('conflicts', routes, {
  listCountyConflicts: async ({ params, query }, ctx) => {
    const county = countyOf(ctx);
    if (!(await ctx.store.rounds.get(county, params.roundId))) throw notFound(`No round ${params.roundId}.`);
    const page = await ctx.store.voters.conflictsOfCounty(county, params.roundId, pageOf(query));
    return { body: { items: page.items.map(view), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
  },

  listTownshipConflicts: async ({ params, query }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    const page = await ctx.store.voters.conflictsOfTownship(tr.scope, params.roundId, pageOf(query));
    return { body: { items: page.items.map(view), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
  },

  resolveConflict: async ({ params, body }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    const record = await ctx.store.voters.conflict(tr.scope, params.roundId, body.personKey);
    if (!record) throw notFound('No such conflict in this township.');
    if (record.status !== 'open') throw conflict('The conflict is already resolved.');
    const at = ctx.mutation.at;
    const resolution = { stands: body.stands, note: body.note, at, by: ctx.mutation.actor };
    const resolved: ConflictRecord = { ...record, status: 'resolved', resolution, version: record.version + 1 };
    const conflictOp = { item: ctx.store.voters.conflictItem(tr.scope, resolved), expect: { kind: 'version' as const, version: record.version }, describe: 'the conflict' };
    const target = `round/${params.roundId}/conflict/${body.personKey.slice(0, 16)}`;
    const otherName = `${record.other.townshipName}「${record.other.districtName}」`;

    if (body.stands === 'existing') {
      await ctx.store.commit(ctx.mutation, [conflictOp], [
        { chain: tr.scope, action: 'voters.conflict.resolve', target, summary: `县选举委员会裁定：${record.name}（${record.maskedId}）在${otherName}的登记有效，本乡镇不予登记。${body.note}`, before: view(record), after: view(resolved) },
      ]);
      return { body: view(resolved) };
    }

    const holderScope = townshipScope(tr.scope.countyId, record.other.townshipId);
    const person = await ctx.store.voters.person(tr.scope, params.roundId, body.personKey);
    if (!person || person.townshipId !== record.other.townshipId || person.districtId !== record.other.districtId) {
      throw conflict('The other registration has changed since the conflict was found: read the conflicts again.');
    }
    const holder = await ctx.store.voters.get(holderScope, params.roundId, person.districtId, person.voterId);
    if (!holder) throw conflict('The other registration no longer exists: read the conflicts again.');
    const today = todayIn(tr.round.timeZone, ctx.now);
    const moved: VoterRecord = {
      ...holder,
      status: 'elsewhere',
      statusChange: { reason: `县选举委员会裁定在「${tr.township.name}」登记：${body.note}`, date: today, at, by: ctx.mutation.actor },
      version: holder.version + 1,
      updatedAt: at,
    };
    const claimant: VoterRecord = { ...record.voter, version: 1, createdAt: at, updatedAt: at };
    const nextPerson: PersonRecord = {
      roundId: params.roundId,
      townshipId: tr.township.id,
      townshipName: tr.township.name,
      districtId: record.districtId,
      districtName: record.districtName,
      voterId: claimant.id,
      source: `resolution:${ctx.mutation.requestId}`,
      row: 0,
      version: person.version + 1,
    };
    await ctx.store.commit(
      ctx.mutation,
      [
        conflictOp,
        ctx.store.voters.write(holderScope, moved, { kind: 'version', version: holder.version }),
        { item: ctx.store.voters.personItem(countyOfScope(tr.scope), body.personKey, nextPerson), expect: { kind: 'version', version: person.version }, describe: 'the person record' },
        ctx.store.voters.write(tr.scope, claimant, { kind: 'absent' }),
      ],
      [
        { chain: tr.scope, action: 'voters.conflict.resolve', target, summary: `县选举委员会裁定：${record.name}（${record.maskedId}）在本乡镇「${record.districtName}」登记。${body.note}`, before: view(record), after: view(resolved) },
        { chain: holderScope, action: 'voters.moved', target: `round/${params.roundId}/voter/${holder.id}`, summary: `县选举委员会裁定：${holder.name}（${holder.maskedId}）改在「${tr.township.name}」登记，本乡镇不再列入。${body.note}`, before: holder, after: moved },
      ],
    );
    return { body: view(resolved) };
  },
});
