/**
 * The resident identity card number (居民身份证号码, GB 11643-1999): 18 characters — a 6-digit
 * address code, the birth date YYYYMMDD (characters 7–14), a 3-digit sequence whose last digit is
 * odd for men and even for women (character 17), and a check character computed by ISO 7064
 * MOD 11-2 (0–9 or X). DOMAIN.md "Validation": the platform derives birth date and sex from it
 * and rejects a bad check character.
 */
import { isIsoDate, type IsoDate } from './dates';

export type Sex = 'male' | 'female';

export interface ResidentId {
  /** Normalised: upper-case X, no spaces. */
  id: string;
  birthDate: IsoDate;
  sex: Sex;
  /** 行政区划代码 of the place of first registration (not necessarily where the person lives). */
  regionCode: string;
}

export type ResidentIdProblem =
  | { code: 'format'; message: string }
  | { code: 'birth-date'; message: string }
  | { code: 'check-character'; message: string };

export type ResidentIdResult = { ok: true; value: ResidentId } | { ok: false; problem: ResidentIdProblem };

/** ISO 7064 MOD 11-2 weights 2^(17−i) mod 11 for the first 17 digits. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** The check character of the first 17 digits (ISO 7064 MOD 11-2). */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new TypeError('17 digits expected');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/**
 * Normalises what a clerk typed or Excel stored: surrounding and inner spaces, full-width digits
 * and Ｘ (common from Chinese input methods), a lower-case x.
 */
export function normaliseResidentId(raw: string): string {
  return raw
    .replace(/[\s\u3000]/g, '')
    .replace(/[０-９Ｘｘ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

/**
 * Parses and checks a resident ID. `latestBirthDate` (usually today) bounds the birth date: a
 * person cannot be born in the future. Years before 1900 are refused as typing errors.
 */
export function parseResidentId(raw: string, latestBirthDate?: IsoDate): ResidentIdResult {
  const id = normaliseResidentId(raw);
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, problem: { code: 'format', message: '应为18位：17位数字加一位校验码（数字或X）' } };
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || birthDate < '1900-01-01' || (latestBirthDate !== undefined && birthDate > latestBirthDate)) {
    return { ok: false, problem: { code: 'birth-date', message: `出生日期 ${id.slice(6, 14)} 不是有效日期（须为1900年以后、不晚于今天的日历日期）` } };
  }
  const expected = residentIdCheckCharacter(id.slice(0, 17));
  if (id[17] !== expected) {
    return { ok: false, problem: { code: 'check-character', message: `校验码错误（应为 ${expected}）` } };
  }
  const sex: Sex = (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { id, birthDate, sex, regionCode: id.slice(0, 6) } };
}

/** The form lists show (issue 4): first 6 and last 4 characters, the rest as `*`. */
export function maskResidentId(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}
