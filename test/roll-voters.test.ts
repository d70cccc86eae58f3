/**
 * The roll (issue 4, parts 3 and 4): listing and searching with masked IDs, a district officer's
 * view, status changes, registering by hand, and the county's resolution of conflicts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, tokenFor } from './support/api';
import { buildCounty, type County } from './support/fixture';
import { addDistricts, importFile } from './support/roll-api';
import { nameFor, residentIdFor, rollCsv } from './support/roll-data';

let county: County;
let officers: string[];
const base = (t: number) => `/townships/${county.townships[t]!.id}/elections/${county.roundId}`;
const FULL_ID = /\d{17}[\dX]/;
/** The voter marked deceased below: the conflict tests must not pick the same person (person keys, hence the order, are random per run). */
let deceasedName = '';

beforeAll(async () => {
  county = await buildCounty('680008', ['北山镇', '中河乡']);
  officers = await Promise.all(county.townships.map((t) => tokenFor({ role: 'township_officer', county: county.countyId, township: t.id })));
  await addDistricts(base(0), officers[0]!, ['d1', 'd2']);
  await addDistricts(base(1), officers[1]!, ['d1', 'd2']);
  expect(await importFile(base(0), officers[0]!, 'a.csv', rollCsv({ region: '680801', rows: 60, districts: ['d1', 'd2'] }))).toMatchObject({ registered: 60 });
});

