/**
 * Opaque pagination cursors: DynamoDB's LastEvaluatedKey, base64url-encoded. A cursor is only
 * accepted for the partition it came from, so a crafted cursor cannot start a query elsewhere.
 */
import { InvalidCursorError } from './errors';

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

export function decodeCursor(
  cursor: string | undefined,
  partition: { attribute: string; value: string },
): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('the cursor is not one this API issued');
  }
  const valid =
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    Object.values(key).every((v) => typeof v === 'string') &&
    (key as Record<string, unknown>)[partition.attribute] === partition.value;
  if (!valid) throw new InvalidCursorError('the cursor is not one this API issued for this list');
  return key as Record<string, unknown>;
}
