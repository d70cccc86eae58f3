/**
 * Publication of the voter list (EL 28; issue 4 part 5) over HTTP, on a platform of its own whose
 * clock the test sets: both sides of the E−20 deadline and the county's override, the frozen
 * version and its counts, the supplement (补充公布), the printable notice in stroke order of
 * surname and the voter certificates, a district officer's view, and an idempotent retry.
 *
 * The roll is set up on 09-25; today is then 2027-10-01 (Asia/Shanghai). The simulated clock is
 * set after the real one: idempotency records expire against the real clock (`readIdempotency`). Three rounds of one county put it on three sides of E−20:
 * E = 10-21 (today is E−20, the last day), E = 10-22 (E−21, before), E = 10-20 (E−19, too late).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sortByStrokeOrder } from '@township/domain';
import { startTimelinePlatform, type TimelinePlatform } from './support/timeline-platform';
import { residentIdFor } from './support/roll-data';
import { createDocumentClient, ElectionStore, publicationKeys, townshipScope } from '@township/store';

process.env.PERSON_KEY_SECRET ??= 'ab'.repeat(32);

let p: TimelinePlatform;
const county = '330951';
let townships: string[] = [];
const rounds: Record<'boundary' | 'before' | 'late', string> = { boundary: '', before: '', late: '' };
let officer: string[] = [];
let admin = '';

async function call(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(p.platform.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // HTML
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

const base = (t: number, round: string) => `/townships/${townships[t]}/elections/${round}`;
// Surnames of 2 to 10 strokes, given out of order: 丁 2, 王 4, 白 5, 刘 6, 李 7, 张 7, 周 8, 赵 9, 钱 10.
const NAMES = ['赵一', '王二', '张三', '李四', '丁五', '周六', '刘七', '钱八', '白九', '王十'];

async function setUp(t: number, round: string, offset: number) {
  const b = base(t, round);
  for (const id of ['d1', 'd2']) {
    const res = await call('POST', `${b}/districts`, officer[t]!, {
      id,
      name: `${id === 'd1' ? '第一' : '第二'}选区`,
      population: 3000,
      seats: 1,
      pollingStations: [{ name: `${id}村委会`, address: `${id}村1号`, mobileBoxes: 1 }],
    });
    expect(res.status, res.text).toBe(201);
  }
  const voters: Array<{ id: string; name: string; districtId: string; residentId: string }> = [];
  for (const [i, name] of NAMES.entries()) {
    const residentId = residentIdFor('330951', offset + i);
    const res = await call('POST', `${b}/voters`, officer[t]!, { name, residentId, districtId: i % 2 === 0 ? 'd1' : 'd2' }, { 'idempotency-key': randomUUID() });
    expect(res.status, res.text).toBe(201);
    voters.push({ id: res.body.id, name, districtId: res.body.districtId, residentId });
  }
  return voters;
}

let voters: Array<{ id: string; name: string; districtId: string; residentId: string }> = [];

beforeAll(async () => {
  p = await startTimelinePlatform('2027-09-25T10:00:00+08:00');
  townships = await p.addTownships(county, ['青山镇', '绿水乡', '白云镇']);
  admin = await p.admin(county);
  rounds.boundary = (await p.openRound(county, '2027-10-21')).id;
  rounds.before = (await p.openRound(county, '2027-10-22')).id;
  rounds.late = (await p.openRound(county, '2027-10-20')).id;
  officer = await Promise.all(townships.map((t) => p.officer(county, t)));
  voters = await setUp(0, rounds.boundary, 0);
  await setUp(1, rounds.late, 100);
  await setUp(2, rounds.before, 200);
  // The districts and the roll are made while they may change; the tests run on 10-01.
  await p.advanceTo('2027-10-01T10:00:00+08:00');
});
afterAll(async () => {
  await p?.platform.stop();
});

describe('EL 28 — the list is published by E−20', () => {
  it('publishes on E−20 itself: every district frozen with its counts, the stage recorded done', async () => {
    const b = base(0, rounds.boundary);
    // One voter leaves the list before publication: counted as not on the list, by reason.
    const gone = voters[9]!;
    const v = (await call('GET', `${b}/voters?districtId=${gone.districtId}&name=${encodeURIComponent(gone.name)}`, officer[0]!)).body.items[0];
    const changed = await call('PUT', `${b}/voters/status`, officer[0]!, { districtId: gone.districtId, voterId: v.id, status: 'moved_away', reason: '迁往外省', date: '2027-09-30' }, { 'if-match': `"${v.version}"` });
    expect(changed.status, changed.text).toBe(200);

    const res = await call('POST', `${b}/voter-list/publications`, officer[0]!, { note: '申诉请向镇选举委员会办公室提出' }, { 'idempotency-key': randomUUID() });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ number: 1, kind: 'publication', publishedOn: '2027-10-01', late: false, objectionsUntil: '2027-10-06' });
    expect(res.body.totals).toMatchObject({ registered: 9, notOnList: { moved_away: 1 } });
    expect(res.body.totals.bySex.male + res.body.totals.bySex.female).toBe(9);
    const d1 = res.body.districts.find((d: { id: string }) => d.id === 'd1');
    const d2 = res.body.districts.find((d: { id: string }) => d.id === 'd2');
    expect(d1.counts.registered).toBe(5);
    expect(d2.counts).toMatchObject({ registered: 4, notOnList: { moved_away: 1 } });
    expect(res.text).not.toContain('runId');

    const timeline = await call('GET', `${b}/timeline`, officer[0]!);
    const stage = timeline.body.stages.find((s: { stage: string }) => s.stage === 'voterListPublication');
    expect(stage).toMatchObject({ doneOn: '2027-10-01', late: false });
    const audit = await call('GET', `/townships/${townships[0]}/audit`, officer[0]!);
    expect(audit.body.items[0]).toMatchObject({ action: 'voterList.publish', summary: expect.stringContaining('登记选民 9 人') });
  });

  it('publishes before E−20 (E−21)', async () => {
    const res = await call('POST', `${base(2, rounds.before)}/voter-list/publications`, officer[2]!, {}, { 'idempotency-key': randomUUID() });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ number: 1, late: false, totals: { registered: 10 } });
  });

  it('refuses after E−20 (E−19) with the reason and the deadline; the county’s override allows it, recorded', async () => {
    const b = base(1, rounds.late);
    const refused = await call('POST', `${b}/voter-list/publications`, officer[1]!, {}, { 'idempotency-key': randomUUID() });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ deadline: '2027-09-30', today: '2027-10-01', detail: expect.stringContaining('选举法第28条') });
    // Only the county grants it.
    expect((await call('PUT', `${b}/voter-list/publication-override`, officer[1]!, { until: '2027-10-03', reason: '山区村组登记延误' })).status).toBe(403);
    const granted = await call('PUT', `${b}/voter-list/publication-override`, admin, { until: '2027-10-03', reason: '山区村组登记延误' });
    expect(granted.status, granted.text).toBe(200);
    const late = await call('POST', `${b}/voter-list/publications`, officer[1]!, {}, { 'idempotency-key': randomUUID() });
    expect(late.status, late.text).toBe(201);
    expect(late.body).toMatchObject({ number: 1, late: true, override: { until: '2027-10-03', reason: '山区村组登记延误' } });
    const timeline = await call('GET', `${b}/timeline`, officer[1]!);
    expect(timeline.body.stages.find((s: { stage: string }) => s.stage === 'voterListPublication')).toMatchObject({ doneOn: '2027-10-01', late: true });
    const audit = await call('GET', `/townships/${townships[1]}/audit?limit=5`, officer[1]!);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['voterList.override', 'voterList.publish']));
  });
});

describe('the published version', () => {
  it('prints the notice per district: voters in stroke order of surname, counts, polling stations, date', async () => {
    const res = await call('GET', `${base(0, rounds.boundary)}/voter-list/notice?districtId=d1`, officer[0]!);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const d1 = voters.filter((v) => v.districtId === 'd1').map((v) => v.name);
    const expected = sortByStrokeOrder(d1, (n) => n);
    const positions = expected.map((n) => res.text.indexOf(n));
    expect(positions.every((x) => x > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(expected[0]).toBe('丁五');
    expect(res.text).toContain('登记选民共 <strong>5</strong> 人');
    expect(res.text).toContain('d1村委会');
    expect(res.text).toContain('2027年10月1日');
    expect(res.text).not.toContain('第二选区');
    expect(res.text).not.toMatch(/\d{17}[\dX]/);
  });

  it('prints one voter certificate per voter: number, name, district, polling station, election day, masked ID', async () => {
    const res = await call('GET', `${base(0, rounds.boundary)}/voter-list/certificates?districtId=d2`, officer[0]!);
    expect(res.status, res.text).toBe(200);
    expect(res.text.match(/class="cert"/g)).toHaveLength(4);
    expect(res.text).toContain('2027年10月21日');
    expect(res.text).toContain('d2村委会');
    expect(res.text).toMatch(/d2-0000[1-4]/);
    const someone = voters.find((v) => v.districtId === 'd2' && v.name !== '王十')!;
    expect(res.text).toContain(`${someone.residentId.slice(0, 6)}********${someone.residentId.slice(-4)}`);
    expect(res.text).not.toContain(someone.residentId);
    expect(res.text).not.toContain('王十'); // moved away before publication
    // Certificates come 500 to a document, district after district: here one per district.
    const first = await call('GET', `${base(0, rounds.boundary)}/voter-list/certificates`, officer[0]!);
    expect(first.text).toContain('第 1/2 份');
    expect(first.text.match(/class="cert"/g)).toHaveLength(5);
    expect(first.text).toMatch(/d1-00001/);
    const second = await call('GET', `${base(0, rounds.boundary)}/voter-list/certificates?page=2`, officer[0]!);
    expect(second.text).toMatch(/d2-0000\d/);
    expect((await call('GET', `${base(0, rounds.boundary)}/voter-list/certificates?page=3`, officer[0]!)).status).toBe(404);
  });

  it('publishes a supplement with the changes since; version 1 stays as it was', async () => {
    const b = base(0, rounds.boundary);
    const before = await call('GET', `${b}/voter-list/certificates?districtId=d1&number=1`, officer[0]!);
    const certOf = (html: string, name: string) => html.slice(html.indexOf(name) - 120, html.indexOf(name)).match(/d1-\d{5}/g)?.pop();
    const zhaoCert = certOf(before.text, '赵一');
    // Nothing changed yet: nothing to publish.
    expect((await call('POST', `${b}/voter-list/publications`, officer[0]!, {}, { 'idempotency-key': randomUUID() })).status).toBe(409);
    const added = await call('POST', `${b}/voters`, officer[0]!, { name: '马新', residentId: residentIdFor('330951', 50), districtId: 'd1' }, { 'idempotency-key': randomUUID() });
    expect(added.status, added.text).toBe(201);
    const gone = (await call('GET', `${b}/voters?districtId=d1&name=${encodeURIComponent('周六')}`, officer[0]!)).body.items[0]
      ?? (await call('GET', `${b}/voters?name=${encodeURIComponent('周六')}`, officer[0]!)).body.items[0];
    const dead = await call('PUT', `${b}/voters/status`, officer[0]!, { districtId: gone.districtId, voterId: gone.id, status: 'deceased', reason: '病故', date: '2027-10-01' }, { 'if-match': `"${gone.version}"` });
    expect(dead.status, dead.text).toBe(200);

    const res = await call('POST', `${b}/voter-list/publications`, officer[0]!, {}, { 'idempotency-key': randomUUID() });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ number: 2, kind: 'supplement', changes: { added: 1, removed: 1, moved: 0, corrected: 0 }, totals: { registered: 9 } });
    const one = await call('GET', `${b}/voter-list/publications?number=2`, officer[0]!);
    expect(one.body.items[0].changeList).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'added', voter: expect.objectContaining({ name: '马新' }) }),
        expect.objectContaining({ kind: 'removed', reason: 'deceased', voter: expect.objectContaining({ name: '周六' }) }),
      ]),
    );
    const v1 = await call('GET', `${b}/voter-list/publications?number=1`, officer[0]!);
    expect(v1.body.items[0].totals.registered).toBe(9);
    expect((await call('GET', `${b}/voter-list/notice?number=1&districtId=${gone.districtId}`, officer[0]!)).text).toContain('周六');
    const notice2 = await call('GET', `${b}/voter-list/notice?number=2&districtId=d1`, officer[0]!);
    expect(notice2.text).toContain('补充公布');
    expect(notice2.text).toContain('马新');
    // The certificate numbers carry over; the new voter gets the next one.
    const after = await call('GET', `${b}/voter-list/certificates?districtId=d1`, officer[0]!);
    expect(certOf(after.text, '赵一')).toBe(zhaoCert);
    expect(certOf(after.text, '马新')).toBe('d1-00006');
    const all = await call('GET', `${b}/voter-list/publications`, officer[0]!);
    expect(all.body.items.map((x: { number: number }) => x.number)).toEqual([1, 2]);
  });

  it('shows a district officer their districts only', async () => {
    const b = base(0, rounds.boundary);
    const token = await p.platform.token({ role: 'district_officer', county, township: townships[0]!, districts: ['d1'] });
    const list = await call('GET', `${b}/voter-list/publications`, token);
    expect(list.status, list.text).toBe(200);
    expect(list.body.items.every((x: { districts: Array<{ id: string }> }) => x.districts.map((d) => d.id).join() === 'd1')).toBe(true);
    expect(list.body.items[0].totals.registered).toBe(list.body.items[0].districts[0].counts.registered);
    expect((await call('GET', `${b}/voter-list/notice?districtId=d2`, token)).status).toBe(403);
    expect((await call('GET', `${b}/voter-list/certificates?districtId=d2`, token)).status).toBe(403);
    const notice = await call('GET', `${b}/voter-list/notice`, token);
    expect(notice.text).toContain('第一选区');
    expect(notice.text).not.toContain('第二选区');
    expect((await call('POST', `${b}/voter-list/publications`, token, {}, { 'idempotency-key': randomUUID() })).status).toBe(403);
  });

  it('publishes once for a retried POST with the same Idempotency-Key, even concurrent', async () => {
    const b = base(2, rounds.before);
    await call('POST', `${b}/voters`, officer[2]!, { name: '孙补', residentId: residentIdFor('330951', 260), districtId: 'd2' }, { 'idempotency-key': randomUUID() });
    const key = randomUUID();
    const [x, y] = await Promise.all([
      call('POST', `${b}/voter-list/publications`, officer[2]!, {}, { 'idempotency-key': key }),
      call('POST', `${b}/voter-list/publications`, officer[2]!, {}, { 'idempotency-key': key }),
    ]);
    expect([x.status, y.status], x.text + y.text).toEqual([201, 201]);
    expect(x.body.number).toBe(2);
    expect(y.body.number).toBe(2);
    const again = await call('POST', `${b}/voter-list/publications`, officer[2]!, {}, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const all = await call('GET', `${b}/voter-list/publications`, officer[2]!);
    expect(all.body.items.map((v: { number: number }) => v.number)).toEqual([1, 2]);
  });

  it('never shows a half version: pages of a run that crashed before its header are not read', async () => {
    const b = base(2, rounds.before);
    // A run of version 3 that wrote a page and died (no header).
    const store = new ElectionStore(createDocumentClient(), p.platform.tableName);
    await store.publications.writePages(townshipScope(county, townships[2]!), rounds.before, 3, 'crashed-run', [
      { sk: publicationKeys.listPage('d1', 0), entries: [{ id: 'f'.repeat(24), name: '假人', sex: 'male', maskedId: '330951********0000', certificate: 99 }] },
    ]);
    expect((await call('GET', `${b}/voter-list/publications`, officer[2]!)).body.items.map((v: { number: number }) => v.number)).toEqual([1, 2]);
    await call('POST', `${b}/voters`, officer[2]!, { name: '周补', residentId: residentIdFor('330951', 261), districtId: 'd1' }, { 'idempotency-key': randomUUID() });
    const res = await call('POST', `${b}/voter-list/publications`, officer[2]!, {}, { 'idempotency-key': randomUUID() });
    expect(res.status, res.text).toBe(201);
    expect(res.body.number).toBe(3);
    const notice = await call('GET', `${b}/voter-list/notice?districtId=d1`, officer[2]!);
    expect(notice.text).toContain('周补');
    expect(notice.text).not.toContain('假人');
  });
});
