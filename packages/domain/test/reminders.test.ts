import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../src/dates';
import { escalationText, reminderText } from '../src/notices';
import { dueActions, nextWake, stageStatus, timelineEvents, TRACKED_STAGES, zonedInstant, type DoneFacts } from '../src/reminders';
import { NATIONAL_DEFAULTS, resolveSettings } from '../src/settings';
import { computeTimeline } from '../src/timeline';

const E = '2026-11-10';
const TZ = 'Asia/Shanghai';
const timeline = computeTimeline(E, NATIONAL_DEFAULTS);
const events = timelineEvents(timeline, NATIONAL_DEFAULTS, TZ);
const ofStage = (stage: string) => events.filter((e) => e.stage === stage);

describe('zonedInstant: a wall-clock time in the county', () => {
  it.each([
    ['2026-10-14', '09:00', 'Asia/Shanghai', '2026-10-14T01:00:00.000Z'],
    ['2026-10-22', '00:00', 'Asia/Shanghai', '2026-10-21T16:00:00.000Z'],
    ['2026-03-29', '09:00', 'Europe/Berlin', '2026-03-29T07:00:00.000Z'],
    ['2026-01-15', '09:00', 'UTC', '2026-01-15T09:00:00.000Z'],
  ])('%s %s in %s is %s', (date, time, tz, iso) => {
    expect(zonedInstant(date, time, tz).toISOString()).toBe(iso);
  });
  it('refuses a bad zone, date or time', () => {
    expect(() => zonedInstant('2026-10-14', '09:00', 'Mars/Olympus')).toThrow(/time zone/);
    expect(() => zonedInstant('2026-02-30', '09:00', TZ)).toThrow();
    expect(() => zonedInstant('2026-10-14', '9am', TZ)).toThrow();
  });
});

describe('timelineEvents: reminders 7, 3, 1 days before at 09:00 and a check after the deadline day (EL 28: E−20)', () => {
  it('voter-list publication (deadline 2026-10-21): reminders on 10-14, 10-18, 10-20 at 09:00 CST, check at 10-22 00:00 CST', () => {
    expect(ofStage('voterListPublication').map((e) => [e.kind, e.daysBefore, e.at])).toEqual([
      ['reminder', 7, '2026-10-14T01:00:00.000Z'],
      ['reminder', 3, '2026-10-18T01:00:00.000Z'],
      ['reminder', 1, '2026-10-20T01:00:00.000Z'],
      ['deadline', null, '2026-10-21T16:00:00.000Z'],
    ]);
  });
  it('only the township\'s own deadlines: no objections, court, results or runoff events', () => {
    expect(new Set(events.map((e) => e.stage))).toEqual(new Set(['voterListPublication', 'nomineeList', 'candidateList', 'voting']));
    const withPlan = timelineEvents(
      computeTimeline(E, NATIONAL_DEFAULTS, [{ key: 'districtDivision', start: '2026-07-01', end: '2026-07-31' }]),
      NATIONAL_DEFAULTS,
      TZ,
    );
    expect(withPlan.some((e) => e.stage === 'districtDivision' && e.kind === 'deadline' && e.deadline === '2026-07-31')).toBe(true);
  });
  it('the round\'s settings choose the days and the time', () => {
    const s = resolveSettings({ reminderDaysBefore: [2], reminderTime: '17:30' });
    expect(timelineEvents(timeline, s, TZ).filter((e) => e.stage === 'candidateList' && e.kind === 'reminder').map((e) => e.at)).toEqual([
      '2026-11-01T09:30:00.000Z',
    ]);
  });
  it('property: sorted, and every reminder precedes its deadline check', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 5 }), (offset, days) => {
        const e = addDays('2025-01-01', offset);
        const s = resolveSettings({ reminderDaysBefore: days });
        const ev = timelineEvents(computeTimeline(e, s), s, TZ);
        for (let i = 1; i < ev.length; i++) expect(ev[i - 1]!.at <= ev[i]!.at).toBe(true);
        for (const r of ev.filter((x) => x.kind === 'reminder')) {
          const check = ev.find((x) => x.kind === 'deadline' && x.stage === r.stage)!;
          expect(r.at < check.at).toBe(true);
        }
        expect(ev.filter((x) => x.kind === 'reminder').length).toBe(4 * days.length);
      }),
    );
  });
});

