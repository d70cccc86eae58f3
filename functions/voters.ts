/**
 * The roll (选民名单): list and search a township's voters by district, name or masked ID,
 * paginated; register a voter by hand (claiming the person county-wide in the same
 * transaction); mark a voter deceased, moved away, deprived of political rights, unable to
 * exercise the right, rights suspended or voting elsewhere — with reason and date, audited.
 */
import { isOfVotingAge, maskResidentId, parseResidentId } from '@township/domain';
import { AlreadyExistsError, countyOf as countyOfScope, type PersonRecord, type VoterRecord } from '@township/store';
import type { RequestContext } from './http/context';
import { groupHandler } from './http/pipeline';
import { badRequest, conflict, notFound, unprocessable } from './http/problem';
import { assertDistrict, townshipRound, visibleDistricts, type TownshipRound } from './roll/round';
import { routes } from './routes';
import { personKeyOf, voterIdOf } from './voter-import/person-key';

const STATUS_ZH: Record<VoterRecord['status'], string> = {
  registered: '恢复登记',
  deceased: '死亡',
  moved_away: '迁出',
  deprived: '被剥夺政治权利',
  unable: '无法行使选举权利',
  suspended: '停止行使选举权利',
  elsewhere: '持选民资格证明在外地参加选举',
};

const READS = 20;
const SEARCH_READ = 1000;

/** The keyed hash stays inside: it is a key, not something a clerk reads. */
const view = ({ personKey: _key, source: _source, roundId: _round, ...rest }: VoterRecord) => rest;

