import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approvalWaitSeconds, awaitingApproval, effectiveDone, type StageFact } from '../src/approvals';

const fact = (stage: StageFact['stage'], doneOn: string, late = false, approval?: { approved: boolean }): StageFact => ({ stage, doneOn, late, ...(approval ? { approval } : {}) });

describe('county approval of the division (EL 25) and of late completion', () => {
  it('waits for a submitted division, counting it done on its submission date meanwhile', () => {
    const division = { status: 'submitted' as const, submittedOn: '2026-07-20' };
    expect(awaitingApproval([], division)).toEqual([{ stage: 'districtDivision', kind: 'division' }]);
    expect(effectiveDone([], division)).toEqual({ districtDivision: '2026-07-20' });
  });

  it('waits no more once the county approved it (the stage fact is recorded), and reminds again once it was returned', () => {
    expect(awaitingApproval([fact('districtDivision', '2026-07-20')], { status: 'approved' })).toEqual([]);
    expect(awaitingApproval([], { status: 'returned' })).toEqual([]);
    expect(effectiveDone([], { status: 'returned' })).toEqual({});
  });

  it('waits for the decision on a stage done after its deadline, which is not reminded again meanwhile', () => {
    const late = fact('voterListPublication', '2026-10-23', true);
    expect(awaitingApproval([late])).toEqual([{ stage: 'voterListPublication', kind: 'lateCompletion' }]);
    expect(effectiveDone([late])).toEqual({ voterListPublication: '2026-10-23' });
  });

  it('lets an approved late completion stand, and undoes a refused one', () => {
    expect(awaitingApproval([fact('nomineeList', '2026-10-28', true, { approved: true })])).toEqual([]);
    expect(effectiveDone([fact('nomineeList', '2026-10-28', true, { approved: true })])).toEqual({ nomineeList: '2026-10-28' });
    expect(effectiveDone([fact('nomineeList', '2026-10-28', true, { approved: false })])).toEqual({});
    expect(awaitingApproval([fact('nomineeList', '2026-10-28', true, { approved: false })])).toEqual([]);
  });

  it('waits until the next wake-up, in whole seconds, capped; not at all when the wake-up is due or none is left', () => {
    const now = new Date('2026-10-22T00:00:00Z');
    const a = [{ stage: 'voterListPublication' as const, kind: 'lateCompletion' as const }];
    expect(approvalWaitSeconds(a, '2026-10-22T01:00:00.000Z', now)).toBe(3600);
    expect(approvalWaitSeconds(a, '2026-12-22T01:00:00.000Z', now)).toBe(1_000_000);
    expect(approvalWaitSeconds(a, null, now)).toBeNull(); // the timeline is over: the execution ends
    expect(approvalWaitSeconds(a, '2026-10-22T00:00:00.500Z', now)).toBeNull();
    expect(approvalWaitSeconds([], '2026-10-23T00:00:00.000Z', now)).toBeNull();
  });

  it('never waits past the next wake-up (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 10 }), fc.integer({ min: -(10 ** 6), max: 10 ** 10 }), (t, delta) => {
        const now = new Date(Date.UTC(2026, 0, 1) + t);
        const wakeAt = new Date(now.getTime() + delta).toISOString();
        const s = approvalWaitSeconds([{ stage: 'voting', kind: 'lateCompletion' }], wakeAt, now);
        if (s !== null) expect(now.getTime() + s * 1000).toBeLessThanOrEqual(Date.parse(wakeAt));
        else expect(delta).toBeLessThan(1000);
      }),
    );
  });
});
