/**
 * The audit trail (审计记录): one hash chain per tenant. Each event names who did what, when, and
 * carries digests of the item before and after; its hash covers its content and the previous
 * event's hash, and the chain's head (last seq and hash) is written in the same transaction as
 * the change it records. Altering an event breaks its hash, deleting one breaks the sequence or
 * the link, and deleting the last one disagrees with the head.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);

export interface Actor {
  sub: string;
  name: string;
  role: string;
}

export interface AuditEvent {
  seq: number;
  at: string;
  actor: Actor;
  requestId: string;
  action: string;
  target: string;
  beforeDigest: string | null;
  afterDigest: string | null;
  summary: string;
  prevHash: string;
  hash: string;
}

export type UnhashedEvent = Omit<AuditEvent, 'hash'>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Digest of an item's content (RFC 8785 canonical JSON), or null for "did not exist". */
export function digest(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return sha256(canonicalize(value) ?? 'null');
}

export function hashEvent(event: UnhashedEvent): string {
  return sha256(canonicalize(event) ?? '');
}

export interface ChainProblem {
  seq: number;
  problem: string;
}

export interface ChainVerification {
  valid: boolean;
  events: number;
  headSeq: number;
  problems: ChainProblem[];
}

/** Checks a whole chain, events in ascending seq, against its head. */
export function verifyChain(
  events: readonly AuditEvent[],
  head: { seq: number; hash: string } | undefined,
): ChainVerification {
  const problems: ChainProblem[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (const event of events) {
    if (event.seq !== expectedSeq) {
      problems.push({ seq: expectedSeq, problem: `event ${expectedSeq} is missing (next present is ${event.seq})` });
    }
    if (event.prevHash !== prevHash) {
      problems.push({ seq: event.seq, problem: 'does not link to the previous event' });
    }
    const { hash, ...rest } = event;
    if (hashEvent(rest) !== hash) {
      problems.push({ seq: event.seq, problem: 'content does not match its hash (altered)' });
    }
    prevHash = hash;
    expectedSeq = event.seq + 1;
  }
  const headSeq = head?.seq ?? 0;
  const lastSeq = events.at(-1)?.seq ?? 0;
  if (headSeq !== lastSeq) {
    problems.push({ seq: headSeq, problem: `the chain head says ${headSeq} events but the last present is ${lastSeq}` });
  } else if (head && head.hash !== prevHash) {
    problems.push({ seq: headSeq, problem: 'the last event does not match the chain head' });
  }
  return { valid: problems.length === 0, events: events.length, headSeq, problems };
}
