import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../src/dates';
import { validatePhases } from '../src/phases';
import type { Phase } from '../src/phases';
import { NATIONAL_DEFAULTS, resolveSettings } from '../src/settings';

const E = '2026-11-10'; // voter list due 2026-10-21 (E−20, EL 28)
const plan: Phase[] = [
  { key: 'preparation', start: '2026-06-01', end: '2026-06-30' },
  { key: 'districtDivision', start: '2026-06-15', end: '2026-07-31' },
  { key: 'registration', start: '2026-08-01', end: '2026-10-21' },
];
const withPhase = (i: number, patch: Partial<Phase>): Phase[] => plan.map((p, j) => (j === i ? { ...p, ...patch } : p));
const fields = (phases: ReadonlyArray<Phase>, e = E, settings = NATIONAL_DEFAULTS): string[] =>
  validatePhases(phases, e, settings).map((p) => p.field);

describe('implementation plan (实施方案) — phases set by the county', () => {
  it('accepts a plan whose phases overlap but keep their order', () => {
    expect(validatePhases(plan, E, NATIONAL_DEFAULTS)).toEqual([]);
  });

  it('accepts any subset in order, and no phases at all', () => {
    expect(fields([plan[0]!, plan[2]!])).toEqual([]);
    expect(fields([plan[2]!])).toEqual([]);
    expect(fields([])).toEqual([]);
  });

  it.each<[string, Phase[], string[]]>([
    ['a date that does not exist', withPhase(0, { start: '2026-02-30' }), ['phases.0.start']],
    ['a malformed end', withPhase(1, { end: '31/07/2026' }), ['phases.1.end']],
    ['a phase that ends before it starts', withPhase(0, { start: '2026-07-01' }), ['phases.0.end', 'phases.1.start']],
    ['a repeated phase', [plan[0]!, plan[0]!], ['phases.1.key']],
    ['phases out of order', [plan[2]!, plan[0]!], ['phases.1.key', 'phases.1.start', 'phases.1.end']],
    ['an unknown phase', [{ key: 'campaign' as never, start: '2026-06-01', end: '2026-06-02' }], ['phases.0.key']],
    ['a phase starting before the previous one starts', withPhase(1, { start: '2026-05-31' }), ['phases.1.start']],
    ['a phase ending before the previous one ends', withPhase(1, { end: '2026-06-29' }), ['phases.1.end']],
  ])('reports %s', (_name, phases, expected) => {
    expect(fields(phases)).toEqual(expected);
  });

  it('every message says what is wrong', () => {
    for (const p of validatePhases(withPhase(0, { start: '2026-07-01' }), E, NATIONAL_DEFAULTS)) {
      expect(p.message.length).toBeGreaterThan(10);
    }
  });

  it('reports a bad election day', () => {
    expect(fields(plan, '2026-11-31')).toEqual(['electionDay']);
  });
});

describe('EL 28; ZJ 33 — the plan must fit the law: registration ends by the voter-list deadline E−20, all before E', () => {
  it.each<[string, Phase[], string[]]>([
    ['registration ending on the publication deadline (E−20)', withPhase(2, { end: '2026-10-21' }), []],
    ['registration ending a day after it', withPhase(2, { end: '2026-10-22' }), ['phases.2.end']],
    ['registration ending on election day', withPhase(2, { end: E }), ['phases.2.end']],
    ['preparation ending on election day', [{ key: 'preparation', start: '2026-06-01', end: E }], ['phases.0.end']],
    ['district division ending after election day', [{ key: 'districtDivision', start: '2026-06-01', end: '2026-11-11' }], ['phases.0.end']],
    ['district division ending the day before election day', [{ key: 'districtDivision', start: '2026-06-01', end: '2026-11-09' }], []],
  ])('%s', (_name, phases, expected) => {
    expect(fields(phases)).toEqual(expected);
  });

  it('follows a provincial setting (list 25 days before E → registration by 10-16)', () => {
    const settings = resolveSettings({ voterListDaysBefore: 25 });
    expect(fields(withPhase(2, { end: '2026-10-16' }), E, settings)).toEqual([]);
    expect(fields(withPhase(2, { end: '2026-10-17' }), E, settings)).toEqual(['phases.2.end']);
    expect(validatePhases(withPhase(2, { end: '2026-10-17' }), E, settings)[0]?.message).toContain('2026-10-16');
  });

  it('property: a plan built in order and ending by E − voterListDaysBefore is valid; one day later is not', () => {
    const E0 = '2020-01-01';
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 60 }),
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 0, max: 30 }),
        (eOffset, listDays, [a = 0, b = 0, c = 0, d = 0, f = 0], slack) => {
          const e = addDays(E0, eOffset + 400);
          const settings = resolveSettings({ voterListDaysBefore: listDays, nomineeListDaysBefore: 0, candidateListDaysBefore: 0 });
          // Offsets from an anchor: starts s1 ≤ s2 ≤ s3, ends e1 ≤ e2 ≤ e3 and each start ≤ its end.
          const s1 = 0, s2 = s1 + a, s3 = s2 + b;
          const e1 = s1 + c, e2 = Math.max(e1, s2) + d, e3 = Math.max(e2, s3) + f;
          const lastAllowed = addDays(e, -Math.max(listDays, 1));
          const anchor = addDays(lastAllowed, -(e3 + slack));
          const at = (n: number): string => addDays(anchor, n);
          const phases: Phase[] = [
            { key: 'preparation', start: at(s1), end: at(e1) },
            { key: 'districtDivision', start: at(s2), end: at(e2) },
            { key: 'registration', start: at(s3), end: at(e3) },
          ];
          expect(validatePhases(phases, e, settings)).toEqual([]);
          if (slack === 0) {
            const late = phases.map((p) => (p.key === 'registration' ? { ...p, end: addDays(p.end, 1) } : p));
            expect(validatePhases(late, e, settings).map((p) => p.field)).toEqual(['phases.2.end']);
          }
        },
      ),
    );
  });
});
