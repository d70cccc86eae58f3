/**
 * The development identity provider: an RS256 key pair that signs tokens shaped like Cognito ID
 * tokens (same claim names as the user pool), and the JWKS the gateway verifies them with.
 * With a data directory the key is kept in `<dataDir>/dev-issuer.json`, so tokens outlive
 * restarts and `npm run token` signs with the key the running platform trusts.
 */
import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
} from 'jose';
import { ROLES, type Role } from '../../../functions/http/principal';

/** The `iss` of local tokens: fixed (not the gateway's port), so a token outlives a port change. */
export const LOCAL_ISSUER_URL = 'https://local-issuer.township-elections.invalid';
/** The `aud` of local tokens: the console's app client. */
export const LOCAL_AUDIENCE = 'local-console';
export const ISSUER_FILE = 'dev-issuer.json';
/** The demo county of the seed data, the default county of development tokens. */
export const DEMO_COUNTY = '330999';

const ALG = 'RS256';

/** Claims as the issuer signs them (Cognito ID token names). */
export interface TokenClaims extends JWTPayload {
  sub: string;
  name?: string;
  'cognito:username'?: string;
  'cognito:groups'?: string[];
  'custom:county'?: string;
  'custom:township'?: string;
  'custom:districts'?: string;
}

export interface SignOptions {
  /** A jose time span (`'12h'`, `'30m'`) or an absolute NumericDate (epoch seconds); default `'12h'`. */
  expiresIn?: string | number;
}

export interface Issuer {
  readonly issuerUrl: string;
  readonly audience: string;
  readonly kid: string;
  /** Where the key is kept; undefined when in memory. */
  readonly keyFile: string | undefined;
  jwks(): JSONWebKeySet;
  sign(claims: TokenClaims, options?: SignOptions): Promise<string>;
  /** Verifies signature, `iss`, `aud`, `exp`/`nbf`, as API Gateway's JWT authorizer does. Throws. */
  verify(token: string): Promise<JWTPayload>;
}

export interface IssuerOptions {
  /** Keeps the key in `<dataDir>/dev-issuer.json`; in memory when absent. */
  dataDir?: string;
  issuerUrl?: string;
  audience?: string;
}

interface StoredKey {
  kid: string;
  alg: typeof ALG;
  createdAt: string;
  privateJwk: JWK;
}

const PRIVATE_PARTS = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;

async function newKey(): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true, modulusLength: 2048 });
  const privateJwk = await exportJWK(privateKey);
  const kid = createHash('sha256').update(`${privateJwk.n}.${privateJwk.e}`).digest('base64url').slice(0, 16);
  return { kid, alg: ALG, createdAt: new Date().toISOString(), privateJwk };
}

/** Reads the key file, or creates it (atomically: a concurrent creator's key wins, not a torn file). */
async function loadOrCreateKey(file: string): Promise<StoredKey> {
  const read = async () => {
    const stored = JSON.parse(await readFile(file, 'utf8')) as Partial<StoredKey>;
    if (!stored.kid || !stored.privateJwk?.d) throw new Error(`${file} holds no private key; delete it to make a new one`);
    return stored as StoredKey;
  };
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = await newKey();
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temp, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });
  try {
    await link(temp, file);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return read();
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

export async function createIssuer(options: IssuerOptions = {}): Promise<Issuer> {
  const issuerUrl = options.issuerUrl ?? LOCAL_ISSUER_URL;
  const audience = options.audience ?? LOCAL_AUDIENCE;
  let keyFile: string | undefined;
  let stored: StoredKey;
  if (options.dataDir) {
    await mkdir(options.dataDir, { recursive: true });
    keyFile = join(options.dataDir, ISSUER_FILE);
    stored = await loadOrCreateKey(keyFile);
  } else {
    stored = await newKey();
  }
  const privateKey = await importJWK(stored.privateJwk, ALG);
  const publicJwk: JWK = { ...stored.privateJwk, kid: stored.kid, alg: ALG, use: 'sig' };
  for (const part of PRIVATE_PARTS) delete publicJwk[part];
  const keySet: JSONWebKeySet = { keys: [publicJwk] };
  const localKeys = createLocalJWKSet(keySet);

  return {
    issuerUrl,
    audience,
    kid: stored.kid,
    keyFile,
    jwks: () => structuredClone(keySet),
    async sign(claims, signOptions = {}) {
      const { iss: _iss, aud: _aud, iat: _iat, exp: _exp, ...rest } = claims;
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ token_use: 'id', auth_time: now, jti: randomUUID(), ...rest })
        .setProtectedHeader({ alg: ALG, kid: stored.kid, typ: 'JWT' })
        .setIssuer(issuerUrl)
        .setAudience(audience)
        .setIssuedAt(now)
        .setExpirationTime(signOptions.expiresIn ?? '12h')
        .sign(privateKey);
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, localKeys, { issuer: issuerUrl, audience, algorithms: [ALG] });
      return payload;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Development tokens

export interface DevTokenOptions {
  role: Role;
  /** 6-digit county code; default the demo county 330999. */
  county?: string;
  /** Officers: their one township. Observers: a list, or `'*'` for every township. */
  township?: string | readonly string[];
  /** District officers: their districts. */
  districts?: string | readonly string[];
  name?: string;
  /** Default: a UUID derived from role, county, township and name, so the same person keeps one `sub`. */
  sub?: string;
}

const DEFAULT_NAMES: Record<Role, string> = {
  county_admin: '县选举委员会办公室',
  township_officer: '乡镇选举工作办公室',
  district_officer: '选区工作组',
  observer: '县人大常委会观察员',
};

const list = (value: string | readonly string[] | undefined): string[] =>
  value === undefined
    ? []
    : (typeof value === 'string' ? value.split(',') : [...value]).map((v) => v.trim()).filter(Boolean);

/** A UUID (version 8 layout) derived from a name: stable across restarts. */
function stableUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The claims of a development user, as the Cognito user pool would put them in an ID token. */
export function devToken(options: DevTokenOptions): TokenClaims {
  const { role } = options;
  if (!isRole(role)) throw new Error(`unknown role "${String(role)}"; one of ${ROLES.join(', ')}`);
  const county = options.county ?? DEMO_COUNTY;
  if (!/^\d{6}$/.test(county)) throw new Error(`county must be a 6-digit code, not "${county}"`);
  const townships = list(options.township);
  const districts = list(options.districts);
  if (role === 'township_officer' || role === 'district_officer') {
    if (townships.length !== 1 || !/^\d{9}$/.test(townships[0]!)) {
      throw new Error(`a ${role} needs exactly one 9-digit township (e.g. --township 330999101)`);
    }
  }
  if (role === 'observer' && !townships.every((t) => t === '*' || /^\d{9}$/.test(t))) {
    throw new Error('an observer\'s townships are 9-digit codes or "*"');
  }
  if (role === 'district_officer' && districts.length === 0) {
    throw new Error('a district_officer needs at least one district (e.g. --districts d1,d2)');
  }
  const name = options.name ?? DEFAULT_NAMES[role];
  const sub = options.sub ?? stableUuid(`${role}|${county}|${townships.join(',')}|${name}`);
  return {
    sub,
    'cognito:username': sub,
    name,
    'cognito:groups': [role],
    'custom:county': county,
    ...(townships.length && role !== 'county_admin' ? { 'custom:township': townships.join(',') } : {}),
    ...(districts.length && role === 'district_officer' ? { 'custom:districts': districts.join(',') } : {}),
  };
}
