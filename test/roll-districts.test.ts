/** Electoral districts and the division's approval, end to end over HTTP (issue 4, part 1). */
import { randomUUID } from 'node:crypto';
import { addDays, todayIn } from '@township/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, tokenFor } from './support/api';
import { buildCounty, type County } from './support/fixture';

let county: County;
let officer: string;
let township: string;
let seats: number;
const base = () => `/townships/${township}/elections/${county.roundId}`;
const district = (id: string, seatCount: number, population = 3000 * seatCount) => ({ id, name: `第${id}选区`, population, seats: seatCount });

beforeAll(async () => {
  county = await buildCounty('690009', ['白石镇', '红岩乡']);
  township = county.townships[0]!.id;
  officer = await tokenFor({ role: 'township_officer', county: county.countyId, township });
  const election = await call('GET', base(), { token: officer });
  seats = election.body.seats;
  expect(seats).toBeGreaterThan(3);
});

describe('districts (选区) and the division (EL 25, EL 15)', () => {
  it('starts empty, as a draft that cannot be submitted', async () => {
    const res = await call('GET', `${base()}/districts`, { token: officer });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    expect(res.body.division).toMatchObject({ status: 'draft', allocatedSeats: seats, editable: true });
    expect(res.body.division.problems.map((p: { field: string }) => p.field)).toContain('districts');
  });

  it('creates a district, refuses the same id twice and seats outside 1–3', async () => {
    const created = await call('POST', `${base()}/districts`, { token: officer, body: { ...district('d1', 3), pollingStations: [{ name: '村委会', address: '一组' }] } });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ id: 'd1', seats: 3, version: 1, pollingStations: [{ mobileBoxes: 0 }] });
    expectProblem(await call('POST', `${base()}/districts`, { token: officer, body: district('d1', 2) }), 409);
    const four = await call('POST', `${base()}/districts`, { token: officer, body: district('d9', 4) });
    expectProblem(four, 400);
    expect(four.body.errors[0].field).toBe('body.seats');
  });

  it('refuses to submit while the seats do not add up to the allocation', async () => {
    const res = await call('POST', `${base()}/division/submission`, { token: officer, body: {} });
    expectProblem(res, 422);
    expect(res.text).toContain(`${seats}`);
  });

  it('measures each district against the average and submits once the seats add up', async () => {
    let left = seats - 3;
    for (let i = 2; left > 0; i++) {
      const s = Math.min(3, left);
      const res = await call('POST', `${base()}/districts`, { token: officer, body: district(`d${i}`, s, i === 2 ? 5000 * s : 3000 * s) });
      expect(res.status, res.text).toBe(201);
      left -= s;
    }
    const list = await call('GET', `${base()}/districts`, { token: officer });
    expect(list.body.division.problems).toEqual([]);
    expect(list.body.division.totalSeats).toBe(seats);
    const d2 = list.body.division.measures.find((m: { id: string }) => m.id === 'd2');
    expect(d2.withinTolerance).toBe(false); // 5000 per deputy against an average near 3000
    const submitted = await call('POST', `${base()}/division/submission`, { token: officer, body: {} });
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', editable: false });
    expectProblem(await call('POST', `${base()}/districts`, { token: officer, body: district('d99', 1) }), 409);
  });

  it('lets the county return it only with a comment, which reopens it', async () => {
    const blank = await call('POST', `${base()}/division/decision`, { token: county.adminToken, body: { approved: false } });
    expectProblem(blank, 422);
    const returned = await call('POST', `${base()}/division/decision`, { token: county.adminToken, body: { approved: false, comment: '第2选区人口偏多，请调整' } });
    expect(returned.status, returned.text).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', editable: true, decision: { approved: false, comment: '第2选区人口偏多，请调整' } });
    const officerView = await call('GET', `${base()}/districts`, { token: officer });
    expect(officerView.body.division.decision.comment).toContain('第2选区');
  });

  it('changes a district with If-Match, refusing a stale version', async () => {
    const d2 = (await call('GET', `${base()}/districts`, { token: officer })).body.items.find((d: { id: string }) => d.id === 'd2');
    const body = { ...district('d2', d2.seats, 3000 * d2.seats) };
    expectProblem(await call('PUT', `${base()}/districts`, { token: officer, body }), 428);
    expectProblem(await call('PUT', `${base()}/districts`, { token: officer, body, headers: { 'if-match': '"7"' } }), 409);
    const updated = await call('PUT', `${base()}/districts`, { token: officer, body, headers: { 'if-match': `"${d2.version}"` } });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toMatchObject({ version: d2.version + 1, population: 3000 * d2.seats });
  });

  it('lets a district officer see and change only their own districts', async () => {
    const token = await tokenFor({ role: 'district_officer', county: county.countyId, township, districts: ['d1'] });
    const list = await call('GET', `${base()}/districts`, { token });
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual(['d1']);
    expectProblem(await call('PUT', `${base()}/districts`, { token, body: district('d2', 1), headers: { 'if-match': '"1"' } }), 403);
    const own = await call('PUT', `${base()}/districts`, { token, body: { ...district('d1', 3), area: '一组到五组' }, headers: { 'if-match': '"1"' } });
    expect(own.status, own.text).toBe(200);
  });

  it('approves a resubmitted division, after which the districts are fixed', async () => {
    expect((await call('POST', `${base()}/division/submission`, { token: officer, body: {} })).status).toBe(200);
    const approved = await call('POST', `${base()}/division/decision`, { token: county.adminToken, body: { approved: true } });
    expect(approved.body).toMatchObject({ status: 'approved' });
    expectProblem(await call('POST', `${base()}/division/decision`, { token: county.adminToken, body: { approved: true } }), 409);
    expectProblem(await call('DELETE', `${base()}/districts?districtId=d1`, { token: officer, headers: { 'if-match': '"2"' } }), 409);
    const countyView = await call('GET', `/county/rounds/${county.roundId}/divisions`, { token: county.adminToken });
    expect(countyView.body.items).toContainEqual(expect.objectContaining({ townshipId: township, status: 'approved' }));
  });

  it('records every change in the township’s verified audit trail', async () => {
    const audit = await call('GET', `/townships/${township}/audit?limit=200`, { token: officer });
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['district.create', 'district.update', 'division.submit', 'division.return', 'division.approve']));
    expect(audit.body.verification.valid).toBe(true);
  });
});

describe('the division’s last day (E−20 without a division phase)', () => {
  const roundOn = async (electionDay: string) => {
    const res = await call('POST', '/county/rounds', { token: county.adminToken, headers: { 'idempotency-key': randomUUID() }, body: { name: '边界', electionDay } });
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  };
  const today = () => todayIn('Asia/Shanghai', new Date());

  it('accepts a district on E−20 and refuses it on E−19', async () => {
    const open = await roundOn(addDays(today(), 20));
    const closed = await roundOn(addDays(today(), 19));
    const onTheDay = await call('POST', `/townships/${township}/elections/${open}/districts`, { token: officer, body: district('d1', 1) });
    expect(onTheDay.status, onTheDay.text).toBe(201);
    const dayAfter = await call('POST', `/townships/${township}/elections/${closed}/districts`, { token: officer, body: district('d1', 1) });
    expectProblem(dayAfter, 409);
    expect(dayAfter.body.editableUntil).toBe(addDays(today(), -1));
  });
});
