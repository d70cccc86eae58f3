/** HTTP helpers for the voter roll's tests: districts, and an import from upload to its end. */
import { expect } from 'vitest';
import { call } from './api';

export async function addDistricts(base: string, token: string, ids: readonly string[]) {
  for (const id of ids) {
    const res = await call('POST', `${base}/districts`, { token, body: { id, name: `${id}选区`, population: 3000, seats: 1 } });
    expect(res.status, res.text).toBe(201);
  }
}

/** Creates an import, PUTs the bytes to its upload URL, waits until the run ends. */
export async function importFile(base: string, token: string, fileName: string, bytes: Buffer | string) {
  const created = await call('POST', `${base}/voter-imports`, { token, body: { fileName } });
  expect(created.status, created.text).toBe(201);
  expect(created.body.status).toBe('awaiting-upload');
  const put = await fetch(created.body.upload.url, { method: 'PUT', headers: created.body.upload.headers, body: bytes });
  expect(put.status).toBe(200);
  return waitForImport(base, token, created.body.id);
}

export async function waitForImport(base: string, token: string, importId: string) {
  for (let i = 0; i < 1200; i++) {
    const res = await call('GET', `${base}/voter-imports?importId=${importId}`, { token });
    const record = res.body.items[0];
    if (['done', 'failed', 'duplicate'].includes(record.status)) return record;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}
