/**
 * The column layout a township clerk has: the header row names the columns, in Chinese or in
 * English, in any order; other columns are ignored. Required: name, resident ID, district.
 */
export const FIELDS = ['name', 'residentId', 'sex', 'ethnicity', 'address', 'district', 'residence'] as const;
export type Field = (typeof FIELDS)[number];

const ALIASES: Record<Field, readonly string[]> = {
  name: ['姓名', '选民姓名', 'name'],
  residentId: ['公民身份号码', '身份证号码', '身份证号', '身份证', '居民身份证号码', 'residentid', 'idnumber', 'id'],
  sex: ['性别', 'sex', 'gender'],
  ethnicity: ['民族', 'ethnicity', 'nation'],
  address: ['住址', '现住址', '家庭住址', '户籍地址', '地址', 'address'],
  district: ['选区', '选区编号', '所属选区', '选区名称', 'district', 'districtid'],
  residence: ['户籍或居住', '登记类型', '户籍/居住', '户籍类别', '类别', 'residence', 'residencestatus'],
};

export const REQUIRED: readonly Field[] = ['name', 'residentId', 'district'];

const normalise = (h: string) => h.replace(/^\uFEFF/, '').replace(/[\s_\-（）()]/g, '').toLowerCase();

const LOOKUP = new Map<string, Field>(
  (Object.entries(ALIASES) as Array<[Field, readonly string[]]>).flatMap(([field, names]) => names.map((n) => [normalise(n), field] as const)),
);

export type HeaderResult = { ok: true; columns: Map<number, Field> } | { ok: false; reason: string };

/** Maps header cells to fields; refuses a header without the required columns or with one twice. */
export function mapHeader(cells: readonly string[]): HeaderResult {
  const columns = new Map<number, Field>();
  const seen = new Set<Field>();
  for (const [i, cell] of cells.entries()) {
    const field = LOOKUP.get(normalise(cell));
    if (!field) continue;
    if (seen.has(field)) return { ok: false, reason: `表头中「${cell}」列重复` };
    seen.add(field);
    columns.set(i, field);
  }
  const missing = REQUIRED.filter((f) => !seen.has(f));
  if (missing.length) {
    const names = missing.map((f) => ALIASES[f][0]).join('、');
    return { ok: false, reason: `表头缺少必需的列：${names}（第一行应为列名，如：姓名、公民身份号码、性别、民族、住址、选区、户籍或居住）` };
  }
  return { ok: true, columns };
}
