import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates } from '../src/dates';
import { DomainError } from '../src/errors';
import type { Phase } from '../src/phases';
import { NATIONAL_DEFAULTS, resolveSettings } from '../src/settings';
import { STAGE_ORDER } from '../src/stages';
import type { StageKey } from '../src/stages';
import { computeTimeline, currentStage } from '../src/timeline';
import type { TimelineEntry } from '../src/timeline';

const E = '2026-11-10';
const plan: Phase[] = [
  { key: 'preparation', start: '2026-06-01', end: '2026-06-30' },
  { key: 'districtDivision', start: '2026-06-15', end: '2026-07-31' },
  { key: 'registration', start: '2026-08-01', end: '2026-10-15' },
];
const byStage = (t: TimelineEntry[]): Partial<Record<StageKey, TimelineEntry>> => Object.fromEntries(t.map((e) => [e.stage, e]));

describe('EL 28, 29, 32, 34, 46 — the timeline from election day (published case E = 2026-11-10)', () => {
  const timeline = computeTimeline(E, NATIONAL_DEFAULTS);

  it.each<[StageKey, string | null, string | null, string, string]>([
    ['voterListPublication', null, '2026-10-21', 'E−20', 'EL 28; ZJ 33'],
    ['objections', null, '2026-10-26', 'publication + 5', 'EL 29'],
    ['objectionDecisions', null, '2026-10-29', 'objection + 3', 'EL 29'],
    ['nomineeList', null, '2026-10-26', 'E−15', 'EL 32'],
    ['candidateList', null, '2026-11-03', 'E−7', 'EL 32'],
    ['courtDecisions', null, '2026-11-05', 'E−5', 'EL 29'],
    ['voting', '2026-11-10', '2026-11-10', 'E', 'EL 11; EL 34'],
    ['results', '2026-11-10', null, 'after E', 'EL 46'],
    ['runoff', '2026-11-11', '2026-11-25', 'E + 15', 'EL 45; ZJ 49 (date: setting)'],
  ])('%s: opens %s, deadline %s (%s, %s)', (stage, opens, deadline, rule, article) => {
    expect(byStage(timeline)[stage]).toMatchObject({ stage, opens, deadline, rule, article });
  });

  it('every entry has Chinese and English titles', () => {
    expect(byStage(timeline).voterListPublication?.titleZh).toContain('选民名单');
    expect(byStage(timeline).candidateList?.titleZh).toContain('正式代表候选人');
    for (const e of timeline) {
      expect(e.titleZh).not.toBe('');
      expect(e.title).not.toBe('');
    }
  });

  it('is sorted by deadline, ties in stage order, no deadline last', () => {
    expect(timeline.map((e) => e.stage)).toEqual([
      'voterListPublication',
      'objections',
      'nomineeList',
      'objectionDecisions',
      'candidateList',
      'courtDecisions',
      'voting',
      'runoff',
      'results',
    ]);
  });

  it('has no late registration under the national rules', () => {
    expect(byStage(timeline).lateRegistration).toBeUndefined();
  });

  it('ZJ 29: Zhejiang late registration by E−12', () => {
    const zj = computeTimeline(E, resolveSettings({ lateRegistrationDaysBefore: 12 }));
    expect(byStage(zj).lateRegistration).toMatchObject({ opens: null, deadline: '2026-10-29', rule: 'E−12', article: 'ZJ 29' });
  });

  it('settings change the figures and the rules shown', () => {
    const t = byStage(computeTimeline(E, resolveSettings({ voterListDaysBefore: 25, objectionFilingDays: 7, runoffWithinDays: 30 })));
    expect(t.voterListPublication).toMatchObject({ deadline: '2026-10-16', rule: 'E−25' });
    expect(t.objections).toMatchObject({ deadline: '2026-10-23', rule: 'publication + 7' });
    expect(t.objectionDecisions?.deadline).toBe('2026-10-26');
    expect(t.runoff).toMatchObject({ deadline: '2026-12-10', rule: 'E + 30' });
  });
});

