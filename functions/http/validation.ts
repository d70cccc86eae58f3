/** zod issues as field errors: `body.phases.1.end`, `path.townshipId`, `query.limit`. */
import type { z } from 'zod';
import { badRequest, type FieldError } from './problem';

/** Where the value came from, as the field path's first segment: `body`, `query`, `header.if-match`. */
export type Location = string;

export function zodFieldErrors(error: z.ZodError, location: Location): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String);
    // Unknown keys are reported on the object; name each unknown key instead.
    if (issue.code === 'unrecognized_keys') {
      return { field: [location, ...path, issue.keys.join(',')].join('.'), message: 'unknown field' };
    }
    return { field: [location, ...path].join('.'), message: issue.message };
  });
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, location: Location): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(zodFieldErrors(result.error, location));
  return result.data;
}
