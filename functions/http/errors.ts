/**
 * The error middleware: every failure leaves as a problem document. Typed errors of the store and
 * the domain map to their status; anything unexpected is logged and answered with a bare 500
 * that reveals nothing.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError } from '@township/domain';
import {
  AlreadyExistsError,
  IdempotencyMismatchError,
  InvalidCursorError,
  InvalidScopeError,
  NotFoundError,
  VersionConflictError,
  ContentionError,
} from '@township/store';
import { z } from 'zod';
import { logger } from './logger';
import { HttpProblem, problemResponse, type ProblemDocument } from './problem';
import { zodFieldErrors } from './validation';

export function toProblem(error: unknown): ProblemDocument {
  if (error instanceof HttpProblem) return error.toDocument();
  if (error instanceof z.ZodError) {
    return new HttpProblem(400, 'validation', 'Invalid request', 'The request has invalid fields.', {
      errors: zodFieldErrors(error, 'body'),
    }).toDocument();
  }
  if (error instanceof DomainError) {
    return new HttpProblem(422, 'domain-rule', 'Rule violated', error.message, {
      ...(error.field ? { errors: [{ field: error.field, message: error.message }] } : {}),
      extensions: { code: error.code },
    }).toDocument();
  }
  if (error instanceof NotFoundError || error instanceof InvalidScopeError) {
    return new HttpProblem(404, 'not-found', 'Not found', error.message).toDocument();
  }
  if (error instanceof AlreadyExistsError) {
    return new HttpProblem(409, 'already-exists', 'Already exists', error.message).toDocument();
  }
  if (error instanceof VersionConflictError) {
    return new HttpProblem(409, 'version-conflict', 'Changed by someone else', `${error.message}. Read it again and reapply your change.`).toDocument();
  }
  if (error instanceof ContentionError) {
    return new HttpProblem(409, 'busy', 'Busy: try again', `${error.message}. Nothing was written; send the same request again.`).toDocument();
  }
  if (error instanceof IdempotencyMismatchError) {
    return new HttpProblem(422, 'idempotency-key-reused', 'Idempotency-Key reused', error.message, {
      errors: [{ field: 'header.idempotency-key', message: error.message }],
    }).toDocument();
  }
  if (error instanceof InvalidCursorError) {
    return new HttpProblem(400, 'validation', 'Invalid request', error.message, {
      errors: [{ field: 'query.cursor', message: error.message }],
    }).toDocument();
  }
  // middy's http errors (415 from the JSON body parser, 413, ...) carry a client status.
  const status = (error as { statusCode?: unknown; status?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpProblem(status, 'http', (error as Error).message || 'Bad request').toDocument();
  }
  logger.error('unhandled error', error as Error);
  return new HttpProblem(500, 'internal', 'Internal error', 'Something went wrong on our side; it has been logged.').toDocument();
}

export const problemErrors = (): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  onError: async (request) => {
    const problem = toProblem(request.error);
    if (problem.status >= 500) logger.error('request failed', { status: problem.status });
    else logger.info('request refused', { status: problem.status, type: problem.type });
    request.response = problemResponse({ ...problem, instance: request.event.rawPath });
  },
});
