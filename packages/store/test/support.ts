import { inject } from 'vitest';
import { createDocumentClient, ElectionStore, type Mutation, type RoundRecord } from '../src';

export function testStore(): ElectionStore {
  return new ElectionStore(createDocumentClient({ endpoint: inject('dynamoEndpoint') }), inject('tableName'));
}

let counter = 0;
/** A county id no other test uses, so tests share one table without seeing each other. */
export function freshCountyId(): string {
  counter += 1;
  return String(100000 + ((process.pid * 97 + Date.now() + counter * 7919) % 899999)).slice(0, 6);
}

export function mutation(overrides: Partial<Mutation> = {}): Mutation {
  return {
    actor: { sub: 'u-1', name: '测试员', role: 'county_admin' },
    requestId: `req-${Math.random().toString(36).slice(2)}`,
    at: new Date().toISOString(),
    ...overrides,
  };
}

export function round(countyId: string, id: string, overrides: Partial<RoundRecord> = {}): RoundRecord {
  const at = new Date().toISOString();
  return {
    id,
    countyId,
    name: '测试选举',
    electionDay: '2027-03-01',
    timeZone: 'Asia/Shanghai',
    countyDeputyTotal: 200,
    settings: {},
    phases: [],
    version: 1,
    createdAt: at,
    updatedAt: at,
    createdBy: { sub: 'u-1', name: '测试员', role: 'county_admin' },
    ...overrides,
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    tableName: string;
    apiUrl: string;
    issuerDir: string;
    issuerUrl: string;
  }
}
