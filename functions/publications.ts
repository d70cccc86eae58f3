/**
 * Publication of the voter list (选民名单公布, EL 28; issue 4 part 5): every district's list
 * frozen as a numbered, immutable version with its counts, by E−20 unless the county granted an
 * override; later versions are supplements (补充公布) with the changes since the previous one;
 * the notice and the voter certificates (选民证) of a version as printable HTML.
 */
import { randomUUID } from 'node:crypto';
import {
  checkPublication,
  countVoter,
  emptyRollCounts,
  freezeDistrict,
  listChanges,
  objectionFilingDeadline,
  pages,
  type FrozenVoter,
  type ListChange,
  type StageKey,
} from '@township/domain';
import { AlreadyExistsError, forEachLimit, publicationKeys, type PublicationOverrideRecord, type PublicationRecord, type PublishedDistrict, type StageFactRecord, type WriteOp } from '@township/store';
import type { RequestContext } from './http/context';
import { groupHandler } from './http/pipeline';
import { conflict, HttpProblem, notFound, unprocessable } from './http/problem';
import { assertDistrict, townshipRound, visibleDistricts, type TownshipRound } from './roll/round';
import { routes } from './routes';
import { certificatesHtml, noticeHtml, notPublishedHtml } from './views/voter-list';
import { deadlineRecords } from './workflow/deadlines';
import { datesKey } from './workflow/round-dates';

/** Districts frozen at once: each reads its voters' partition and writes its pages. */
const DISTRICT_CONCURRENCY = 4;
const CHANGES_PER_PAGE = 400;
const STAGE = 'voterListPublication';

type StoredVoter = { id: string; name: string; sex: 'male' | 'female'; maskedId: string; status: string; birthDate: string; ethnicity: string };

