/**
 * Voter imports end to end over HTTP (issue 4, part 2): upload URL, chunked run, row report,
 * idempotency by content, malformed files, county-wide uniqueness between townships.
 */
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, tokenFor } from './support/api';
import { buildCounty, type County } from './support/fixture';
import { residentIdFor, rollCsv, rollRows } from './support/roll-data';
import { addDistricts as addDistrictsAt, importFile as importAt } from './support/roll-api';

let county: County;
let officers: string[];
const base = (t: number) => `/townships/${county.townships[t]!.id}/elections/${county.roundId}`;

const addDistricts = (t: number, ids: string[]) => addDistrictsAt(base(t), officers[t]!, ids);
const importFile = (t: number, fileName: string, bytes: Buffer | string) => importAt(base(t), officers[t]!, fileName, bytes);

async function report(t: number, importId: string) {
  const res = await call('GET', `${base(t)}/voter-imports/report?importId=${importId}&limit=500`, { token: officers[t]! });
  expect(res.status, res.text).toBe(200);
  return res.body.items as Array<{ row: number; field: string; reason: string; kind: string }>;
}

beforeAll(async () => {
  county = await buildCounty('650005', ['东溪镇', '西岭乡', '南湖镇']);
  officers = await Promise.all(county.townships.map((t) => tokenFor({ role: 'township_officer', county: county.countyId, township: t.id })));
  await addDistricts(0, ['d1', 'd2']);
  await addDistricts(1, ['d1', 'd2']);
  await addDistricts(2, ['n1']);
});

