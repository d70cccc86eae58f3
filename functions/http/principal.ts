/**
 * Who is calling, read from the JWT claims that API Gateway's authorizer (or the local gateway)
 * has already verified. The handler trusts the claims, never a tenant id from the path or body.
 *
 * Claims (Cognito ID token, same names from the local issuer):
 * - `cognito:groups`: the role — `county_admin`, `township_officer`, `district_officer`, `observer`
 * - `custom:county`: the county's 6-digit code
 * - `custom:township`: the township (tenant) for officers; for observers a comma list or `*`
 * - `custom:districts`: comma list of district ids for district officers
 */
import { unauthorized } from './problem';

export const ROLES = ['county_admin', 'township_officer', 'district_officer', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  sub: string;
  name: string;
  role: Role;
  countyId: string;
  /** Townships the caller may reach; `'*'` means every township of the county. */
  townships: readonly string[] | '*';
  /** District officers only. */
  districts: readonly string[];
}

type ClaimValue = string | number | boolean | string[] | undefined;

/** API Gateway HTTP APIs flatten array claims to "[a b]"; the local issuer may send real arrays. */
function listClaim(value: ClaimValue): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  const text = String(value).trim();
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return inner.split(/[\s,]+/).filter(Boolean);
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function principalFromClaims(claims: Record<string, ClaimValue> | undefined): Principal {
  if (!claims || !claims.sub) throw unauthorized();
  const roles = listClaim(claims['cognito:groups']).filter(isRole);
  // One role per user: the platform's groups are exclusive by design (see infra auth stack).
  const role = roles[0];
  if (!role) throw unauthorized('The token carries no role of this platform.');
  const countyId = typeof claims['custom:county'] === 'string' ? claims['custom:county'] : '';
  if (!countyId) throw unauthorized('The token carries no county.');
  const townshipClaim = listClaim(claims['custom:township']);
  const townships =
    role === 'county_admin' || (role === 'observer' && townshipClaim.includes('*')) ? '*' : townshipClaim;
  if (role !== 'county_admin' && role !== 'observer' && townships.length !== 1) {
    throw unauthorized('An officer token must name exactly one township.');
  }
  return {
    sub: String(claims.sub),
    name: String(claims['name'] ?? claims['cognito:username'] ?? claims.sub),
    role,
    countyId,
    townships,
    districts: role === 'district_officer' ? listClaim(claims['custom:districts']) : [],
  };
}

export function mayReachTownship(principal: Principal, townshipId: string): boolean {
  return principal.townships === '*' || principal.townships.includes(townshipId);
}
