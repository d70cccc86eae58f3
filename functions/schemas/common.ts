/** Shared zod schemas of the API: identifiers, dates, pagination. */
import { z } from 'zod';

/** County administrative division code (县级行政区划代码), 6 digits. */
export const CountyId = z.string().regex(/^\d{6}$/, 'a 6-digit county code');
/** Township administrative division code (乡级区划代码), 9 digits; the tenant id. */
export const TownshipId = z.string().regex(/^\d{9}$/, 'a 9-digit township code');
export const RoundId = z.uuid();

function isCalendarDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A calendar date in the county's time zone, `YYYY-MM-DD`. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date');

export const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Asia/Shanghai');

export const Timestamp = z.iso.datetime({ offset: true });

export const Version = z.number().int().positive();

export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(2048).optional(),
});

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().optional() });

export const ActorRef = z.object({ sub: z.string(), name: z.string(), role: z.string() });
