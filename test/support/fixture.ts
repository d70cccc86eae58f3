/**
 * A county built through the API for the route tests: townships, a round with a confirmed
 * allocation. Every test file builds its own counties, so files never share state.
 */
import { randomUUID } from 'node:crypto';
import { call, isoDateIn, tokenFor } from './api';

export interface County {
  countyId: string;
  adminToken: string;
  townships: Array<{ id: string; name: string }>;
  roundId: string;
}

export async function buildCounty(countyId: string, townshipNames: string[]): Promise<County> {
  const adminToken = await tokenFor({ role: 'county_admin', county: countyId });
  const townships = [];
  for (const [i, name] of townshipNames.entries()) {
    const id = `${countyId}${String(101 + i)}`;
    const res = await call('POST', '/county/townships', {
      token: adminToken,
      body: { id, name, kind: 'town', population: { registered: 20000 + i * 7000, resident: 21000 + i * 6000 }, officers: [{ name: `${name}干部` }] },
    });
    if (res.status !== 201) throw new Error(`fixture township: ${res.status} ${res.text}`);
    townships.push({ id, name });
  }
  const round = await call('POST', '/county/rounds', {
    token: adminToken,
    headers: { 'idempotency-key': randomUUID() },
    body: { name: `${countyId} 换届选举`, electionDay: isoDateIn(60), countyDeputyTotal: townshipNames.length * 10 },
  });
  if (round.status !== 201) throw new Error(`fixture round: ${round.status} ${round.text}`);
  const confirmed = await call('PUT', `/county/rounds/${round.body.id}/apportionment`, { token: adminToken, body: {} });
  if (confirmed.status !== 200) throw new Error(`fixture apportionment: ${confirmed.status} ${confirmed.text}`);
  return { countyId, adminToken, townships, roundId: round.body.id };
}
