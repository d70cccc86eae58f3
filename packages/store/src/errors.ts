/** Typed errors of the store; the HTTP layer maps each to a problem document. */
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The item does not exist (or is not the caller's tenant's). */
export class NotFoundError extends StoreError {}

/** A create found the item already there. */
export class AlreadyExistsError extends StoreError {}

/** The version the client read is no longer the current one: nothing was written. */
export class VersionConflictError extends StoreError {
  constructor(
    message: string,
    readonly currentVersion?: number,
  ) {
    super(message);
  }
}

/** An Idempotency-Key was reused with a different request. */
export class IdempotencyMismatchError extends StoreError {}

/** A pagination cursor that this store did not issue for this query. */
export class InvalidCursorError extends StoreError {}

/**
 * Too many writers of one tenant's audit chain at once, still after every retry: nothing was
 * written, and the same request (with its Idempotency-Key) can simply be sent again.
 */
export class ContentionError extends StoreError {}
