/**
 * Electoral districts (选区): create, change, delete while the division is open; submit the
 * division for the county's approval; the county approves or returns it with a comment.
 */
import { compareDates, todayIn } from '@township/domain';
import type { DistrictRecord, DivisionRecord, StageFactRecord, WriteOp } from '@township/store';
import type { RequestContext } from './http/context';
import { groupHandler } from './http/pipeline';
import { conflict, notFound, unprocessable } from './http/problem';
import { countyOf } from './http/scopes';
import { assertEditable, divisionView } from './roll/division';
import { assertDistrict, townshipRound, visibleDistricts, type TownshipRound } from './roll/round';
import { routes } from './routes';
import { resumeAfterDecision } from './workflow/approval';
import { deadlineRecords } from './workflow/deadlines';
import { datesKey } from './workflow/round-dates';

export const handler = groupHandler('districts', routes, {
  listDistricts: async ({ params }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    const [districts, division] = await Promise.all([
      ctx.store.districts.list(tr.scope, params.roundId),
      ctx.store.divisions.get(tr.scope, params.roundId),
    ]);
    return { body: { items: visibleDistricts(ctx, districts), division: divisionView(tr, division, districts) } };
  },

  createDistrict: async ({ params, body }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    assertEditable(tr, await ctx.store.divisions.get(tr.scope, params.roundId));
    const stored = await ctx.store.districts.getStored(tr.scope, params.roundId, body.id);
    if (stored && !stored.deleted) throw conflict(`District ${body.id} exists already.`);
    const at = ctx.mutation.at;
    const district: DistrictRecord = {
      ...body,
      roundId: params.roundId,
      townshipId: tr.township.id,
      // A deleted district's id may be used again: its tombstone's version goes on.
      version: (stored?.version ?? 0) + 1,
      createdAt: at,
      updatedAt: at,
      createdBy: ctx.mutation.actor,
    };
    await ctx.store.commit(
      ctx.mutation,
      [ctx.store.districts.write(tr.scope, district, stored ? { kind: 'version', version: stored.version } : { kind: 'absent' })],
      [audit(tr, 'district.create', district.id, `新建选区「${district.name}」：人口 ${district.population}，名额 ${district.seats}`, null, district)],
      { status: 201, body: district },
    );
    return { status: 201, body: district };
  },

  updateDistrict: async ({ params, body }, ctx) => {
    assertDistrict(ctx, body.id);
    const tr = await townshipRound(ctx, params.roundId);
    const current = await existing(ctx, tr, body.id);
    assertEditable(tr, await ctx.store.divisions.get(tr.scope, params.roundId));
    assertVersion(ctx, current.version);
    const district: DistrictRecord = { ...current, ...body, version: current.version + 1, updatedAt: ctx.mutation.at };
    await ctx.store.commit(
      ctx.mutation,
      [ctx.store.districts.write(tr.scope, district, { kind: 'version', version: current.version })],
      [audit(tr, 'district.update', district.id, `修改选区「${district.name}」：人口 ${district.population}，名额 ${district.seats}`, current, district)],
    );
    return { body: district };
  },

  deleteDistrict: async ({ params, query }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    const current = await existing(ctx, tr, query.districtId);
    assertEditable(tr, await ctx.store.divisions.get(tr.scope, params.roundId));
    assertVersion(ctx, current.version);
    if (await ctx.store.voters.any(tr.scope, tr.round.id, current.id)) {
      throw conflict(`District ${current.id} has registered voters: move them to another district first.`);
    }
    await ctx.store.commit(
      ctx.mutation,
      [ctx.store.districts.tombstone(tr.scope, current, ctx.mutation.at)],
      [audit(tr, 'district.delete', current.id, `删除选区「${current.name}」`, current, null)],
    );
    return { body: { ...current, version: current.version + 1, updatedAt: ctx.mutation.at } };
  },

  submitDivision: async ({ params }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    const [division, districts] = await Promise.all([
      ctx.store.divisions.get(tr.scope, params.roundId),
      ctx.store.districts.list(tr.scope, params.roundId),
    ]);
    assertEditable(tr, division);
    const view = divisionView(tr, division, districts);
    if (view.problems.length) {
      throw unprocessable('The division cannot be submitted yet.', view.problems.map((p) => ({ field: `division.${p.field}`, message: p.message })));
    }
    const next: DivisionRecord = {
      roundId: params.roundId,
      townshipId: tr.township.id,
      countyId: tr.scope.countyId,
      status: 'submitted',
      submitted: { at: ctx.mutation.at, by: ctx.mutation.actor, districts: districts.map((d) => ({ id: d.id, name: d.name, population: d.population, seats: d.seats })) },
      version: (division?.version ?? 0) + 1,
      createdAt: division?.createdAt ?? ctx.mutation.at,
      updatedAt: ctx.mutation.at,
      createdBy: division?.createdBy ?? ctx.mutation.actor,
    };
    await ctx.store.commit(
      ctx.mutation,
      [ctx.store.divisions.write(tr.scope, next, division ? { kind: 'version', version: division.version } : { kind: 'absent' })],
      [audit(tr, 'division.submit', 'division', `报请县选举委员会审批选区划分：${districts.length} 个选区，名额合计 ${view.totalSeats}`, division ?? null, next)],
    );
    return { body: divisionView(tr, next, districts) };
  },

  decideDivision: async ({ params, body }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    const [division, districts] = await Promise.all([
      ctx.store.divisions.get(tr.scope, params.roundId),
      ctx.store.districts.list(tr.scope, params.roundId),
    ]);
    if (!division || division.status !== 'submitted') {
      throw conflict(`The division is ${division?.status ?? 'draft'}: only a submitted division can be decided.`, { divisionStatus: division?.status ?? 'draft' });
    }
    if (!body.approved && !body.comment) {
      throw unprocessable('Say what to change when returning a division.', [{ field: 'body.comment', message: 'required when approved is false' }]);
    }
    const next: DivisionRecord = {
      ...division,
      status: body.approved ? 'approved' : 'returned',
      decision: { approved: body.approved, comment: body.comment, at: ctx.mutation.at, by: ctx.mutation.actor },
      version: division.version + 1,
      updatedAt: ctx.mutation.at,
    };
    // Approved: the timeline's district-division stage is done, on the day it was submitted, in
    // the same transaction (a division submitted after the phase's deadline is approved with it).
    const writes: WriteOp[] = [ctx.store.divisions.write(tr.scope, next, { kind: 'version', version: division.version })];
    let doneFact: StageFactRecord | undefined;
    const entry = tr.timeline.find((e) => e.stage === 'districtDivision');
    if (body.approved && entry?.deadline && division.submitted && !(await ctx.store.stages.get(tr.scope, tr.round.id, 'districtDivision'))) {
      const doneOn = todayIn(tr.round.timeZone, new Date(division.submitted.at));
      const late = compareDates(doneOn, entry.deadline) > 0;
      const fact: StageFactRecord = {
        roundId: tr.round.id,
        townshipId: tr.township.id,
        stage: 'districtDivision',
        doneOn,
        note: '县选举委员会批准选区划分',
        recordedAt: ctx.mutation.at,
        recordedBy: ctx.mutation.actor,
        late,
        ...(late ? { approval: { approved: true, at: ctx.mutation.at, by: ctx.mutation.actor, note: body.comment } } : {}),
        version: 1,
      };
      writes.push(ctx.store.stages.write(tr.scope, fact, { kind: 'absent' }));
      doneFact = fact;
    }
    await ctx.store.commit(
      ctx.mutation,
      writes,
      [audit(tr, body.approved ? 'division.approve' : 'division.return', 'division', body.approved ? '县选举委员会批准选区划分' : `县选举委员会退回选区划分：${body.comment}`, division, next)],
    );
    if (doneFact && entry) {
      // The deadline leaves the due index (the digest reads only unmet ones).
      const ref = { countyId: tr.scope.countyId, townshipId: tr.township.id, roundId: tr.round.id, datesKey: datesKey(tr.round) };
      const [deadline] = deadlineRecords([entry], { districtDivision: doneFact.doneOn }, ref, tr.round.timeZone, ctx.now);
      if (deadline) await ctx.store.deadlines.put(tr.scope, deadline);
    }
    // The township's execution, waiting for this decision, goes on at once.
    await resumeAfterDecision(ctx.store, tr.scope.countyId, tr.township.id, tr.round.id);
    return { body: divisionView(tr, next, districts) };
  },

  listCountyDivisions: async ({ params }, ctx) => {
    const county = countyOf(ctx);
    if (!(await ctx.store.rounds.get(county, params.roundId))) throw notFound(`No round ${params.roundId}.`);
    const divisions = await ctx.store.divisions.listForCounty(county, params.roundId);
    return {
      body: {
        items: divisions.map((d) => ({ townshipId: d.townshipId, status: d.status, version: d.version, ...(d.submitted ? { submittedAt: d.submitted.at } : {}) })),
      },
    };
  },
});

async function existing(ctx: RequestContext, tr: TownshipRound, districtId: string): Promise<DistrictRecord> {
  const district = await ctx.store.districts.get(tr.scope, tr.round.id, districtId);
  if (!district) throw notFound(`No district ${districtId}.`);
  return district;
}

function assertVersion(ctx: RequestContext, version: number): void {
  if (ctx.ifMatch !== version) throw conflict(`The district is at version ${version}, not ${ctx.ifMatch}.`, { currentVersion: version });
}

function audit(tr: TownshipRound, action: string, target: string, summary: string, before: unknown, after: unknown) {
  return { chain: tr.scope, action, target: `round/${tr.round.id}/${target === 'division' ? 'division' : `district/${target}`}`, summary, before, after };
}
