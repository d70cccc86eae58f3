/**
 * One row of a voter file against DOMAIN.md "Validation": the resident ID's check character and
 * birth date, 18 on election day (EL 4), the district exists, sex and residence readable. Every
 * problem of the row is reported (row, field, reason), not only the first.
 */
import { isOfVotingAge, maskResidentId, parseResidentId, type ResidentId } from '@township/domain';
import type { Residence } from '@township/store';
import type { Field } from './columns';
import type { DataRow } from './read-rows';

export interface ValidRow {
  row: number;
  name: string;
  id: ResidentId;
  maskedId: string;
  districtId: string;
  ethnicity: string;
  address: string;
  residence: Residence;
}

export interface RowProblem {
  row: number;
  field: string;
  reason: string;
}

export interface RowContext {
  /** District by id and by name (a clerk writes either). */
  districts: ReadonlyMap<string, { id: string }>;
  electionDay: string;
  today: string;
}

const SEX: Record<string, 'male' | 'female'> = { 男: 'male', 女: 'female', male: 'male', female: 'female', m: 'male', f: 'female' };
const RESIDENCE: Record<string, Residence> = {
  '': 'hukou',
  户籍: 'hukou',
  户籍选民: 'hukou',
  本地户籍: 'hukou',
  hukou: 'hukou',
  居住: 'resident',
  居住地: 'resident',
  流动人口: 'resident',
  外来: 'resident',
  resident: 'resident',
};

export function validateRow(data: DataRow, ctx: RowContext): { ok: true; value: ValidRow } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const report = (field: string, reason: string) => problems.push({ row: data.row, field, reason });
  const text = (field: Field): string | undefined => {
    const cell = data.cells[field];
    if (!cell) return '';
    if ('problem' in cell) {
      report(field, cell.problem);
      return undefined;
    }
    return cell.value;
  };
  if (data.problem) report('row', data.problem);

  const name = text('name');
  if (name === '') report('name', '姓名为空');
  else if (name !== undefined && (name.length > 50 || /[\d<>]/.test(name))) report('name', '姓名不像人名（含数字或过长）');

  const rawId = text('residentId');
  let id: ResidentId | undefined;
  if (rawId === '') report('residentId', '公民身份号码为空');
  else if (rawId !== undefined) {
    const parsed = parseResidentId(rawId, ctx.today);
    if (!parsed.ok) report('residentId', parsed.problem.message);
    else {
      id = parsed.value;
      if (!isOfVotingAge(id.birthDate, ctx.electionDay)) {
        report('residentId', `选举日（${ctx.electionDay}）未满18周岁（出生于 ${id.birthDate}）`);
      }
    }
  }

  const sex = text('sex');
  if (sex && id) {
    const given = SEX[sex.toLowerCase()];
    if (!given) report('sex', `性别「${sex}」无法识别（应为 男 或 女）`);
    else if (given !== id.sex) report('sex', `性别「${sex}」与身份证号码不符`);
  }

  const districtName = text('district');
  const district = districtName ? ctx.districts.get(districtName) : undefined;
  if (districtName === '') report('district', '选区为空');
  else if (districtName !== undefined && !district) report('district', `没有名为「${districtName}」的选区`);

  const residenceText = text('residence');
  const residence = residenceText === undefined ? undefined : RESIDENCE[residenceText.toLowerCase()];
  if (residenceText !== undefined && !residence) report('residence', `「${residenceText}」应为 户籍 或 居住`);

  const ethnicity = text('ethnicity') ?? '';
  const address = text('address') ?? '';
  if (ethnicity.length > 20) report('ethnicity', '民族过长');
  if (address.length > 200) report('address', '住址过长（最多200字）');

  if (problems.length || !id || !name || !district || !residence) return { ok: false, problems };
  return {
    ok: true,
    value: { row: data.row, name, id, maskedId: maskResidentId(id.id), districtId: district.id, ethnicity, address, residence },
  };
}