describe('voter import (选民登记导入)', () => {
  let first: { id: string };

  it('registers the valid rows of a CSV and reports each bad row with its field and reason', async () => {
    const csv = rollCsv({ region: '650501', rows: 2500, districts: ['d1', 'd2'], badEvery: 100 });
    const record = await importFile(0, '东溪镇.csv', csv);
    first = record;
    expect(record).toMatchObject({ status: 'done', totalRows: 2500, rowsRead: 2500, registered: 2475, invalid: 25, conflicts: 0, chunks: 3 });
    const rows = await report(0, record.id);
    expect(rows).toHaveLength(25);
    expect(rows[0]).toMatchObject({ row: 100, field: 'residentId', kind: 'invalid' });
    expect(rows[0]!.reason).toContain('校验码');
    expect(rows[1]).toMatchObject({ row: 200, field: 'district' });
    expect(rows[2]).toMatchObject({ row: 300, field: 'name' });
  });

  it('registers nothing twice when the same file is submitted again', async () => {
    const csv = rollCsv({ region: '650501', rows: 2500, districts: ['d1', 'd2'], badEvery: 100 });
    const again = await importFile(0, '东溪镇（重交）.csv', csv);
    expect(again).toMatchObject({ status: 'duplicate', duplicateOf: first.id, registered: 0 });
  });

  it('reports people already on this township’s roll, and duplicates inside the file', async () => {
    const rows = [...rollRows({ region: '650501', rows: 3, districts: ['d1'] })];
    rows.push([...rows[1]!]); // data row 1 again: twice in the file, and already registered
    const fresh = residentIdFor('650599', 1);
    rows.push(['新来的', fresh, Number(fresh[16]) % 2 ? '男' : '女', '汉族', '', 'd2', '居住'], ['新来的', fresh, '', '', '', 'd2', '']);
    const record = await importFile(0, '补充.csv', rows.map((r) => r.join(',')).join('\r\n'));
    expect(record).toMatchObject({ status: 'done', registered: 1, alreadyRegistered: 3, invalid: 2 });
    const lines = await report(0, record.id);
    expect(lines.find((l) => l.row === 4)).toMatchObject({ kind: 'duplicate-in-file', reason: expect.stringContaining('第 1 行') });
    expect(lines.find((l) => l.row === 6)).toMatchObject({ kind: 'duplicate-in-file', reason: expect.stringContaining('第 5 行') });
    expect(lines.find((l) => l.row === 1)).toMatchObject({ kind: 'already-registered', reason: expect.stringContaining('d1选区') });
  });

  it('reads a GBK CSV from Chinese Excel and an .xlsx, refusing formula cells', async () => {
    const gbkText = rollCsv({ region: '650502', rows: 20, districts: ['n1'] });
    const gbk = Buffer.from(new TextEncoderGbk().encode(gbkText));
    expect(await importFile(2, '南湖.csv', gbk)).toMatchObject({ status: 'done', registered: 20 });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('选民');
    for (const row of rollRows({ region: '650503', rows: 30, districts: ['n1'] })) sheet.addRow(row);
    sheet.getCell('A5').value = { formula: 'CONCAT("张","三")', result: '张三' };
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const record = await importFile(2, '南湖.xlsx', xlsx);
    expect(record).toMatchObject({ status: 'done', registered: 29, invalid: 1 });
    expect((await report(2, record.id))[0]).toMatchObject({ row: 4, field: 'name', reason: expect.stringContaining('公式') });
  });

  it.each([
    ['empty.csv', Buffer.alloc(0), '空'],
    ['columns.csv', Buffer.from('编号,名字,电话\n1,张三,123\n'), '缺少必需的列'],
    ['utf16.csv', Buffer.from('\ufeff姓名,公民身份号码,选区\n张三,11010519491231002X,n1\n', 'utf16le'), '二进制'],
    ['garbage.csv', randomBytes(10 * 1024 * 1024), ''],
    ['garbage.xlsx', randomBytes(64 * 1024), '.xlsx'],
  ])('fails %s with a clear reason and registers nothing', async (fileName, bytes, reason) => {
    const record = await importFile(2, fileName, bytes);
    expect(record).toMatchObject({ status: 'failed', registered: 0, rowsRead: 0 });
    expect(record.error).toContain(reason);
    const lines = await report(2, record.id);
    expect(lines).toEqual([{ row: 0, field: 'file', reason: record.error, kind: 'invalid' }]);
  });

  it('registers a person imported by two townships at once exactly once; the other sees a conflict naming township and district', async () => {
    const shared = { rows: 1500, districts: ['d1', 'd2'] };
    const a = rollCsv({ region: '650511', ...shared });
    const b = rollCsv({ region: '650512', ...shared, foreignEvery: 10, otherRegion: '650511' });
    const [ra, rb] = await Promise.all([importFile(0, 'a.csv', a), importFile(1, 'b.csv', b)]);
    expect(ra.registered + rb.registered).toBe(3000 - 150);
    expect(ra.conflicts + rb.conflicts).toBe(150);
    const loser = rb.conflicts > 0 ? 1 : 0;
    const lines = (await report(loser, (loser ? rb : ra).id)).filter((l) => l.kind === 'conflict');
    expect(lines.length).toBeGreaterThan(0);
    const winnerName = county.townships[1 - loser]!.name;
    expect(lines[0]!.reason).toContain(winnerName);
    expect(lines[0]!.reason).toMatch(/d[12]选区/);
    expect(JSON.stringify(lines)).not.toMatch(/\d{17}[\dX]/); // no resident ID in clear
  });

  it('refuses the upload URL a second time, and a forged one', async () => {
    const created = await call('POST', `${base(2)}/voter-imports`, { token: officers[2]!, body: { fileName: 'x.csv' } });
    const url = created.body.upload.url as string;
    expect((await fetch(url.replace(/signature=[^&]+/, 'signature=AAAA'), { method: 'PUT', body: 'x' })).status).toBe(403);
    expect((await fetch(url, { method: 'PUT', body: 'a,b\n' })).status).toBe(200);
    expect((await fetch(url, { method: 'PUT', body: 'a,b\n' })).status).toBe(409);
  });

  it('is refused to a district officer, and to another township’s officer', async () => {
    const district = await tokenFor({ role: 'district_officer', county: county.countyId, township: county.townships[0]!.id, districts: ['d1'] });
    expectProblem(await call('POST', `${base(0)}/voter-imports`, { token: district, body: { fileName: 'x.csv' } }), 403);
    expectProblem(await call('GET', `${base(0)}/voter-imports`, { token: officers[1]! }), 403);
  });
});

/** GBK bytes for a test file: Node decodes GB18030 but has no encoder, so map via a lookup. */
class TextEncoderGbk {
  private static table: Map<string, number[]> | undefined;
  encode(text: string): number[] {
    const table = (TextEncoderGbk.table ??= buildGbkTable());
    const out: number[] = [];
    for (const ch of text) {
      if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
      else {
        const bytes = table.get(ch);
        if (!bytes) throw new Error(`no GBK code for ${ch}`);
        out.push(...bytes);
      }
    }
    return out;
  }
}

function buildGbkTable(): Map<string, number[]> {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  return table;
}