describe('nextWake', () => {
  const start = new Date('2026-08-01T00:00:00Z');
  it('the first event from the start, then the next after each handled wake-up', () => {
    expect(nextWake(events, {}, null, start)).toBe('2026-10-14T01:00:00.000Z');
    expect(nextWake(events, {}, '2026-10-14T01:00:00.000Z', start)).toBe('2026-10-18T01:00:00.000Z');
  });
  it('skips the events of a done stage', () => {
    expect(nextWake(events, { voterListPublication: '2026-10-01' }, null, start)).toBe('2026-10-19T01:00:00.000Z'); // nominee list E−15−7
  });
  it('an event already past wakes now (catch-up), and nothing left is null', () => {
    const now = new Date('2026-10-19T12:00:00Z');
    expect(nextWake(events, {}, null, now)).toBe(now.toISOString());
    expect(nextWake(events, {}, events[events.length - 1]!.at, now)).toBeNull();
    const all: DoneFacts = Object.fromEntries(TRACKED_STAGES.map((s) => [s, '2026-06-01']));
    expect(nextWake(events, all, null, start)).toBeNull();
  });
});

describe('dueActions: remind of unmet deadlines, escalate missed ones', () => {
  it('a reminder for an unmet stage; none for a done one', () => {
    const at = '2026-10-14T01:00:00.000Z';
    expect(dueActions(events, {}, '2026-10-13T00:00:00.000Z', at)).toEqual([
      { kind: 'remind', stage: 'voterListPublication', deadline: '2026-10-21', daysBefore: 7, at },
    ]);
    expect(dueActions(events, { voterListPublication: '2026-10-10' }, '2026-10-13T00:00:00.000Z', at)).toEqual([]);
  });
  it('EL 28: the list not published by E−20 is escalated at the end of that day; published on the day it is not', () => {
    const at = '2026-10-21T16:00:00.000Z';
    expect(dueActions(events, {}, '2026-10-20T01:00:00.000Z', at)).toEqual([{ kind: 'escalate', stage: 'voterListPublication', deadline: '2026-10-21', at }]);
    expect(dueActions(events, { voterListPublication: '2026-10-21' }, '2026-10-20T01:00:00.000Z', at)).toEqual([]);
    expect(dueActions(events, { voterListPublication: '2026-10-22' }, '2026-10-20T01:00:00.000Z', at)).toHaveLength(1);
  });
  it('catch-up after a restart: one reminder per stage (the latest), none for a deadline already missed', () => {
    const actions = dueActions(events, {}, null, '2026-10-22T02:00:00.000Z');
    expect(actions).toContainEqual({ kind: 'escalate', stage: 'voterListPublication', deadline: '2026-10-21', at: '2026-10-21T16:00:00.000Z' });
    expect(actions.filter((a) => a.kind === 'remind')).toEqual([
      { kind: 'remind', stage: 'nomineeList', deadline: '2026-10-26', daysBefore: 7, at: '2026-10-19T01:00:00.000Z' },
    ]);
  });
  it('property: never a reminder for a done stage, never two for one stage, escalation only if unmet', () => {
    const stages = ['voterListPublication', 'nomineeList', 'candidateList', 'voting'] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: events.length - 1 }),
        fc.integer({ min: 0, max: events.length - 1 }),
        fc.subarray([...stages]),
        (i, j, doneStages) => {
          const [a, b] = [Math.min(i, j), Math.max(i, j)];
          const done: DoneFacts = Object.fromEntries(doneStages.map((s) => [s, '2026-06-01']));
          const actions = dueActions(events, done, a === 0 ? null : events[a - 1]!.at, events[b]!.at);
          const reminded = actions.filter((x) => x.kind === 'remind').map((x) => x.stage);
          expect(new Set(reminded).size).toBe(reminded.length);
          for (const x of actions) expect(done[x.stage]).toBeUndefined();
        },
      ),
    );
  });
});

describe('stageStatus and the texts', () => {
  const entry = timeline.find((e) => e.stage === 'voterListPublication')!;
  it.each([
    [undefined, '2026-10-01', 'registration', 'not_started'],
    [undefined, '2026-10-01', 'voterListPublication', 'in_progress'],
    ['2026-10-20', '2026-10-25', 'nomineeList', 'done'],
    [undefined, '2026-10-22', 'nomineeList', 'overdue'],
  ] as const)('done %s, today %s, current %s: %s', (doneOn, today, current, status) => {
    expect(stageStatus(entry, doneOn, today, current)).toBe(status);
  });
  it('Chinese texts name the township, the stage, the date and the article', () => {
    expect(reminderText('青山镇', 'voterListPublication', '2026-10-21', 3)).toMatch(/青山镇.*公布选民名单.*2026-10-21.*3天.*EL 28/);
    expect(reminderText('青山镇', 'voting', '2026-11-10', 0)).toContain('今天是截止日');
    expect(escalationText('青山镇', 'voterListPublication', '2026-10-21')).toMatch(/逾期报告.*青山镇.*2026-10-21.*县选举委员会/);
  });
});
