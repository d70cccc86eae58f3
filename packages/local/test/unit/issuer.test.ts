import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { principalFromClaims } from '../../../../functions/http/principal';
import { flattenClaims } from '../../src/event';
import { createIssuer, devToken, ISSUER_FILE, LOCAL_ISSUER_URL } from '../../src/issuer';

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'issuer-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('the development issuer', () => {
  it('signs Cognito-shaped ID tokens it verifies', async () => {
    const issuer = await createIssuer();
    const token = await issuer.sign(devToken({ role: 'township_officer', township: '330999101', name: '周建华' }));
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', kid: issuer.kid, typ: 'JWT' });
    const claims = await issuer.verify(token);
    expect(claims).toMatchObject({
      iss: LOCAL_ISSUER_URL,
      aud: 'local-console',
      token_use: 'id',
      name: '周建华',
      'cognito:groups': ['township_officer'],
      'custom:county': '330999',
      'custom:township': '330999101',
    });
    expect(claims['cognito:username']).toBe(claims.sub);
    expect(claims.exp! - claims.iat!).toBe(12 * 3600);
  });

  it('keeps its key in <dataDir>/dev-issuer.json, so tokens outlive a restart', async () => {
    const dir = await tempDir();
    const first = await createIssuer({ dataDir: dir });
    const token = await first.sign(devToken({ role: 'county_admin' }), { expiresIn: '5m' });
    const second = await createIssuer({ dataDir: dir });
    expect(second.kid).toBe(first.kid);
    expect(first.keyFile).toBe(join(dir, ISSUER_FILE));
    await expect(second.verify(token)).resolves.toMatchObject({ 'cognito:groups': ['county_admin'] });
    expect((await stat(join(dir, ISSUER_FILE))).mode & 0o077).toBe(0);
    expect(JSON.parse(await readFile(join(dir, ISSUER_FILE), 'utf8')).privateJwk.d).toEqual(expect.any(String));
    expect(decodeJwt(token).exp! - decodeJwt(token).iat!).toBe(300);
  });

  it('agrees on one key when created concurrently', async () => {
    const dir = await tempDir();
    const issuers = await Promise.all([1, 2, 3, 4].map(() => createIssuer({ dataDir: dir })));
    expect(new Set(issuers.map((i) => i.kid)).size).toBe(1);
  });

  it('rejects a token of another issuer URL', async () => {
    const dir = await tempDir();
    const a = await createIssuer({ dataDir: dir, issuerUrl: 'http://a.invalid' });
    const b = await createIssuer({ dataDir: dir, issuerUrl: 'http://b.invalid' });
    await expect(b.verify(await a.sign(devToken({ role: 'county_admin' })))).rejects.toThrow(/iss/);
  });
});

describe('devToken', () => {
  it('builds claims the handlers read back into the same principal, after API Gateway flattens them', () => {
    const claims = devToken({ role: 'district_officer', township: '330999103', districts: ['d1', 'd2'], name: '王立新' });
    expect(principalFromClaims(flattenClaims(claims))).toEqual({
      sub: claims.sub,
      name: '王立新',
      role: 'district_officer',
      countyId: '330999',
      townships: ['330999103'],
      districts: ['d1', 'd2'],
    });
    expect(principalFromClaims(flattenClaims(devToken({ role: 'observer', township: '*' }))).townships).toBe('*');
    expect(principalFromClaims(flattenClaims(devToken({ role: 'county_admin', county: '330102' })))).toMatchObject({
      role: 'county_admin',
      countyId: '330102',
      townships: '*',
    });
  });

  it('gives one person one stable sub', () => {
    expect(devToken({ role: 'county_admin' }).sub).toBe(devToken({ role: 'county_admin' }).sub);
    expect(devToken({ role: 'county_admin' }).sub).not.toBe(devToken({ role: 'county_admin', name: '另一人' }).sub);
    expect(devToken({ role: 'county_admin' }).sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses incomplete identities', () => {
    expect(() => devToken({ role: 'township_officer' })).toThrow(/one 9-digit township/);
    expect(() => devToken({ role: 'township_officer', township: '330999101,330999102' })).toThrow(/one 9-digit township/);
    expect(() => devToken({ role: 'district_officer', township: '330999101' })).toThrow(/district/);
    expect(() => devToken({ role: 'county_admin', county: '33' })).toThrow(/6-digit/);
    expect(() => devToken({ role: 'emperor' as never })).toThrow(/unknown role/);
  });
});
