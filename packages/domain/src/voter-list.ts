/**
 * The published voter list (选民名单公布, EL 28) as a frozen version: the district's registered
 * voters in stroke order of surname, cut into pages, each voter with a voter certificate number
 * (选民证编号) kept from version to version; a later publication is a supplement (补充公布)
 * whose changes since the previous version — added, removed (with the reason), corrected, moved
 * between districts — are computed here (DOMAIN.md "Validation": changes after publication are
 * logged and re-published). Objections (申诉, EL 29): what a decision may change.
 */
import { compareByStrokeOrder } from './stroke-order';

/** One voter as frozen in a published version: what the notice and the certificate print. */
export interface FrozenVoter {
  id: string;
  name: string;
  sex: 'male' | 'female';
  maskedId: string;
  /** 选民证 number within the district: stable across versions. */
  certificate: number;
}

/** Voters per page item: ~120 bytes each, so a page stays far below DynamoDB's 400 KB item limit. */
export const VOTERS_PER_PAGE = 500;

/** Cuts a list into pages of at most `size`. An empty list has no page. */
export function pages<T>(items: readonly T[], size = VOTERS_PER_PAGE): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('page size must be a positive integer');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Orders the district's voters by stroke order of surname (ties by id, so that the order is total)
 * and gives each a certificate number: the one of the previous version if it had one, else the
 * next after the highest number ever given in the district (`highest`, kept with the versions),
 * in stroke order. Numbers are never reused.
 */
export function freezeDistrict(
  voters: ReadonlyArray<Omit<FrozenVoter, 'certificate'>>,
  previous: ReadonlyMap<string, number>,
  highest: number,
): { voters: FrozenVoter[]; highest: number } {
  const sorted = [...voters].sort((a, b) => compareByStrokeOrder(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let next = highest;
  const out = sorted.map((v) => {
    const kept = previous.get(v.id);
    return { ...v, certificate: kept ?? ++next };
  });
  return { voters: out, highest: next };
}

/** `d1-00042`: the district and the number, as printed on the certificate. */
export const certificateNumber = (districtId: string, n: number) => `${districtId}-${String(n).padStart(5, '0')}`;

export type ListChange =
  | { kind: 'added'; districtId: string; voter: FrozenVoter }
  | { kind: 'removed'; districtId: string; voter: FrozenVoter; reason: string }
  | { kind: 'moved'; districtId: string; fromDistrictId: string; voter: FrozenVoter }
  | { kind: 'corrected'; districtId: string; voter: FrozenVoter; before: FrozenVoter };

/**
 * The changes from one published version of the township's lists to the next (the supplement,
 * 补充公布). `reasonOf(id)` names why a voter left the list (their status now), or undefined
 * when they are no longer on the roll at all.
 */
export function listChanges(
  previous: ReadonlyMap<string, readonly FrozenVoter[]>,
  current: ReadonlyMap<string, readonly FrozenVoter[]>,
  reasonOf: (voterId: string) => string | undefined,
): ListChange[] {
  const before = new Map<string, { districtId: string; voter: FrozenVoter }>();
  for (const [districtId, voters] of previous) for (const voter of voters) before.set(voter.id, { districtId, voter });
  const after = new Map<string, { districtId: string; voter: FrozenVoter }>();
  for (const [districtId, voters] of current) for (const voter of voters) after.set(voter.id, { districtId, voter });
  const changes: ListChange[] = [];
  for (const [id, now] of after) {
    const was = before.get(id);
    if (!was) changes.push({ kind: 'added', districtId: now.districtId, voter: now.voter });
    else if (was.districtId !== now.districtId) changes.push({ kind: 'moved', districtId: now.districtId, fromDistrictId: was.districtId, voter: now.voter });
    else if (was.voter.name !== now.voter.name || was.voter.sex !== now.voter.sex || was.voter.maskedId !== now.voter.maskedId) {
      changes.push({ kind: 'corrected', districtId: now.districtId, voter: now.voter, before: was.voter });
    }
  }
  for (const [id, was] of before) {
    if (!after.has(id)) changes.push({ kind: 'removed', districtId: was.districtId, voter: was.voter, reason: reasonOf(id) ?? 'removed' });
  }
  return changes;
}

/** 申诉的类别: someone left off (漏登), someone who should not be on it (错登), wrong particulars. */
export const OBJECTION_KINDS = ['omitted', 'wrongly_listed', 'wrong_particulars', 'other'] as const;
export type ObjectionKind = (typeof OBJECTION_KINDS)[number];

export type ObjectionChangeKind = 'add' | 'status' | 'none';

/**
 * Whether a decision is coherent: an upheld objection about someone left off adds them; one about
 * someone wrongly listed changes their status; a rejected one changes nothing. Returns the
 * problems (empty when it is fine).
 */
export function checkObjectionDecision(kind: ObjectionKind, upheld: boolean, change: ObjectionChangeKind): string[] {
  if (!upheld) return change === 'none' ? [] : ['驳回申诉时不改变选民名单'];
  if (kind === 'omitted' && change !== 'add') return ['漏登申诉成立：应补登该选民'];
  if (kind === 'wrongly_listed' && change !== 'status') return ['错登申诉成立：应变更该选民的登记状态'];
  return [];
}
