/** Domain rule failures as 422s that name the request field they concern. */
import { DomainError, type FieldProblem } from '@township/domain';
import { unprocessable } from './problem';

/** Runs a rule; a DomainError's field (`phases.1.end`) is reported under `prefix` (`body`). */
export function atField<T>(prefix: string, rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    if (error instanceof DomainError) {
      const field = error.field ? `${prefix}.${error.field}` : prefix;
      throw unprocessable(error.message, [{ field, message: error.message }]);
    }
    throw error;
  }
}

export function refuseProblems(prefix: string, problems: readonly FieldProblem[], detail: string): void {
  if (problems.length === 0) return;
  throw unprocessable(
    detail,
    problems.map((p) => ({ field: `${prefix}.${p.field}`, message: p.message })),
  );
}
