/** HTTP helpers for tests against the local platform started by the global setup. */
import { inject } from 'vitest';
import { createIssuer, devToken } from '@township/local';

export type Role = 'county_admin' | 'township_officer' | 'district_officer' | 'observer';

const issuer = createIssuer({ dataDir: inject('issuerDir'), issuerUrl: inject('issuerUrl') });

export interface Identity {
  role: Role;
  county: string;
  township?: string;
  districts?: string[];
  name?: string;
}

export async function tokenFor(identity: Identity): Promise<string> {
  return (await issuer).sign(devToken(identity));
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function call<T = any>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(inject('apiUrl') + path, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // leave as text
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/** A problem document as RFC 9457 has it. */
export function expectProblem(response: ApiResponse, status?: number) {
  const problems: string[] = [];
  if (status !== undefined && response.status !== status) problems.push(`status ${response.status}, expected ${status}: ${response.text}`);
  if (!response.headers.get('content-type')?.startsWith('application/problem+json')) {
    problems.push(`content-type ${response.headers.get('content-type')}`);
  }
  const b = response.body as Record<string, unknown> | undefined;
  if (!b || typeof b.type !== 'string' || typeof b.title !== 'string' || b.status !== response.status) {
    problems.push(`not a problem document: ${response.text.slice(0, 300)}`);
  }
  if (response.text.includes('    at ')) problems.push('a stack trace leaked');
  if (problems.length) throw new Error(problems.join('; '));
}

export const isoDateIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
