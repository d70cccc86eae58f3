/**
 * Objections to the published voter list (EL 29; issue 4 part 6) over HTTP, on a platform of its
 * own whose clock the test moves forward: filing on day 5 and day 6 after publication, a decision
 * on time that adds the person left off, an undecided objection flagged overdue for the county
 * (from the county index), a late decision that changes a voter's status, and a district
 * officer's reach. The list is published on 2027-10-01 (E = 2027-10-21, so E−20).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTimelinePlatform, type TimelinePlatform } from './support/timeline-platform';
import { residentIdFor } from './support/roll-data';

process.env.PERSON_KEY_SECRET ??= 'ab'.repeat(32);

let p: TimelinePlatform;
const county = '330952';
let township = '';
let roundId = '';
let officer = '';
let admin = '';
const base = () => `/townships/${township}/elections/${roundId}`;
const ids: Record<string, string> = {};

async function call(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(p.platform.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json', 'idempotency-key': randomUUID() } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, text, headers: res.headers };
}

const objection = (districtId: string, kind: string, about: Record<string, string>, text = '请核实') => ({
  districtId,
  filedBy: { name: '申诉人', relation: '本选区选民' },
  about,
  kind,
  text,
});

beforeAll(async () => {
  p = await startTimelinePlatform('2027-09-25T10:00:00+08:00');
  [township = ''] = await p.addTownships(county, ['申诉镇']);
  admin = await p.admin(county);
  roundId = (await p.openRound(county, '2027-10-21')).id;
  officer = await p.officer(county, township);
  for (const id of ['d1', 'd2']) {
    const res = await call('POST', `${base()}/districts`, officer, { id, name: `${id}选区`, population: 3000, seats: 1 });
    expect(res.status, res.text).toBe(201);
  }
  for (let i = 0; i < 6; i++) {
    const res = await call('POST', `${base()}/voters`, officer, { name: `钱${'一二三四五六'[i]}`, residentId: residentIdFor('330952', i), districtId: i % 2 ? 'd2' : 'd1' });
    expect(res.status, res.text).toBe(201);
    ids[`v${i}`] = res.body.id;
  }
  await p.advanceTo('2027-10-01T10:00:00+08:00');
  // Nothing to object to before publication.
  const early = await call('POST', `${base()}/objections`, officer, objection('d1', 'omitted', { name: '孙某' }));
  expect(early.status, early.text).toBe(422);
  const published = await call('POST', `${base()}/voter-list/publications`, officer, {});
  expect(published.status, published.text).toBe(201);
});
afterAll(async () => {
  await p?.platform.stop();
});

describe('EL 29 — objections within 5 days of publication, decided within 3', () => {
  it('decides an objection on time, adding the person left off to the roll in the same commit', async () => {
    await p.advanceTo('2027-10-03T10:00:00+08:00');
    const filed = await call('POST', `${base()}/objections`, officer, objection('d1', 'omitted', { name: '孙补登' }, '户籍在本村，年满十八周岁，未列入名单'));
    expect(filed.status, filed.text).toBe(201);
    expect(filed.body).toMatchObject({ status: 'open', filedOn: '2027-10-03', filingDeadline: '2027-10-06', decisionDue: '2027-10-06', overdue: false, publication: 1 });
    // An upheld "left off" objection must add the person.
    const incoherent = await call('POST', `${base()}/objections/decision`, officer, { objectionId: filed.body.id, upheld: true, reason: '属实' });
    expect(incoherent.status, incoherent.text).toBe(422);
    const decided = await call('POST', `${base()}/objections/decision`, officer, {
      objectionId: filed.body.id,
      upheld: true,
      reason: '经核实属漏登',
      change: { kind: 'add', name: '孙补登', residentId: residentIdFor('330952', 40) },
    });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.body).toMatchObject({ status: 'decided', overdue: false, decision: { upheld: true, late: false, decidedOn: '2027-10-03', change: { kind: 'add', districtId: 'd1' } } });
    const roll = await call('GET', `${base()}/voters?name=${encodeURIComponent('孙补登')}`, officer);
    expect(roll.body.items).toHaveLength(1);
    expect(roll.body.items[0]).toMatchObject({ districtId: 'd1', status: 'registered', id: decided.body.decision.change.voterId });
    expect((await call('POST', `${base()}/objections/decision`, officer, { objectionId: filed.body.id, upheld: false, reason: '再议' })).status).toBe(409);
    const audit = await call('GET', `/townships/${township}/audit?limit=3`, officer);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['objection.decide', 'voters.add']));
  });

  it('files an objection about a wrongly listed voter, left undecided', async () => {
    const filed = await call('POST', `${base()}/objections`, officer, objection('d2', 'wrongly_listed', { name: '钱二', voterId: ids.v1! }, '已迁往外县'));
    expect(filed.status, filed.text).toBe(201);
    ids.undecided = filed.body.id;
  });

  it('accepts an objection on day 5 after publication and refuses it on day 6 with the reason and the deadline', async () => {
    await p.advanceTo('2027-10-06T10:00:00+08:00');
    const day5 = await call('POST', `${base()}/objections`, officer, objection('d1', 'wrong_particulars', { name: '钱三', maskedId: '330952********0013' }));
    expect(day5.status, day5.text).toBe(201);
    expect(day5.body.decisionDue).toBe('2027-10-09');
    ids.day5 = day5.body.id;
    await p.advanceTo('2027-10-07T10:00:00+08:00');
    const day6 = await call('POST', `${base()}/objections`, officer, objection('d1', 'omitted', { name: '迟到' }));
    expect(day6.status, day6.text).toBe(422);
    expect(day6.headers.get('content-type')).toContain('application/problem+json');
    expect(day6.body).toMatchObject({ filingDeadline: '2027-10-06', publishedOn: '2027-10-01', detail: expect.stringContaining('选举法第29条') });
  });

  it('flags the undecided objection past its day for the county, across its townships', async () => {
    // 10-07: the objection of 10-03 was due 10-06.
    const list = await call('GET', `${base()}/objections?status=overdue`, officer);
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([ids.undecided]);
    const countyView = await call('GET', `/county/rounds/${roundId}/objections/overdue`, admin);
    expect(countyView.status, countyView.text).toBe(200);
    expect(countyView.body.today).toBe('2027-10-07');
    expect(countyView.body.items).toEqual([expect.objectContaining({ id: ids.undecided, townshipName: '申诉镇', decisionDue: '2027-10-06', daysOverdue: 1, overdue: true })]);
    expect(countyView.text).not.toContain(ids.day5!);
  });

  it('keeps a district officer to their districts', async () => {
    const d1 = await p.platform.token({ role: 'district_officer', county, township, districts: ['d1'] });
    const mine = await call('GET', `${base()}/objections`, d1);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((o: { districtId: string }) => o.districtId === 'd1')).toBe(true);
    expect((await call('POST', `${base()}/objections/decision`, d1, { objectionId: ids.undecided, upheld: false, reason: '不属实' })).status).toBe(403);
    expect((await call('POST', `${base()}/objections`, d1, objection('d2', 'other', { name: '某人' }))).status).toBe(403);
  });

  it('records a late decision as late, changes the voter’s status with it, and the flag goes', async () => {
    const decided = await call('POST', `${base()}/objections/decision`, officer, {
      objectionId: ids.undecided,
      upheld: true,
      reason: '经核实已迁出本县',
      change: { kind: 'status', voterId: ids.v1, status: 'moved_away' },
    });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.body).toMatchObject({ status: 'decided', overdue: false, decision: { late: true, change: { kind: 'status', status: 'moved_away' } } });
    const voter = await call('GET', `${base()}/voters?districtId=d2&status=moved_away`, officer);
    expect(voter.body.items.map((v: { id: string }) => v.id)).toEqual([ids.v1]);
    expect(voter.body.items[0].statusChange.reason).toContain('申诉处理决定');
    const countyView = await call('GET', `/county/rounds/${roundId}/objections/overdue`, admin);
    expect(countyView.body.items).toEqual([]);
  });
});
