/**
 * The person key: a keyed hash (HMAC-SHA256) of the resident ID within the county, so that the
 * county-wide uniqueness record can be found from an ID without the ID being stored or
 * readable in any key (DESIGN.md: personal data never in clear where a keyed hash will do).
 * Without the secret the key cannot be recomputed from a guessed ID: the 18-digit ID space is
 * small enough that a plain hash would be reversible.
 *
 * The secret comes from `PERSON_KEY_SECRET` (hex, at least 32 bytes): in AWS from a secret the
 * functions read at start; locally the platform generates one under `.data/`.
 */
import { createHmac } from 'node:crypto';

let cached: Buffer | undefined;

function secret(): Buffer {
  if (cached) return cached;
  const hex = process.env.PERSON_KEY_SECRET ?? '';
  if (!/^[0-9a-f]{64,}$/i.test(hex)) throw new Error('PERSON_KEY_SECRET is not set (hex, 32 bytes or more)');
  cached = Buffer.from(hex, 'hex');
  return cached;
}

export function personKeyOf(countyId: string, residentId: string): string {
  return createHmac('sha256', secret()).update(`${countyId}|${residentId}`).digest('hex');
}

/** The voter's id: derived from the person key, so a re-run registers the same item again. */
export const voterIdOf = (personKey: string) => personKey.slice(0, 24);