export const handler = groupHandler('publications', routes, {
  publishVoterList: async ({ params, body }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    if (tr.today > tr.round.electionDay) throw conflict(`Election day (${tr.round.electionDay}) has passed: the roll is closed.`);
    const [districts, latest, override, fact] = await Promise.all([
      ctx.store.districts.list(tr.scope, tr.round.id),
      ctx.store.publications.latest(tr.scope, tr.round.id),
      ctx.store.publications.override(tr.scope, tr.round.id),
      ctx.store.stages.get(tr.scope, tr.round.id, STAGE),
    ]);
    const entry = tr.timeline.find((e) => e.stage === STAGE);
    const deadline = entry?.deadline ?? tr.round.electionDay;
    let late = false;
    if (!latest) {
      // The first publication is held to E−20 (EL 28); supplements follow until election day.
      const check = checkPublication(tr.today, deadline, override ? { grantedBy: override.grantedBy.name, reason: override.reason, until: override.until } : undefined);
      if (!check.allowed) {
        throw new HttpProblem(422, 'domain-rule', 'Rule violated', check.reason, {
          errors: [{ field: 'voterListPublication', message: check.reason }],
          extensions: { deadline, today: tr.today, ...(override ? { overrideUntil: override.until } : {}) },
        });
      }
      late = check.late;
    }
    if (districts.length === 0) throw unprocessable('The township has no electoral district: there is no list to publish.');

    const number = (latest?.number ?? 0) + 1;
    const runId = randomUUID();
    const previous = new Map<string, FrozenVoter[]>();
    const current = new Map<string, FrozenVoter[]>();
    const statusOf = new Map<string, string>();
    const published: PublishedDistrict[] = [];
    await forEachLimit(districts, DISTRICT_CONCURRENCY, async (district) => {
      const before = latest ? await ctx.store.publications.districtList<FrozenVoter>(tr.scope, latest, district.id) : [];
      previous.set(district.id, before);
      const counts = emptyRollCounts();
      const onList: Array<Omit<FrozenVoter, 'certificate'>> = [];
      await ctx.store.voters.forEach(tr.scope, tr.round.id, district.id, ['id', 'name', 'sex', 'maskedId', 'status', 'birthDate', 'ethnicity'], (item) => {
        const v = item as unknown as StoredVoter;
        statusOf.set(v.id, v.status);
        countVoter(counts, { districtId: district.id, sex: v.sex, ethnicity: v.ethnicity, birthDate: v.birthDate, status: v.status }, tr.round.electionDay);
        if (v.status === 'registered') onList.push({ id: v.id, name: v.name, sex: v.sex, maskedId: v.maskedId });
      });
      const highestBefore = latest?.districts.find((d) => d.id === district.id)?.highestCertificate ?? 0;
      const frozen = freezeDistrict(onList, new Map(before.map((v) => [v.id, v.certificate])), highestBefore);
      current.set(district.id, frozen.voters);
      const cut = pages(frozen.voters);
      await ctx.store.publications.writePages(tr.scope, tr.round.id, number, runId, cut.map((entries, p) => ({ sk: publicationKeys.listPage(district.id, p), entries })));
      published.push({ id: district.id, name: district.name, pollingStations: district.pollingStations, counts, pages: cut.length, highestCertificate: frozen.highest });
    });
    published.sort((a, b) => (a.id < b.id ? -1 : 1));
    // Districts deleted since the previous version: their voters were moved or removed.
    for (const d of latest?.districts ?? []) {
      if (!previous.has(d.id)) previous.set(d.id, await ctx.store.publications.districtList<FrozenVoter>(tr.scope, latest!, d.id));
    }

    let changes: ListChange[] = [];
    if (latest) {
      changes = listChanges(previous, current, (id) => statusOf.get(id));
      if (changes.length === 0) throw conflict(`Nothing changed since version ${latest.number} of the list: there is no supplement to publish.`, { latest: latest.number });
      const cut = pages(changes, CHANGES_PER_PAGE);
      await ctx.store.publications.writePages(tr.scope, tr.round.id, number, runId, cut.map((entries, p) => ({ sk: publicationKeys.changePage(p), entries })));
    }

    const totals = emptyRollCounts();
    for (const d of published) addCounts(totals, d.counts);
    const record: PublicationRecord = {
      roundId: tr.round.id,
      townshipId: tr.township.id,
      number,
      kind: latest ? 'supplement' : 'publication',
      publishedOn: tr.today,
      publishedAt: ctx.mutation.at,
      publishedBy: ctx.mutation.actor,
      runId,
      electionDay: tr.round.electionDay,
      late,
      ...(late && override ? { override } : {}),
      districts: published,
      totals,
      ...(latest
        ? {
            changes: {
              added: changes.filter((c) => c.kind === 'added').length,
              removed: changes.filter((c) => c.kind === 'removed').length,
              moved: changes.filter((c) => c.kind === 'moved').length,
              corrected: changes.filter((c) => c.kind === 'corrected').length,
              pages: pages(changes, CHANGES_PER_PAGE).length,
            },
          }
        : {}),
      note: body.note,
      version: 1,
    };
    const writes: WriteOp[] = [ctx.store.publications.write(tr.scope, record)];
    // The first publication is the timeline's stage done (unless an officer recorded it already).
    let doneFact: StageFactRecord | undefined;
    if (!latest && !fact && entry?.deadline) {
      doneFact = {
        roundId: tr.round.id,
        townshipId: tr.township.id,
        stage: STAGE,
        doneOn: tr.today,
        note: `公布选民名单（第 ${number} 版），登记选民 ${totals.registered} 人`,
        recordedAt: ctx.mutation.at,
        recordedBy: ctx.mutation.actor,
        late,
        ...(late && override ? { approval: { approved: true, at: override.grantedAt, by: override.grantedBy, note: override.reason } } : {}),
        version: 1,
      };
      writes.push(ctx.store.stages.write(tr.scope, doneFact, { kind: 'absent' }));
    }
    const response = view(ctx, tr, record, undefined);
    const summary = latest
      ? `补充公布选民名单（第 ${number} 版）：补登 ${record.changes!.added}，除名 ${record.changes!.removed}，转入 ${record.changes!.moved}，更正 ${record.changes!.corrected}；登记选民 ${totals.registered} 人`
      : `公布选民名单（第 ${number} 版）：${published.length} 个选区，登记选民 ${totals.registered} 人${late ? `（逾期公布，县选举委员会准予延期至 ${override?.until}）` : ''}`;
    try {
      await ctx.store.commit(
        ctx.mutation,
        writes,
        [{ chain: tr.scope, action: latest ? 'voterList.supplement' : 'voterList.publish', target: `round/${tr.round.id}/voter-list/${number}`, summary, before: null, after: { ...record, districts: published.map((d) => ({ id: d.id, counts: d.counts, pages: d.pages })) } }],
        { status: 201, body: response },
      );
    } catch (error) {
      // Another run took version n first: the same request (same Idempotency-Key) answers its
      // response; a different one is told to look at what was published.
      if (!(error instanceof AlreadyExistsError)) throw error;
      const replay = await replayOf(ctx);
      if (replay) return replay;
      throw conflict(`Version ${number} of the list was published by another request meanwhile: read it before publishing again.`, { latest: number });
    }
    if (doneFact && entry) {
      // The deadline leaves the due index (the digest reads only unmet ones).
      const ref = { countyId: tr.scope.countyId, townshipId: tr.township.id, roundId: tr.round.id, datesKey: datesKey(tr.round) };
      const [d] = deadlineRecords([entry], { [STAGE as StageKey]: doneFact.doneOn }, ref, tr.round.timeZone, ctx.now);
      if (d) await ctx.store.deadlines.put(tr.scope, d);
    }
    return { status: 201, body: response };
  },

  listPublications: async ({ params, query }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    if (query.number !== undefined) {
      const one = await ctx.store.publications.get(tr.scope, tr.round.id, query.number);
      if (!one) throw notFound(`No version ${query.number} of the voter list.`);
      const changes = await ctx.store.publications.changes<ListChange>(tr.scope, one);
      return { body: { items: [view(ctx, tr, one, changes)] } };
    }
    const all = await ctx.store.publications.list(tr.scope, tr.round.id);
    return { body: { items: all.map((p) => view(ctx, tr, p, undefined)) } };
  },

  grantPublicationOverride: async ({ params, body }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    if (body.until > tr.round.electionDay) {
      throw unprocessable('The list must be published before election day.', [{ field: 'body.until', message: `not after election day (${tr.round.electionDay})` }]);
    }
    if (body.until < tr.today) throw unprocessable('The override would end before today.', [{ field: 'body.until', message: `not before today (${tr.today})` }]);
    const existing = await ctx.store.publications.override(tr.scope, tr.round.id);
    const record: PublicationOverrideRecord = {
      roundId: tr.round.id,
      townshipId: tr.township.id,
      until: body.until,
      reason: body.reason,
      grantedAt: ctx.mutation.at,
      grantedBy: ctx.mutation.actor,
      version: (existing?.version ?? 0) + 1,
    };
    await ctx.store.commit(
      ctx.mutation,
      [ctx.store.publications.writeOverride(tr.scope, record, existing ? { kind: 'version', version: existing.version } : { kind: 'absent' })],
      [{ chain: tr.scope, action: 'voterList.override', target: `round/${tr.round.id}/voter-list/override`, summary: `县选举委员会准予延期公布选民名单至 ${body.until}：${body.reason}`, before: existing ?? null, after: record }],
    );
    return { body: record };
  },

  voterListNotice: async ({ params, query }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    const found = await documentFor(ctx, tr, query);
    if (!found) return { body: notPublishedHtml(tr.township.name) };
    // One district a document (a township's whole list would pass the 6 MB a Lambda answers).
    const district = found.districts[0];
    if (!district) return { body: noticeHtml({ townshipName: tr.township.name, publication: found.publication, districts: [] }) };
    const changes = found.publication.kind === 'supplement' ? await ctx.store.publications.changes<ListChange>(tr.scope, found.publication) : [];
    const voters = await ctx.store.publications.districtList<FrozenVoter>(tr.scope, found.publication, district.id);
    return {
      body: noticeHtml({ townshipName: tr.township.name, publication: found.publication, districts: [{ district, voters, changes: changes.filter((c) => c.districtId === district.id) }] }),
    };
  },

  voterCertificates: async ({ params, query }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    const found = await documentFor(ctx, tr, query);
    if (!found) return { body: notPublishedHtml(tr.township.name) };
    // Document k is the k-th page item of the frozen lists, district after district.
    const slots = found.districts.flatMap((district) => Array.from({ length: district.pages }, (_, p) => ({ district, p })));
    const wanted = (query.page ?? 1) - 1;
    const slot = slots[wanted];
    if (!slot && wanted > 0) throw notFound(`There are ${slots.length} documents of certificates, not ${wanted + 1}.`);
    const districts = slot ? [{ district: slot.district, voters: await ctx.store.publications.districtPage<FrozenVoter>(tr.scope, found.publication, slot.district.id, slot.p) }] : [];
    return { body: certificatesHtml({ townshipName: tr.township.name, publication: found.publication, districts, page: { n: wanted + 1, of: slots.length } }) };
  },
});