export const handler = groupHandler('voters', routes, {
  listVoters: async ({ params, query }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    if (query.districtId) assertDistrict(ctx, query.districtId);
    const districts = visibleDistricts(ctx, await ctx.store.districts.list(tr.scope, params.roundId))
      .map((d) => d.id)
      .filter((id) => !query.districtId || id === query.districtId);
    const filter = { ...(query.name ? { name: query.name } : {}), ...maskedParts(query.maskedId), ...(query.status ? { status: query.status } : {}) };
    const limit = query.limit ?? 50;
    const filtered = Object.keys(filter).length > 0;
    // The cursor names the district and the position in it: a page may span districts. A
    // search reads at most READS × SEARCH_READ items per request and answers the cursor to go on.
    let { district, inner } = readCursor(query.cursor, districts);
    const items: VoterRecord[] = [];
    for (let reads = 0; district !== undefined && items.length < limit && reads < READS; reads++) {
      const page = await ctx.store.voters.page(
        tr.scope,
        params.roundId,
        districts[district]!,
        filter,
        { limit: limit - items.length, ...(inner ? { cursor: inner } : {}) },
        filtered ? SEARCH_READ : undefined,
      );
      items.push(...page.items);
      if (page.nextCursor) inner = page.nextCursor;
      else {
        district = district + 1 < districts.length ? district + 1 : undefined;
        inner = undefined;
      }
    }
    const nextCursor = district === undefined ? undefined : Buffer.from(JSON.stringify({ d: districts[district], c: inner ?? null })).toString('base64url');
    return { body: { items: items.map(view), ...(nextCursor ? { nextCursor } : {}) } };
  },

  addVoter: async ({ params, body }, ctx) => {
    assertDistrict(ctx, body.districtId);
    const tr = await townshipRound(ctx, params.roundId);
    if (tr.today > tr.round.electionDay) throw conflict(`Election day (${tr.round.electionDay}) has passed: the roll is closed.`);
    const district = await ctx.store.districts.get(tr.scope, params.roundId, body.districtId);
    if (!district) throw unprocessable(`No district ${body.districtId}.`, [{ field: 'body.districtId', message: 'no such district' }]);
    const parsed = parseResidentId(body.residentId, tr.today);
    if (!parsed.ok) throw unprocessable(parsed.problem.message, [{ field: 'body.residentId', message: parsed.problem.message }]);
    const id = parsed.value;
    if (!isOfVotingAge(id.birthDate, tr.round.electionDay)) {
      throw unprocessable('Not 18 on election day.', [{ field: 'body.residentId', message: `选举日（${tr.round.electionDay}）未满18周岁` }]);
    }
    const personKey = personKeyOf(tr.scope.countyId, id.id);
    const at = ctx.mutation.at;
    const voter: VoterRecord = {
      id: voterIdOf(personKey),
      roundId: params.roundId,
      townshipId: tr.township.id,
      districtId: district.id,
      name: body.name,
      maskedId: maskResidentId(id.id),
      personKey,
      sex: id.sex,
      birthDate: id.birthDate,
      ethnicity: body.ethnicity,
      address: body.address,
      residence: body.residence,
      status: 'registered',
      source: { kind: 'manual', requestId: ctx.mutation.requestId },
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const person: PersonRecord = {
      roundId: params.roundId,
      townshipId: tr.township.id,
      townshipName: tr.township.name,
      districtId: district.id,
      districtName: district.name,
      voterId: voter.id,
      source: `manual:${ctx.mutation.requestId}`,
      row: 0,
      version: 1,
    };
    try {
      await ctx.store.commit(
        ctx.mutation,
        [
          { item: ctx.store.voters.personItem(countyOfScope(tr.scope), personKey, person), expect: { kind: 'absent' }, describe: 'the person' },
          ctx.store.voters.write(tr.scope, voter, { kind: 'absent' }),
        ],
        [{ chain: tr.scope, action: 'voters.add', target: `round/${params.roundId}/voter/${voter.id}`, summary: `登记选民 ${voter.name}（${voter.maskedId}）于「${district.name}」`, before: null, after: view(voter) }],
        { status: 201, body: view(voter) },
      );
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const holder = await ctx.store.voters.person(tr.scope, params.roundId, personKey);
      const where = holder?.townshipId === tr.township.id ? `本乡镇「${holder.districtName}」` : `「${holder?.townshipName}」「${holder?.districtName}」`;
      throw conflict(`此人已在${where}登记：一人只能在一个选区登记。`, holder ? { registeredIn: { townshipName: holder.townshipName, districtName: holder.districtName } } : {});
    }
    return { status: 201, body: view(voter) };
  },

  changeVoterStatus: async ({ params, body }, ctx) => {
    assertDistrict(ctx, body.districtId);
    const tr = await townshipRound(ctx, params.roundId);
    const voter = await existingVoter(ctx, tr, body.districtId, body.voterId);
    if (ctx.ifMatch !== voter.version) throw conflict(`The voter is at version ${voter.version}, not ${ctx.ifMatch}.`, { currentVersion: voter.version });
    if (body.date > tr.today) throw unprocessable('The date is in the future.', [{ field: 'body.date', message: 'not after today' }]);
    const at = ctx.mutation.at;
    const next: VoterRecord = { ...voter, status: body.status, statusChange: { reason: body.reason, date: body.date, at, by: ctx.mutation.actor }, version: voter.version + 1, updatedAt: at };
    await ctx.store.commit(
      ctx.mutation,
      [ctx.store.voters.write(tr.scope, next, { kind: 'version', version: voter.version })],
      [{ chain: tr.scope, action: 'voters.status', target: `round/${params.roundId}/voter/${voter.id}`, summary: `${voter.name}（${voter.maskedId}）：${STATUS_ZH[body.status]}，${body.date}，${body.reason}`, before: view(voter), after: view(next) }],
    );
    return { body: view(next) };
  },

  editVoter: async ({ params, body }, ctx) => {
    assertDistrict(ctx, body.districtId);
    const tr = await townshipRound(ctx, params.roundId);
    if (tr.today > tr.round.electionDay) throw conflict(`Election day (${tr.round.electionDay}) has passed: the roll is closed.`);
    const voter = await existingVoter(ctx, tr, body.districtId, body.voterId);
    if (ctx.ifMatch !== voter.version) throw conflict(`The voter is at version ${voter.version}, not ${ctx.ifMatch}.`, { currentVersion: voter.version });
    const { districtId: _d, voterId: _v, reason, ...changes } = body;
    const next: VoterRecord = { ...voter, ...changes, version: voter.version + 1, updatedAt: ctx.mutation.at };
    const fields = Object.keys(changes).join('、');
    await ctx.store.commit(
      ctx.mutation,
      [ctx.store.voters.write(tr.scope, next, { kind: 'version', version: voter.version })],
      [{ chain: tr.scope, action: 'voters.edit', target: `round/${params.roundId}/voter/${voter.id}`, summary: `更正 ${voter.name}（${voter.maskedId}）的${fields}：${reason}`, before: view(voter), after: view(next) }],
    );
    return { body: view(next) };
  },

  moveVoter: async ({ params, body }, ctx) => {
    assertDistrict(ctx, body.districtId);
    assertDistrict(ctx, body.toDistrictId);
    if (body.toDistrictId === body.districtId) throw unprocessable('The voter is in that district already.', [{ field: 'body.toDistrictId', message: 'same as districtId' }]);
    const tr = await townshipRound(ctx, params.roundId);
    if (tr.today > tr.round.electionDay) throw conflict(`Election day (${tr.round.electionDay}) has passed: the roll is closed.`);
    const voter = await existingVoter(ctx, tr, body.districtId, body.voterId);
    if (ctx.ifMatch !== voter.version) throw conflict(`The voter is at version ${voter.version}, not ${ctx.ifMatch}.`, { currentVersion: voter.version });
    if (body.date > tr.today) throw unprocessable('The date is in the future.', [{ field: 'body.date', message: 'not after today' }]);
    const [from, to, person] = await Promise.all([
      ctx.store.districts.get(tr.scope, params.roundId, body.districtId),
      ctx.store.districts.get(tr.scope, params.roundId, body.toDistrictId),
      ctx.store.voters.person(tr.scope, params.roundId, voter.personKey),
    ]);
    if (!to) throw unprocessable(`No district ${body.toDistrictId}.`, [{ field: 'body.toDistrictId', message: 'no such district' }]);
    // The county-wide record must name this registration, or the move would claim someone else's.
    if (!person || person.townshipId !== tr.township.id || person.voterId !== voter.id) {
      throw conflict('The county-wide record of this person names another registration: resolve the conflict first.');
    }
    const at = ctx.mutation.at;
    const moved: VoterRecord = {
      ...voter,
      districtId: to.id,
      move: { fromDistrictId: voter.districtId, reason: body.reason, date: body.date, at, by: ctx.mutation.actor },
      version: voter.version + 1,
      updatedAt: at,
    };
    // One transaction: the voter leaves the old district's partition, enters the new one, and the
    // person record follows (at its version: a concurrent conflict resolution makes this a 409).
    await ctx.store.commit(
      ctx.mutation,
      [
        { ...ctx.store.voters.write(tr.scope, voter, { kind: 'version', version: voter.version }), delete: true },
        ctx.store.voters.write(tr.scope, moved, { kind: 'absent' }),
        {
          item: ctx.store.voters.personItem(countyOfScope(tr.scope), voter.personKey, { ...person, districtId: to.id, districtName: to.name, version: person.version + 1 }),
          expect: { kind: 'version', version: person.version },
          describe: 'the person',
        },
      ],
      [
        {
          chain: tr.scope,
          action: 'voters.move',
          target: `round/${params.roundId}/voter/${voter.id}`,
          summary: `${voter.name}（${voter.maskedId}）由「${from?.name ?? voter.districtId}」改至「${to.name}」，${body.date}，${body.reason}`,
          before: view(voter),
          after: view(moved),
        },
      ],
    );
    return { body: view(moved) };
  },
});

async function existingVoter(ctx: RequestContext, tr: TownshipRound, districtId: string, voterId: string) {
  const voter = await ctx.store.voters.get(tr.scope, tr.round.id, districtId, voterId);
  if (!voter) throw notFound(`No voter ${voterId} in district ${districtId}.`);
  return voter;
}

/** `110105********002X` → head and tail; `110105` → head; `002X` → tail. */
function maskedParts(masked: string | undefined): { maskedHead?: string; maskedTail?: string } {
  if (!masked) return {};
  if (masked.includes('*')) {
    const head = masked.slice(0, 6).replace(/\*/g, '');
    const tail = masked.slice(-4).replace(/\*/g, '');
    return { ...(head.length === 6 ? { maskedHead: head } : {}), ...(tail.length === 4 ? { maskedTail: tail } : {}) };
  }
  return masked.length === 6 ? { maskedHead: masked } : { maskedTail: masked };
}

function readCursor(cursor: string | undefined, districts: readonly string[]): { district: number | undefined; inner: string | undefined } {
  if (cursor === undefined) return { district: districts.length ? 0 : undefined, inner: undefined };
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { d?: unknown; c?: unknown };
    const district = districts.indexOf(String(parsed.d));
    if (district >= 0 && (parsed.c === null || typeof parsed.c === 'string')) return { district, inner: parsed.c ?? undefined };
  } catch {
    // fall through
  }
  throw badRequest([{ field: 'query.cursor', message: 'not a cursor this list issued' }]);
}