describe('implementation plan (实施方案) — phases in the timeline', () => {
  it('the phases open on their start and are due on their end', () => {
    const t = computeTimeline(E, NATIONAL_DEFAULTS, plan);
    expect(t.slice(0, 3)).toEqual([
      { stage: 'preparation', titleZh: '准备和培训', title: 'Preparation and training', opens: '2026-06-01', deadline: '2026-06-30', rule: 'phase end', article: 'implementation plan' },
      expect.objectContaining({ stage: 'districtDivision', opens: '2026-06-15', deadline: '2026-07-31', rule: 'phase end' }),
      expect.objectContaining({ stage: 'registration', opens: '2026-08-01', deadline: '2026-10-15', article: 'implementation plan' }),
    ]);
    expect(t).toHaveLength(12);
  });

  it('rejects an election day or a phase date that is not a date, and a repeated phase', () => {
    expect(() => computeTimeline('2026-11-31', NATIONAL_DEFAULTS)).toThrow(expect.objectContaining({ code: 'INVALID_DATE', field: 'electionDay' }));
    expect(() => computeTimeline(E, NATIONAL_DEFAULTS, [{ key: 'registration', start: '2026-08-01', end: '2026-10-32' }])).toThrow(
      expect.objectContaining({ code: 'INVALID_PHASES', field: 'phases.0.end' }),
    );
    expect(() => computeTimeline(E, NATIONAL_DEFAULTS, [plan[0]!, plan[0]!])).toThrow(expect.objectContaining({ field: 'phases.1.key' }));
  });
});

describe('currentStage — where a round stands on a given day', () => {
  const timeline = computeTimeline(E, resolveSettings({ lateRegistrationDaysBefore: 12 }), plan);

  it.each<[string, StageKey]>([
    ['2026-01-01', 'preparation'], // before everything: the first stage
    ['2026-06-30', 'preparation'], // a deadline day belongs to its stage
    ['2026-07-01', 'districtDivision'],
    ['2026-08-01', 'registration'],
    ['2026-10-16', 'voterListPublication'], // EL 28
    ['2026-10-21', 'voterListPublication'],
    ['2026-10-22', 'objections'], // EL 29
    ['2026-10-26', 'objections'],
    ['2026-10-27', 'objectionDecisions'],
    ['2026-10-30', 'candidateList'], // EL 32
    ['2026-11-04', 'courtDecisions'], // EL 29
    ['2026-11-06', 'voting'],
    ['2026-11-10', 'voting'], // EL 34
    ['2026-11-11', 'results'], // EL 46: after E, open-ended; a runoff (EL 45) only if a tally calls for it
    ['2026-11-25', 'results'],
    ['2026-11-26', 'results'],
    ['2030-01-01', 'results'],
  ])('%s → %s', (today, stage) => {
    expect(currentStage(timeline, today)).toBe(stage);
  });

  it('without phases, before everything is the voter-list stage', () => {
    expect(currentStage(computeTimeline(E, NATIONAL_DEFAULTS), '2026-01-01')).toBe('voterListPublication');
  });

  it('does not depend on the order of the entries given', () => {
    const shuffled = [...timeline].reverse();
    expect(currentStage(shuffled, '2026-10-27')).toBe('objectionDecisions');
  });

  it('when nothing matches, the last stage', () => {
    const only: TimelineEntry[] = [{ stage: 'voting', titleZh: '投票选举', title: 'Voting', opens: E, deadline: E, rule: 'E', article: 'EL 34' }];
    expect(currentStage(only, '2027-01-01')).toBe('voting');
  });

  it('rejects an empty timeline and a bad date', () => {
    expect(() => currentStage([], E)).toThrow(DomainError);
    expect(() => currentStage(timeline, '2026-02-30')).toThrow(expect.objectContaining({ field: 'today' }));
  });
});

