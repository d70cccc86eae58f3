/**
 * Objections to the published voter list (申诉, EL 29; issue 4 part 6): filed within 5 days of
 * the publication (later: 422 with the reason and the deadline), decided within 3 days — upheld
 * or rejected, the reason, and the resulting change to the roll applied in the same transaction
 * (a voter added, or a voter's status changed); undecided ones past their day are flagged, and
 * the county lists them across its townships from the county index.
 */
import { v7 as uuidv7 } from 'uuid';
import {
  checkObjectionDecision,
  checkObjectionFiling,
  compareDates,
  isObjectionOverdue,
  isOfVotingAge,
  maskResidentId,
  objectionDecisionDue,
  parseResidentId,
  todayIn,
  type ObjectionKind,
  type RoundSettings,
} from '@township/domain';
import { AlreadyExistsError, countyOf as countyOfScope, type ObjectionRecord, type PersonRecord, type VoterRecord, type WriteOp } from '@township/store';
import { groupHandler } from './http/pipeline';
import { conflict, HttpProblem, notFound, unprocessable } from './http/problem';
import { countyOf } from './http/scopes';
import { assertDistrict, townshipRound, visibleDistricts } from './roll/round';
import { routes } from './routes';
import { personKeyOf, voterIdOf } from './voter-import/person-key';

const DECISION_ZH = { true: '申诉成立', false: '驳回申诉' } as const;

const voterView = ({ personKey: _key, source: _source, roundId: _round, ...rest }: VoterRecord) => rest;