describe('listing and searching the roll', () => {
  it('pages through every district, showing the resident ID masked', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await call('GET', `${base(0)}/voters?limit=7${cursor ? `&cursor=${cursor}` : ''}`, { token: officers[0]! });
      expect(res.status, res.text).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(7);
      seen.push(...res.body.items.map((v: { id: string }) => v.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(60);
    const page = await call('GET', `${base(0)}/voters?limit=200`, { token: officers[0]! });
    expect(page.text).not.toMatch(FULL_ID);
    expect(page.text).not.toContain('personKey');
    expect(page.body.items[0].maskedId).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
  });

  it('searches by name, by masked ID and by district', async () => {
    const target = residentIdFor('680801', 13);
    const byName = await call('GET', `${base(0)}/voters?name=${encodeURIComponent(nameFor(13))}`, { token: officers[0]! });
    expect(byName.body.items.map((v: { maskedId: string }) => v.maskedId)).toContain(`${target.slice(0, 6)}********${target.slice(-4)}`);
    const byTail = await call('GET', `${base(0)}/voters?maskedId=${target.slice(-4)}`, { token: officers[0]! });
    expect(byTail.body.items.length).toBeGreaterThanOrEqual(1);
    const byMask = await call('GET', `${base(0)}/voters?maskedId=${encodeURIComponent(`${target.slice(0, 6)}********${target.slice(-4)}`)}`, { token: officers[0]! });
    expect(byMask.body.items.some((v: { name: string }) => v.name === nameFor(13))).toBe(true);
    expectProblem(await call('GET', `${base(0)}/voters?maskedId=${target}`, { token: officers[0]! }), 400); // never the whole ID in a URL
    const d2 = await call('GET', `${base(0)}/voters?districtId=d2&limit=200`, { token: officers[0]! });
    expect(d2.body.items).toHaveLength(30);
    expect(d2.body.items.every((v: { districtId: string }) => v.districtId === 'd2')).toBe(true);
  });

  it('shows a district officer their districts only', async () => {
    const token = await tokenFor({ role: 'district_officer', county: county.countyId, township: county.townships[0]!.id, districts: ['d1'] });
    const mine = await call('GET', `${base(0)}/voters?limit=200`, { token });
    expect(mine.body.items).toHaveLength(30);
    expect(mine.body.items.every((v: { districtId: string }) => v.districtId === 'd1')).toBe(true);
    expectProblem(await call('GET', `${base(0)}/voters?districtId=d2`, { token }), 403);
  });
});

describe('maintaining the roll', () => {
  it('marks a voter deceased with reason and date, audited, refusing a stale version', async () => {
    const voter = (await call('GET', `${base(0)}/voters?districtId=d1&limit=1`, { token: officers[0]! })).body.items[0];
    deceasedName = voter.name;
    const body = { districtId: 'd1', voterId: voter.id, status: 'deceased', reason: '病故', date: '2026-01-05' };
    expectProblem(await call('PUT', `${base(0)}/voters/status`, { token: officers[0]!, body }), 428);
    const changed = await call('PUT', `${base(0)}/voters/status`, { token: officers[0]!, body, headers: { 'if-match': `"${voter.version}"` } });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ status: 'deceased', statusChange: { reason: '病故', date: '2026-01-05' }, version: voter.version + 1 });
    expectProblem(await call('PUT', `${base(0)}/voters/status`, { token: officers[0]!, body, headers: { 'if-match': `"${voter.version}"` } }), 409);
    const deceased = await call('GET', `${base(0)}/voters?status=deceased`, { token: officers[0]! });
    expect(deceased.body.items.map((v: { id: string }) => v.id)).toEqual([voter.id]);
    const audit = await call('GET', `/townships/${county.townships[0]!.id}/audit`, { token: officers[0]! });
    expect(audit.body.items[0]).toMatchObject({ action: 'voters.status', summary: expect.stringContaining('死亡') });
  });

  it("corrects a voter's particulars with a reason, audited, refusing an empty change and a stale version", async () => {
    const token = officers[0]!;
    const voter = (await call('GET', `${base(0)}/voters?districtId=d2&status=registered&limit=1`, { token })).body.items[0];
    const body = { districtId: 'd2', voterId: voter.id, address: '青石村三组12号', reason: '门牌号更正' };
    const empty = await call('PATCH', `${base(0)}/voters`, { token, body: { districtId: 'd2', voterId: voter.id, reason: '无' }, headers: { 'if-match': `"${voter.version}"` } });
    expectProblem(empty, 400);
    expect(empty.body.errors[0].field).toBe('body.name');
    const edited = await call('PATCH', `${base(0)}/voters`, { token, body, headers: { 'if-match': `"${voter.version}"` } });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ id: voter.id, address: '青石村三组12号', name: voter.name, maskedId: voter.maskedId, version: voter.version + 1 });
    expectProblem(await call('PATCH', `${base(0)}/voters`, { token, body, headers: { 'if-match': `"${voter.version}"` } }), 409);
    const audit = await call('GET', `/townships/${county.townships[0]!.id}/audit`, { token });
    expect(audit.body.items[0]).toMatchObject({ action: 'voters.edit', summary: expect.stringContaining('门牌号更正') });
  });

  it('moves a voter to another district in one transaction, audited, refusing a stale version and a district officer outside their districts', async () => {
    const token = officers[0]!;
    const voter = (await call('GET', `${base(0)}/voters?districtId=d1&status=registered&limit=1`, { token })).body.items[0];
    const body = { districtId: 'd1', voterId: voter.id, toDistrictId: 'd2', reason: '户籍迁至二组', date: '2026-01-06' };
    const officerOfD1 = await tokenFor({ role: 'district_officer', county: county.countyId, township: county.townships[0]!.id, districts: ['d1'] });
    expectProblem(await call('PUT', `${base(0)}/voters/district`, { token: officerOfD1, body, headers: { 'if-match': `"${voter.version}"` } }), 403);
    expectProblem(await call('PUT', `${base(0)}/voters/district`, { token, body: { ...body, toDistrictId: 'd1' }, headers: { 'if-match': `"${voter.version}"` } }), 422);
    expectProblem(await call('PUT', `${base(0)}/voters/district`, { token, body: { ...body, toDistrictId: 'd9' }, headers: { 'if-match': `"${voter.version}"` } }), 422);
    const moved = await call('PUT', `${base(0)}/voters/district`, { token, body, headers: { 'if-match': `"${voter.version}"` } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ id: voter.id, districtId: 'd2', move: { fromDistrictId: 'd1', reason: '户籍迁至二组' }, version: voter.version + 1 });
    expectProblem(await call('PUT', `${base(0)}/voters/district`, { token, body, headers: { 'if-match': `"${voter.version}"` } }), 404); // no longer in d1
    const inD1 = (await call('GET', `${base(0)}/voters?districtId=d1&limit=200`, { token })).body.items.map((v: { id: string }) => v.id);
    const inD2 = (await call('GET', `${base(0)}/voters?districtId=d2&limit=200`, { token })).body.items.map((v: { id: string }) => v.id);
    expect(inD1).not.toContain(voter.id);
    expect(inD2.filter((id: string) => id === voter.id)).toHaveLength(1);
    const audit = await call('GET', `/townships/${county.townships[0]!.id}/audit`, { token });
    expect(audit.body.items[0]).toMatchObject({ action: 'voters.move', summary: expect.stringContaining('改至') });
    expect(audit.body.verification.valid).toBe(true);
  });

  it('registers a voter by hand, once in the county', async () => {
    const id = residentIdFor('680899', 5);
    const body = { name: '手工登记', residentId: id, districtId: 'd2' };
    const added = await call('POST', `${base(1)}/voters`, { token: officers[1]!, body });
    expect(added.status, added.text).toBe(201);
    expect(added.body.maskedId).toBe(`${id.slice(0, 6)}********${id.slice(-4)}`);
    const again = await call('POST', `${base(1)}/voters`, { token: officers[1]!, body: { ...body, districtId: 'd1' } });
    expectProblem(again, 409);
    expect(again.body.detail).toContain('本乡镇「d2选区」');
    const elsewhere = await call('POST', `${base(0)}/voters`, { token: officers[0]!, body });
    expectProblem(elsewhere, 409);
    expect(elsewhere.body.detail).toContain('中河乡');
    expect(elsewhere.text).not.toContain('手工登记'); // the other township's roll stays its own
  });

  it('refuses a bad check character and someone under 18 on election day', async () => {
    const id = residentIdFor('680899', 6);
    const bad = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    expectProblem(await call('POST', `${base(1)}/voters`, { token: officers[1]!, body: { name: '错号', residentId: bad, districtId: 'd1' } }), 422);
    const young = `68089920150101001`;
    const { residentIdCheckCharacter } = await import('@township/domain');
    const res = await call('POST', `${base(1)}/voters`, { token: officers[1]!, body: { name: '少年', residentId: young + residentIdCheckCharacter(young), districtId: 'd1' } });
    expectProblem(res, 422);
    expect(res.text).toContain('未满18周岁');
  });
});