describe('EL 28, 32, 34 — properties of the timeline', () => {
  const electionDay = fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const settings = fc
    .record({
      candidate: fc.integer({ min: 0, max: 30 }),
      nomineeGap: fc.integer({ min: 0, max: 30 }),
      listGap: fc.integer({ min: 0, max: 30 }),
      court: fc.integer({ min: 0, max: 30 }),
      filing: fc.integer({ min: 1, max: 10 }),
      decision: fc.integer({ min: 1, max: 10 }),
      late: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
      runoff: fc.integer({ min: 1, max: 60 }),
    })
    .map((s) =>
      resolveSettings({
        candidateListDaysBefore: s.candidate,
        nomineeListDaysBefore: s.candidate + s.nomineeGap,
        voterListDaysBefore: s.candidate + s.nomineeGap + s.listGap,
        courtDeadlineDaysBefore: s.court,
        objectionFilingDays: s.filing,
        objectionDecisionDays: s.decision,
        lateRegistrationDaysBefore: s.late,
        runoffWithinDays: s.runoff,
      }),
    );

  it('voter list ≤ nominee list ≤ candidate list ≤ E = voting < runoff', () => {
    fc.assert(
      fc.property(electionDay, settings, (e, s) => {
        const t = byStage(computeTimeline(e, s));
        const d = (k: StageKey): string => t[k]?.deadline ?? 'missing';
        expect(compareDates(d('voterListPublication'), d('nomineeList'))).toBeLessThanOrEqual(0);
        expect(compareDates(d('nomineeList'), d('candidateList'))).toBeLessThanOrEqual(0);
        expect(compareDates(d('candidateList'), e)).toBeLessThanOrEqual(0);
        expect(d('voting')).toBe(e);
        expect(compareDates(d('runoff'), e)).toBeGreaterThan(0);
        expect(compareDates(d('voterListPublication'), d('objections'))).toBeLessThan(0);
        expect(compareDates(d('objections'), d('objectionDecisions'))).toBeLessThan(0);
        expect(t.lateRegistration === undefined).toBe(s.lateRegistrationDaysBefore === null);
      }),
    );
  });

  it('is sorted: deadlines never decrease, entries without a deadline last', () => {
    fc.assert(
      fc.property(electionDay, settings, (e, s) => {
        const t = computeTimeline(e, s);
        const dated = t.filter((x) => x.deadline !== null);
        expect(t.slice(0, dated.length)).toEqual(dated);
        for (let i = 1; i < dated.length; i++) {
          const prev = dated[i - 1]!;
          const cur = dated[i]!;
          const cmp = compareDates(prev.deadline!, cur.deadline!);
          expect(cmp).toBeLessThanOrEqual(0);
          if (cmp === 0) expect(STAGE_ORDER.indexOf(prev.stage)).toBeLessThan(STAGE_ORDER.indexOf(cur.stage));
        }
      }),
    );
  });

  it('moving E by n days moves every E-relative date by n', () => {
    fc.assert(
      fc.property(electionDay, settings, fc.integer({ min: -3650, max: 3650 }), (e, s, n) => {
        const before = computeTimeline(e, s);
        const after = computeTimeline(addDays(e, n), s);
        expect(after.map((x) => x.stage)).toEqual(before.map((x) => x.stage));
        after.forEach((x, i) => {
          const y = before[i]!;
          expect(x.deadline).toBe(y.deadline === null ? null : addDays(y.deadline, n));
          expect(x.opens).toBe(y.opens === null ? null : addDays(y.opens, n));
          expect(x.rule).toBe(y.rule);
        });
      }),
    );
  });

  it('the current stage never moves backwards as the days pass', () => {
    fc.assert(
      fc.property(electionDay, settings, fc.integer({ min: -100, max: 100 }), fc.integer({ min: 0, max: 100 }), (e, s, a, step) => {
        const t = computeTimeline(e, s);
        const position = (day: string): number => t.findIndex((x) => x.stage === currentStage(t, day));
        expect(position(addDays(e, a + step))).toBeGreaterThanOrEqual(position(addDays(e, a)));
      }),
    );
  });
});
