/** The store cannot name a partition without a valid tenant, nor page into another's. */
import { describe, expect, it } from 'vitest';
import { countyScope, InvalidCursorError, InvalidScopeError, townshipScope, type TownshipRecord } from '../src';
import { freshCountyId, mutation, testStore } from './support';

const store = testStore();

describe('tenant scope', () => {
  it.each(['', '33#999', '3309991', 'COUNTY', '33099A'])('refuses county id %j', (id) => {
    expect(() => countyScope(id)).toThrow(InvalidScopeError);
  });

  it.each(['', '330999101#AUDIT', '33099910', '*'])('refuses township id %j', (id) => {
    expect(() => townshipScope('330999', id)).toThrow(InvalidScopeError);
  });

  it("does not return another county's township, and lists a county's townships from its index", async () => {
    const countyId = freshCountyId();
    const county = countyScope(countyId);
    const townshipId = `${countyId}101`;
    const scope = townshipScope(countyId, townshipId);
    const at = new Date().toISOString();
    const township: TownshipRecord = {
      id: townshipId, countyId, name: '东湖镇', kind: 'town', population: { registered: 30000, resident: 32000 },
      officers: [], version: 1, createdAt: at, updatedAt: at, createdBy: { sub: 'u', name: 'u', role: 'county_admin' },
    };
    await store.commit(mutation(), [store.townships.write(scope, township, { kind: 'absent' })], [
      { chain: scope, action: 'township.create', target: townshipId, summary: '', before: null, after: township },
    ]);
    expect(await store.townships.get(scope)).toEqual(township);
    const otherCounty = countyId === '999999' ? '999998' : '999999';
    expect(await store.townships.get(townshipScope(otherCounty, townshipId))).toBeUndefined();
    expect((await store.townships.list(county, {})).items.map((t) => t.id)).toEqual([townshipId]);
  });

  it("refuses a cursor made for another tenant's partition", async () => {
    const mine = countyScope(freshCountyId());
    const forged = Buffer.from(JSON.stringify({ pk: 'COUNTY#000001', sk: 'ROUND#x' })).toString('base64url');
    await expect(store.rounds.list(mine, { cursor: forged })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(store.rounds.list(mine, { cursor: '!!not-base64' })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
