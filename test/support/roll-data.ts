/**
 * Synthetic voter rolls for tests and the import benchmark: valid resident IDs (check character
 * computed), realistic names, and on request bad rows and people of another township's roll.
 */
import { addDays, residentIdCheckCharacter } from '@township/domain';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧阳';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英文华建国红梅玉兰志强海燕春花晓东丹辉鹏飞雪梅玲燕波宁浩宇欣怡子涵';
const ETHNICITIES = ['汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '畲族', '回族', '满族'];

/** A valid resident ID, unique for (region, i): birth date from i, sequence from i. */
export function residentIdFor(region: string, i: number, sex?: 'male' | 'female'): string {
  const birth = addDays('1950-01-01', i % 20_000).replaceAll('-', '');
  const female = sex === 'female' || (sex === undefined && i % 2 === 1);
  // The sequence's last digit is the sex (odd male); its first two keep i unique past 20,000.
  const seq = (Math.floor(i / 20_000) % 50) * 10 + (female ? 2 : 1) + (i % 4) * 2;
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

export const nameFor = (i: number) =>
  SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + (i % 3 === 0 ? '' : GIVEN[(i * 13 + 5) % GIVEN.length]!);

export interface RollOptions {
  /** The township's region code (6 digits), keeping its people apart from other townships'. */
  region: string;
  rows: number;
  districts: readonly string[];
  /** Every n-th row is bad (a wrong check character, a missing district, …). */
  badEvery?: number;
  /** Every n-th row is a person of `otherRegion`'s roll (same index). */
  foreignEvery?: number;
  otherRegion?: string;
  /** How many people `otherRegion`'s roll has: foreign rows take indices below it. */
  otherRows?: number;
  header?: 'zh' | 'en';
}

export const HEADER_ZH = ['姓名', '公民身份号码', '性别', '民族', '住址', '选区', '户籍或居住'];
export const HEADER_EN = ['name', 'residentId', 'sex', 'ethnicity', 'address', 'district', 'residence'];

/** The rows of a roll (header first), as cell arrays. */
export function* rollRows(o: RollOptions): Generator<string[]> {
  yield o.header === 'en' ? HEADER_EN : HEADER_ZH;
  for (let i = 0; i < o.rows; i++) {
    // Half-way through each period, apart from the bad rows (which fall on its last index).
    const foreign = o.foreignEvery && o.otherRegion && i % o.foreignEvery === Math.floor(o.foreignEvery / 2);
    const id = foreign ? residentIdFor(o.otherRegion!, i % (o.otherRows ?? Infinity)) : residentIdFor(o.region, i);
    const sex = Number(id[16]) % 2 === 1 ? '男' : '女';
    const district = o.districts[i % o.districts.length]!;
    const row = [nameFor(i), id, sex, ETHNICITIES[i % ETHNICITIES.length]!, `${district}村${(i % 50) + 1}组${(i % 200) + 1}号`, district, i % 11 === 0 ? '居住' : '户籍'];
    if (o.badEvery && i % o.badEvery === o.badEvery - 1) {
      const kind = Math.floor(i / o.badEvery) % 3;
      if (kind === 0) row[1] = id.slice(0, 17) + (id[17] === '0' ? '1' : '0'); // wrong check character
      else if (kind === 1) row[5] = '不存在的选区';
      else row[0] = '';
    }
    yield row;
  }
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The roll as CSV text (UTF-8). */
export function rollCsv(o: RollOptions): string {
  let out = '';
  for (const row of rollRows(o)) out += row.map(csvCell).join(',') + '\n';
  return out;
}
