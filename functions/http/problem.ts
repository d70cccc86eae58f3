/**
 * Errors as RFC 9457 problem documents (`application/problem+json`).
 *
 * Handlers and middlewares throw `HttpProblem`s; the error middleware turns any of them — and
 * the typed errors of the domain and store packages — into a response. Nothing else reaches the
 * client: an unexpected error becomes a bare 500 with no stack trace.
 */
export interface FieldError {
  /** Where the problem is: `body.electionDay`, `path.townshipId`, `query.limit`, `header.if-match`. */
  field: string;
  message: string;
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TYPE_BASE = 'urn:township-elections:problem:';

export class HttpProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly errors?: FieldError[];
  readonly extensions: Record<string, unknown>;

  constructor(
    status: number,
    slug: string,
    title: string,
    detail?: string,
    options: { errors?: FieldError[]; extensions?: Record<string, unknown> } = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
    this.status = status;
    this.type = TYPE_BASE + slug;
    this.title = title;
    if (options.errors) this.errors = options.errors;
    this.extensions = options.extensions ?? {};
  }

  toDocument(instance?: string): ProblemDocument {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.message !== this.title ? { detail: this.message } : {}),
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extensions,
    };
  }
}

export const badRequest = (errors: FieldError[], detail = 'The request has invalid fields.') =>
  new HttpProblem(400, 'validation', 'Invalid request', detail, { errors });
export const unauthorized = (detail = 'A valid bearer token is required.') =>
  new HttpProblem(401, 'unauthenticated', 'Unauthenticated', detail);
export const forbidden = (detail: string) => new HttpProblem(403, 'forbidden', 'Forbidden', detail);
export const notFound = (detail: string) => new HttpProblem(404, 'not-found', 'Not found', detail);
export const conflict = (detail: string, extensions?: Record<string, unknown>) =>
  new HttpProblem(409, 'conflict', 'Conflict', detail, extensions ? { extensions } : {});
export const unprocessable = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(422, 'domain-rule', 'Rule violated', detail, errors ? { errors } : {});
export const preconditionRequired = (detail: string) =>
  new HttpProblem(428, 'precondition-required', 'Precondition required', detail);

export function problemResponse(problem: ProblemDocument) {
  return {
    statusCode: problem.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE },
    body: JSON.stringify(problem),
  };
}