export const handler = groupHandler('objections', routes, {
  fileObjection: async ({ params, body }, ctx) => {
    assertDistrict(ctx, body.districtId);
    const tr = await townshipRound(ctx, params.roundId);
    const district = await ctx.store.districts.get(tr.scope, tr.round.id, body.districtId);
    if (!district) throw unprocessable(`No district ${body.districtId}.`, [{ field: 'body.districtId', message: 'no such district' }]);
    const latest = await ctx.store.publications.latest(tr.scope, tr.round.id);
    if (!latest) throw unprocessable('The voter list is not published yet: there is nothing to object to.', [{ field: 'voterList', message: '选民名单尚未公布' }]);
    // Counted from the latest publication (a supplement is a publication too, EL 29).
    const check = checkObjectionFiling(latest.publishedOn, tr.today, tr.settings.objectionFilingDays);
    if (!check.allowed) {
      throw new HttpProblem(422, 'domain-rule', 'Rule violated', check.reason, {
        errors: [{ field: 'filedOn', message: check.reason }],
        extensions: { filingDeadline: check.deadline, publishedOn: latest.publishedOn, today: tr.today },
      });
    }
    const record: ObjectionRecord = {
      id: uuidv7(),
      roundId: tr.round.id,
      townshipId: tr.township.id,
      townshipName: tr.township.name,
      districtId: district.id,
      filedBy: body.filedBy,
      about: body.about,
      kind: body.kind,
      text: body.text,
      filedOn: tr.today,
      filedAt: ctx.mutation.at,
      recordedBy: ctx.mutation.actor,
      publication: latest.number,
      filingDeadline: check.deadline,
      decisionDue: objectionDecisionDue(tr.today, tr.settings.objectionDecisionDays),
      status: 'open',
      version: 1,
    };
    const response = view(tr.today, tr.settings, record);
    await ctx.store.commit(
      ctx.mutation,
      [ctx.store.objections.write(tr.scope, record, { kind: 'absent' })],
      [{ chain: tr.scope, action: 'objection.file', target: `round/${tr.round.id}/objection/${record.id}`, summary: `${body.filedBy.name}对「${district.name}」选民名单提出申诉（${body.about.name}）：${body.text.slice(0, 100)}`, before: null, after: record }],
      { status: 201, body: response },
    );
    return { status: 201, body: response };
  },

  listObjections: async ({ params, query }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    const mine = new Set(visibleDistricts(ctx, (await ctx.store.districts.list(tr.scope, tr.round.id)).map((d) => ({ id: d.id }))).map((d) => d.id));
    const all = (await ctx.store.objections.list(tr.scope, tr.round.id))
      .filter((o) => ctx.principal?.role !== 'district_officer' || mine.has(o.districtId))
      .map((o) => view(tr.today, tr.settings, o));
    const items = query.status === 'overdue' ? all.filter((o) => o.overdue) : query.status ? all.filter((o) => o.status === query.status) : all;
    return { body: { items } };
  },

  decideObjection: async ({ params, body }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    const objection = await ctx.store.objections.get(tr.scope, tr.round.id, body.objectionId);
    if (!objection) throw notFound(`No objection ${body.objectionId}.`);
    assertDistrict(ctx, objection.districtId);
    if (objection.status === 'decided') throw conflict(`The objection was decided on ${objection.decision?.decidedOn}.`);
    const problems = checkObjectionDecision(objection.kind as ObjectionKind, body.upheld, body.change.kind);
    if (problems.length) throw unprocessable(problems.join('；'), problems.map((message) => ({ field: 'body.change', message })));
    const at = ctx.mutation.at;
    const writes: WriteOp[] = [];
    const audits: Array<{ action: string; target: string; summary: string; before: unknown; after: unknown }> = [];
    let change: NonNullable<ObjectionRecord['decision']>['change'] = { kind: 'none' };
    let addedPerson: string | undefined;

    if (body.change.kind === 'add') {
      if (tr.today > tr.round.electionDay) throw conflict(`Election day (${tr.round.electionDay}) has passed: the roll is closed.`);
      const district = await ctx.store.districts.get(tr.scope, tr.round.id, objection.districtId);
      if (!district) throw unprocessable(`District ${objection.districtId} no longer exists.`);
      const parsed = parseResidentId(body.change.residentId, tr.today);
      if (!parsed.ok) throw unprocessable(parsed.problem.message, [{ field: 'body.change.residentId', message: parsed.problem.message }]);
      if (!isOfVotingAge(parsed.value.birthDate, tr.round.electionDay)) {
        throw unprocessable('Not 18 on election day.', [{ field: 'body.change.residentId', message: `选举日（${tr.round.electionDay}）未满18周岁` }]);
      }
      const personKey = personKeyOf(tr.scope.countyId, parsed.value.id);
      const voter: VoterRecord = {
        id: voterIdOf(personKey),
        roundId: tr.round.id,
        townshipId: tr.township.id,
        districtId: district.id,
        name: body.change.name,
        maskedId: maskResidentId(parsed.value.id),
        personKey,
        sex: parsed.value.sex,
        birthDate: parsed.value.birthDate,
        ethnicity: body.change.ethnicity,
        address: body.change.address,
        residence: body.change.residence,
        status: 'registered',
        statusChange: { reason: `申诉处理决定：${body.reason}`, date: tr.today, at, by: ctx.mutation.actor },
        source: { kind: 'manual', requestId: ctx.mutation.requestId },
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      const person: PersonRecord = {
        roundId: tr.round.id,
        townshipId: tr.township.id,
        townshipName: tr.township.name,
        districtId: district.id,
        districtName: district.name,
        voterId: voter.id,
        source: `objection:${objection.id}`,
        row: 0,
        version: 1,
      };
      writes.push(
        { item: ctx.store.voters.personItem(countyOfScope(tr.scope), personKey, person), expect: { kind: 'absent' }, describe: 'the person' },
        ctx.store.voters.write(tr.scope, voter, { kind: 'absent' }),
      );
      audits.push({ action: 'voters.add', target: `round/${tr.round.id}/voter/${voter.id}`, summary: `依申诉处理决定补登选民 ${voter.name}（${voter.maskedId}）于「${district.name}」`, before: null, after: voterView(voter) });
      change = { kind: 'add', voterId: voter.id, districtId: district.id };
      addedPerson = personKey;
    } else if (body.change.kind === 'status') {
      const voter = await ctx.store.voters.get(tr.scope, tr.round.id, objection.districtId, body.change.voterId);
      if (!voter) throw unprocessable(`No voter ${body.change.voterId} in district ${objection.districtId}.`, [{ field: 'body.change.voterId', message: 'not a voter of the objection’s district' }]);
      if (voter.status === body.change.status) throw unprocessable(`The voter's status is ${voter.status} already.`, [{ field: 'body.change.status', message: 'unchanged' }]);
      const next: VoterRecord = { ...voter, status: body.change.status, statusChange: { reason: `申诉处理决定：${body.reason}`, date: tr.today, at, by: ctx.mutation.actor }, version: voter.version + 1, updatedAt: at };
      writes.push(ctx.store.voters.write(tr.scope, next, { kind: 'version', version: voter.version }));
      audits.push({ action: 'voters.status', target: `round/${tr.round.id}/voter/${voter.id}`, summary: `依申诉处理决定变更 ${voter.name}（${voter.maskedId}）的登记状态：${voter.status} → ${body.change.status}`, before: voterView(voter), after: voterView(next) });
      change = { kind: 'status', voterId: voter.id, districtId: voter.districtId, status: body.change.status };
    }

    const late = compareDates(tr.today, objection.decisionDue) > 0;
    const decided: ObjectionRecord = {
      ...objection,
      status: 'decided',
      decision: { upheld: body.upheld, reason: body.reason, decidedOn: tr.today, at, by: ctx.mutation.actor, late, change },
      version: objection.version + 1,
    };
    writes.unshift(ctx.store.objections.write(tr.scope, decided, { kind: 'version', version: objection.version }));
    audits.unshift({
      action: 'objection.decide',
      target: `round/${tr.round.id}/objection/${objection.id}`,
      summary: `${DECISION_ZH[String(body.upheld) as 'true' | 'false']}（${objection.about.name}）：${body.reason}${late ? `（逾期处理，应于 ${objection.decisionDue} 前）` : ''}`,
      before: objection,
      after: decided,
    });
    try {
      await ctx.store.commit(ctx.mutation, writes, audits.map((a) => ({ chain: tr.scope, ...a })));
    } catch (error) {
      if (!(error instanceof AlreadyExistsError) || !addedPerson) throw error;
      const holder = await ctx.store.voters.person(tr.scope, tr.round.id, addedPerson);
      const where = holder?.townshipId === tr.township.id ? `本乡镇「${holder.districtName}」` : `「${holder?.townshipName}」「${holder?.districtName}」`;
      throw conflict(`此人已在${where}登记：一人只能在一个选区登记。`, holder ? { registeredIn: { townshipName: holder.townshipName, districtName: holder.districtName } } : {});
    }
    return { body: view(tr.today, tr.settings, decided) };
  },

  listOverdueObjections: async ({ params }, ctx) => {
    const county = countyOf(ctx);
    const round = await ctx.store.rounds.get(county, params.roundId);
    if (!round) throw notFound(`No round ${params.roundId}.`);
    const today = todayIn(round.timeZone, ctx.now);
    const settings = round.settings as unknown as RoundSettings;
    const items = (await ctx.store.objections.overdue(county, round.id, today))
      .filter((o) => o.status === 'open')
      .map((o) => ({ ...view(today, settings, o), daysOverdue: daysBetween(o.decisionDue, today) }));
    return { body: { today, items } };
  },
});

function view(today: string, settings: Pick<RoundSettings, 'objectionDecisionDays'>, o: ObjectionRecord) {
  return { ...o, overdue: isObjectionOverdue(o.filedOn, today, o.status === 'decided', settings.objectionDecisionDays) };
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