describe('conflicts between townships (EL 5, ZJ 26)', () => {
  let conflicts: Array<{ personKey: string; name: string; other: { townshipName: string; districtName: string } }>;
  let claimantStood = '';

  beforeAll(async () => {
    const csv = rollCsv({ region: '680802', rows: 20, districts: ['d1', 'd2'], foreignEvery: 5, otherRegion: '680801', otherRows: 60 });
    expect(await importFile(base(1), officers[1]!, 'b.csv', csv)).toMatchObject({ registered: 16, conflicts: 4 });
    const res = await call('GET', `/county/rounds/${county.roundId}/voter-conflicts`, { token: county.adminToken });
    expect(res.status, res.text).toBe(200);
    conflicts = res.body.items;
  });

  it('shows the county every conflict, naming the other township and district only', async () => {
    expect(conflicts).toHaveLength(4);
    expect(conflicts[0]!.other.townshipName).toBe('北山镇');
    expect(JSON.stringify(conflicts)).not.toMatch(FULL_ID);
  });

  it('lets the refused registration stand: the other township’s voter is marked as voting elsewhere', async () => {
    const c = conflicts.find((x) => x.name !== deceasedName)!;
    claimantStood = c.personKey;
    const res = await call('POST', `${base(1)}/voter-conflicts/resolution`, { token: county.adminToken, body: { personKey: c.personKey, stands: 'claimant', note: '户籍已迁入中河乡' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'resolved', resolution: { stands: 'claimant' } });
    const seen = await call('GET', `${base(1)}/voter-conflicts`, { token: officers[1]! });
    expect(seen.body.items.find((x: { personKey: string }) => x.personKey === c.personKey)).toMatchObject({ status: 'resolved' });
    const registered = await call('GET', `${base(1)}/voters?name=${encodeURIComponent(c.name)}&limit=200`, { token: officers[1]! });
    expect(registered.body.items.length).toBeGreaterThanOrEqual(1);
    const moved = await call('GET', `${base(0)}/voters?status=elsewhere&limit=200`, { token: officers[0]! });
    expect(moved.body.items).toHaveLength(1);
    expect(moved.body.items[0].statusChange.reason).toContain('中河乡');
    expectProblem(await call('POST', `${base(1)}/voter-conflicts/resolution`, { token: county.adminToken, body: { personKey: c.personKey, stands: 'existing', note: '再议' } }), 409);
  });

  it('keeps the existing registration', async () => {
    const c = conflicts.find((x) => x.personKey !== claimantStood)!;
    const res = await call('POST', `${base(1)}/voter-conflicts/resolution`, { token: county.adminToken, body: { personKey: c.personKey, stands: 'existing', note: '户籍在北山镇' } });
    expect(res.body).toMatchObject({ status: 'resolved', resolution: { stands: 'existing', note: '户籍在北山镇' } });
    expectProblem(await call('POST', `${base(1)}/voter-conflicts/resolution`, { token: officers[1]!, body: { personKey: c.personKey, stands: 'claimant', note: 'x' } }), 403);
  });
});

describe('statistics of the roll', () => {
  it('counts the registered by district, sex, ethnicity and age band, the others by reason, and the conflicts', async () => {
    const a = await call('GET', `${base(0)}/voter-statistics`, { token: officers[0]! });
    expect(a.status, a.text).toBe(200);
    expect(a.body.total).toMatchObject({ registered: 58, notOnList: { deceased: 1, elsewhere: 1 } });
    expect(a.body.total.bySex.male + a.body.total.bySex.female).toBe(58);
    expect(a.body.districts.map((d: { registered: number }) => d.registered).reduce((x: number, y: number) => x + y, 0)).toBe(58);
    const b = await call('GET', `${base(1)}/voter-statistics`, { token: officers[1]! });
    expect(b.body.total.registered).toBe(18);
    expect(b.body.conflicts).toEqual({ open: 2, resolved: 2 });
    const district = await tokenFor({ role: 'district_officer', county: county.countyId, township: county.townships[0]!.id, districts: ['d2'] });
    const own = await call('GET', `${base(0)}/voter-statistics`, { token: district });
    expect(own.body.districts.map((d: { districtId: string }) => d.districtId)).toEqual(['d2']);
  });
});

describe("the county's statistics (sum of the townships' counts, never a Scan)", () => {
  const countyPath = () => `/county/rounds/${county.roundId}/voter-statistics`;

  it('sums the townships as last counted, equal to a recount of each', async () => {
    const a = (await call('GET', `${base(0)}/voter-statistics`, { token: officers[0]! })).body;
    const b = (await call('GET', `${base(1)}/voter-statistics`, { token: officers[1]! })).body;
    const res = await call('GET', countyPath(), { token: county.adminToken });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ stale: [], notCounted: [] });
    expect(res.body.total.registered).toBe(a.total.registered + b.total.registered);
    expect(res.body.total.bySex.female).toBe(a.total.bySex.female + b.total.bySex.female);
    expect(res.body.total.notOnList.deceased ?? 0).toBe((a.total.notOnList.deceased ?? 0) + (b.total.notOnList.deceased ?? 0));
    expect(res.body.conflicts).toEqual({ open: a.conflicts.open + b.conflicts.open, resolved: a.conflicts.resolved + b.conflicts.resolved });
    const row = res.body.townships.find((t: { townshipId: string }) => t.townshipId === county.townships[0]!.id);
    expect(row).toMatchObject({ counted: true, stale: false, total: a.total });
  });

  it('marks a township that changed since its count as stale, until it is counted again', async () => {
    const voter = (await call('GET', `${base(0)}/voters?status=registered&limit=1`, { token: officers[0]! })).body.items[0];
    const changed = await call('PUT', `${base(0)}/voters/status`, {
      token: officers[0]!,
      body: { districtId: voter.districtId, voterId: voter.id, status: 'moved_away', reason: '迁往外省', date: '2026-01-07' },
      headers: { 'if-match': `"${voter.version}"` },
    });
    expect(changed.status, changed.text).toBe(200);
    const stale = (await call('GET', countyPath(), { token: county.adminToken })).body;
    expect(stale.stale).toEqual([county.townships[0]!.id]);
    const recount = (await call('GET', `${base(0)}/voter-statistics`, { token: officers[0]! })).body;
    const fresh = (await call('GET', countyPath(), { token: county.adminToken })).body;
    expect(fresh.stale).toEqual([]);
    expect(fresh.townships.find((t: { townshipId: string }) => t.townshipId === county.townships[0]!.id).total).toEqual(recount.total);
  });

  it('is the county’s: a township officer is refused, and another county sees nothing of it', async () => {
    expectProblem(await call('GET', countyPath(), { token: officers[0]! }), 403);
    const other = await tokenFor({ role: 'county_admin', county: '680099' });
    expectProblem(await call('GET', countyPath(), { token: other }), 404);
  });
});
