/**
 * Calendar dates ('YYYY-MM-DD', proleptic Gregorian, no time zone).
 *
 * The election timeline counts calendar days from election day (选举日, EL 11; "N日以前" = at the
 * latest on E − N). Dates are plain strings so that they serialise as they are; arithmetic goes
 * through a day number (days since 1970-01-01) computed with Howard Hinnant's civil-date
 * algorithms, so no `Date` object and no local time zone is involved.
 */
import { DomainError } from './errors';

/** A calendar date 'YYYY-MM-DD' (years 0001–9999). */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_DAY = daysFromCivil(1, 1, 1);
const MAX_DAY = daysFromCivil(9999, 12, 31);

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of the civil date y-m-d (Hinnant, `days_from_civil`). */
function daysFromCivil(year: number, m: number, d: number): number {
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number (Hinnant, `civil_from_days`). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d];
}

function parse(s: string): [number, number, number] | null {
  const match = ISO_DATE.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return [y, m, d];
}

function format(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** True when `s` is a real calendar date written 'YYYY-MM-DD' (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  return typeof s === 'string' && parse(s) !== null;
}

/** Days since 1970-01-01; throws DomainError INVALID_DATE on anything but a calendar date. */
export function toDayNumber(date: IsoDate, field = 'date'): number {
  const parts = typeof date === 'string' ? parse(date) : null;
  if (!parts) throw new DomainError('INVALID_DATE', `not a calendar date (YYYY-MM-DD): ${String(date)}`, { field });
  return daysFromCivil(...parts);
}

/** The date of a day number (days since 1970-01-01); inverse of {@link toDayNumber}. */
export function fromDayNumber(days: number): IsoDate {
  if (!Number.isInteger(days) || days < MIN_DAY || days > MAX_DAY) {
    throw new DomainError('INVALID_DATE', `day number out of the supported range (years 0001–9999): ${days}`);
  }
  return format(...civilFromDays(days));
}

/** `date` plus `n` calendar days (n may be negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new DomainError('INVALID_DAYS', `a day count must be an integer: ${n}`, { field: 'days' });
  return fromDayNumber(toDayNumber(date) + n);
}

/** Calendar days from `a` to `b` (b − a): daysBetween('2026-10-21', '2026-11-10') = 20. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b, 'b') - toDayNumber(a, 'a');
}

/** −1, 0 or 1 as `a` is before, on or after `b`; usable as a sort comparator. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return Math.sign(daysBetween(b, a)) || 0;
}

/** Building a formatter costs far more than using one (it showed in the API's profile): one per zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter) return formatter;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  } catch {
    throw new DomainError('INVALID_TIME_ZONE', `unknown time zone: ${timeZone}`, { field: 'timeZone' });
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

/**
 * Today's calendar date in `timeZone` (IANA name; callers default to 'Asia/Shanghai') at the
 * instant `now`. Rules never read the clock: the caller passes `now`.
 */
export function todayIn(timeZone: string, now: Date): IsoDate {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new DomainError('INVALID_DATE', 'now is not a valid instant', { field: 'now' });
  }
  const formatter = dayFormatter(timeZone);
  const parts = formatter.formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const y = get('year');
  const m = get('month');
  const d = get('day');
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || !parse(format(y, m, d))) {
    throw new DomainError('INVALID_DATE', 'now is outside the supported range (years 0001–9999)', { field: 'now' });
  }
  return format(y, m, d);
}
