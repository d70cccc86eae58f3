/**
 * Typed errors of the domain rules.
 *
 * Every rule that rejects its input throws a {@link DomainError}: a stable machine-readable
 * `code`, a human-readable `message`, and where the problem lies in the input a dotted `field`
 * path (e.g. `phases.1.end`, `units.3.population`) so that an API layer can attach the message to
 * the right form field. Validators that report several problems at once return
 * {@link FieldProblem}s instead of throwing.
 */

/** One problem found in an input, located by a dotted path such as `phases.2.end`. */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface DomainErrorOptions {
  /** Dotted path of the offending input field, e.g. `phases.1.end`. */
  field?: string;
  /** Anything that helps a caller explain the error (limits, the list of problems, …). */
  details?: unknown;
}

/** A rule was broken or an input is invalid. */
export class DomainError extends Error {
  readonly code: string;
  // `declare`: no own property unless given, so `field` is absent rather than undefined.
  declare readonly field?: string;
  declare readonly details?: unknown;

  constructor(code: string, message: string, options: DomainErrorOptions = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    if (options.field !== undefined) this.field = options.field;
    if (options.details !== undefined) this.details = options.details;
  }

  /** A plain object for logs and API responses. */
  toJSON(): { code: string; message: string; field?: string; details?: unknown } {
    return {
      code: this.code,
      message: this.message,
      ...(this.field !== undefined ? { field: this.field } : {}),
      ...(this.details !== undefined ? { details: this.details } : {}),
    };
  }
}

/** Type guard usable across module boundaries (does not rely on `instanceof` alone). */
export function isDomainError(value: unknown): value is DomainError {
  return (
    value instanceof DomainError ||
    (value instanceof Error && value.name === 'DomainError' && typeof (value as { code?: unknown }).code === 'string')
  );
}
