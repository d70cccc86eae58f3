/**
 * The first slice, end to end over HTTP against the local platform: a county admin opens a round,
 * registers townships and allocates seats; a township officer sees their own election and
 * nothing of any other; the audit trail verifies; retries and stale writes are safe.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, isoDateIn, tokenFor } from './support/api';

const COUNTY = '640004';
const townships = [
  { id: '640004101', name: '城关街道', kind: 'subdistrict', population: { registered: 62000, resident: 71000 } },
  { id: '640004102', name: '白沙镇', kind: 'town', population: { registered: 31000, resident: 28000 } },
  { id: '640004103', name: '溪口乡', kind: 'township', population: { registered: 9000, resident: 7600 } },
  { id: '640004104', name: '畲族乡', kind: 'ethnic_township', population: { registered: 3000, resident: 2500 } },
];
let admin: string;
let officer: string;
let roundId: string;
const electionDay = isoDateIn(45);

beforeAll(async () => {
  admin = await tokenFor({ role: 'county_admin', county: COUNTY, name: '县选举委员会办公室' });
  officer = await tokenFor({ role: 'township_officer', county: COUNTY, township: '640004102', name: '白沙镇选举办' });
});

describe('a county opens a round and allocates its deputies', () => {
  it('registers townships, each once', async () => {
    for (const t of townships) {
      const res = await call('POST', '/county/townships', { token: admin, body: { ...t, officers: [{ name: '王芳', phone: '0571-88000000' }] } });
      expect(res.status, res.text).toBe(201);
      expect(res.body).toMatchObject({ id: t.id, countyId: COUNTY, version: 1 });
    }
    const again = await call('POST', '/county/townships', { token: admin, body: townships[0] });
    expectProblem(again, 409);
    const list = await call('GET', '/county/townships', { token: admin });
    expect(list.body.items.map((t: { id: string }) => t.id)).toEqual(townships.map((t) => t.id));
  });

  it('opens a round; a retried POST with the same Idempotency-Key returns the first response and creates nothing', async () => {
    const key = randomUUID();
    const body = {
      name: '2026年县乡两级人大换届选举',
      electionDay,
      countyDeputyTotal: 35,
      phases: [
        { key: 'districtDivision', start: isoDateIn(1), end: isoDateIn(10) },
        { key: 'registration', start: isoDateIn(5), end: isoDateIn(20) },
      ],
    };
    const first = await call('POST', '/county/rounds', { token: admin, body, headers: { 'idempotency-key': key } });
    expect(first.status, first.text).toBe(201);
    roundId = first.body.id;
    expect(first.body.settings.voterListDaysBefore).toBe(20);
    const voterList = first.body.timeline.find((e: { stage: string }) => e.stage === 'voterListPublication');
    expect(voterList.deadline).toBe(isoDateIn(25)); // E − 20, EL 28

    const retry = await call('POST', '/county/rounds', { token: admin, body, headers: { 'idempotency-key': key } });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');

    const reused = await call('POST', '/county/rounds', { token: admin, body: { ...body, name: '另一个' }, headers: { 'idempotency-key': key } });
    expectProblem(reused, 422);

    const rounds = await call('GET', '/county/rounds', { token: admin });
    expect(rounds.body.items.filter((r: { id: string }) => r.id === roundId)).toHaveLength(1);
    expect(rounds.body.items).toHaveLength(1);
  });

  it('refuses a plan whose phases do not fit, naming the field, and writes nothing', async () => {
    const res = await call('POST', '/county/rounds', {
      token: admin,
      body: { name: '坏计划', electionDay, phases: [{ key: 'registration', start: isoDateIn(10), end: isoDateIn(40) }] },
    });
    expectProblem(res, 422);
    expect(res.body.errors[0].field).toBe('body.phases.0.end');
    const bad = await call('POST', '/county/rounds', { token: admin, body: { name: '', electionDay: '2026-02-30' } });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.electionDay', 'body.name']);
    expect((await call('GET', '/county/rounds', { token: admin })).body.items).toHaveLength(1);
  });

  it('changes a round only from the version read: a stale If-Match is a conflict that changes nothing', async () => {
    const read = await call('GET', `/county/rounds/${roundId}`, { token: admin });
    expect(read.headers.get('etag')).toBe('"1"');
    const missing = await call('PATCH', `/county/rounds/${roundId}`, { token: admin, body: { name: '新名称' } });
    expectProblem(missing, 428);
    const ok = await call('PATCH', `/county/rounds/${roundId}`, { token: admin, body: { name: '新名称' }, headers: { 'if-match': '"1"' } });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.version).toBe(2);
    const stale = await call('PATCH', `/county/rounds/${roundId}`, { token: admin, body: { name: '迟到的修改' }, headers: { 'if-match': '"1"' } });
    expectProblem(stale, 409);
    expect((await call('GET', `/county/rounds/${roundId}`, { token: admin })).body.name).toBe('新名称');
  });

  it('proposes seats by population (same population per deputy, at least one each) and confirms them with a recorded override', async () => {
    const proposal = await call('POST', `/county/rounds/${roundId}/apportionment`, { token: admin, body: {} });
    expect(proposal.status, proposal.text).toBe(200);
    const seats = Object.fromEntries(proposal.body.allocations.map((a: { townshipId: string; seats: number }) => [a.townshipId, a.seats]));
    expect(Object.values(seats).reduce((a, b) => (a as number) + (b as number), 0)).toBe(35);
    expect(seats).toEqual({ '640004101': 21, '640004102': 10, '640004103': 3, '640004104': 1 });
    expect(proposal.body.countyReference).toMatchObject({ level: 'county', base: 140, addOn: 21, mayBeFewer: false });
    expect(proposal.body.status).toBe('proposal');
    await expect(call('GET', `/county/rounds/${roundId}/apportionment`, { token: admin })).resolves.toMatchObject({ status: 404 });

    const unbalanced = await call('PUT', `/county/rounds/${roundId}/apportionment`, {
      token: admin,
      body: { overrides: [{ townshipId: '640004104', seats: 2, reason: '少数民族聚居乡，依选举法第十九条适当增加' }] },
    });
    expectProblem(unbalanced, 422);

    const confirmed = await call('PUT', `/county/rounds/${roundId}/apportionment`, {
      token: admin,
      body: {
        overrides: [
          { townshipId: '640004104', seats: 2, reason: '少数民族聚居乡，依选举法第十九条适当增加' },
          { townshipId: '640004101', seats: 20, reason: '相应减少' },
        ],
      },
    });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', version: 1 });
    const ethnic = confirmed.body.allocations.find((a: { townshipId: string }) => a.townshipId === '640004104');
    expect(ethnic).toMatchObject({ seats: 2, override: { proposedSeats: 1 } });

    const replaceWithout = await call('PUT', `/county/rounds/${roundId}/apportionment`, { token: admin, body: {} });
    expectProblem(replaceWithout, 428);
  });

  it("shows a township officer their township's election: seats, timeline and stage", async () => {
    const res = await call('GET', `/townships/640004102/elections/${roundId}`, { token: officer });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ townshipId: '640004102', townshipName: '白沙镇', seats: 10, apportionmentStatus: 'confirmed', electionDay });
    expect(res.body.currentStage).toBe('districtDivision');
    expect(res.body.timeline.map((e: { stage: string }) => e.stage)).toContain('candidateList');
  });

  it('shows the officer nothing of another township', async () => {
    for (const path of ['/townships/640004101', `/townships/640004101/elections/${roundId}`, '/townships/640004101/audit']) {
      const res = await call('GET', path, { token: officer });
      expectProblem(res, 403);
      expect(res.text).not.toContain('城关街道');
    }
    expectProblem(await call('GET', '/county/townships', { token: officer }), 403);
  });

  it('keeps a verified audit trail of every change, for the township and the county', async () => {
    const township = await call('GET', '/townships/640004102/audit', { token: officer });
    expect(township.status, township.text).toBe(200);
    expect(township.body.verification).toMatchObject({ valid: true, headSeq: 1 });
    expect(township.body.items[0]).toMatchObject({ action: 'township.create', actor: { role: 'county_admin' } });

    const county = await call('GET', '/county/audit', { token: admin });
    expect(county.body.verification.valid).toBe(true);
    // 4 townships + 1 round + 1 change + 1 confirmation; the refused and replayed requests wrote nothing.
    expect(county.body.verification.headSeq).toBe(7);
    expect(county.body.items.map((e: { action: string }) => e.action)).toEqual([
      'apportionment.confirm',
      'round.update',
      'round.create',
      'township.create',
      'township.create',
      'township.create',
      'township.create',
    ]);
  });
});