/** The version and the districts a printable document covers (a district officer's own only). */
async function documentFor(ctx: RequestContext, tr: TownshipRound, query: { districtId?: string | undefined; number?: number | undefined; page?: number | undefined }) {
  if (query.districtId) assertDistrict(ctx, query.districtId);
  const publication = query.number !== undefined ? await ctx.store.publications.get(tr.scope, tr.round.id, query.number) : await ctx.store.publications.latest(tr.scope, tr.round.id);
  if (!publication) {
    if (query.number !== undefined) throw notFound(`No version ${query.number} of the voter list.`);
    return undefined;
  }
  const districts = visibleDistricts(ctx, publication.districts).filter((d) => !query.districtId || d.id === query.districtId);
  if (query.districtId && districts.length === 0) throw notFound(`District ${query.districtId} is not in version ${publication.number} of the list.`);
  return { publication, districts };
}

/** The version as the API shows it: a district officer sees their districts only. */
function view(ctx: RequestContext, tr: TownshipRound, p: PublicationRecord, changes: ListChange[] | undefined) {
  const { runId: _run, ...rest } = p;
  const districts = visibleDistricts(ctx, p.districts);
  const mine = new Set(districts.map((d) => d.id));
  let totals = p.totals;
  if (districts.length !== p.districts.length) {
    // A district officer's totals are of their districts only.
    totals = emptyRollCounts();
    for (const d of districts) addCounts(totals, d.counts);
  }
  return {
    ...rest,
    districts,
    totals,
    ...(changes ? { changeList: changes.filter((c) => mine.has(c.districtId)) } : {}),
    objectionsUntil: objectionFilingDeadline(p.publishedOn, tr.settings.objectionFilingDays),
  };
}

function addCounts(total: ReturnType<typeof emptyRollCounts>, c: PublishedDistrict['counts']): void {
  total.registered += c.registered;
  total.bySex.male += c.bySex.male;
  total.bySex.female += c.bySex.female;
  for (const [k, n] of Object.entries(c.byEthnicity)) total.byEthnicity[k] = (total.byEthnicity[k] ?? 0) + n;
  for (const [k, n] of Object.entries(c.byAgeBand)) (total.byAgeBand as Record<string, number>)[k] = ((total.byAgeBand as Record<string, number>)[k] ?? 0) + n;
  for (const [k, n] of Object.entries(c.notOnList)) total.notOnList[k] = (total.notOnList[k] ?? 0) + n;
}

/** The first response of this request's Idempotency-Key, when a concurrent twin committed it. */
export async function replayOf(ctx: RequestContext) {
  const key = ctx.mutation.idempotency;
  if (!key) return undefined;
  const stored = await ctx.store.idempotency.get(key.scope, key.operation, key.key, ctx.now);
  if (!stored || stored.requestHash !== key.requestHash) return undefined;
  return { status: stored.replay.status, body: stored.replay.body, headers: { 'idempotent-replayed': 'true' } };
}
