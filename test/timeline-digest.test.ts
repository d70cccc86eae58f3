/**
 * The daily digest (每日汇总) fired by the local scheduler from the one schedule definition, on the
 * simulated clock, and the outbox's deduplication under retries: a retried digest invocation or a
 * retried Act task sends nothing a second time (at-least-once delivery, never twice).
 *
 * Election day 2026-11-10: voter list by 10-21, nominees by 10-26, candidates by 11-03.
 */
import { ElectionStore, townshipScope } from '@township/store';
import { startScheduler, type LocalScheduler } from '@township/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, type ActReport } from '../functions/workflow/act';
import { digest } from '../functions/workflow/digest';
import { startTimelinePlatform, type TimelinePlatform } from './support/timeline-platform';

let p: TimelinePlatform;
let scheduler: LocalScheduler;
const county = '330902';
let early = '';
let late = '';
let roundId = '';

type N = { kind: string; text: string; scheduledAt: string; status: string; concerns: { stage: string; daysBefore: number | null } | null };

async function notifications(path: string, token: string): Promise<N[]> {
  const res = await p.call<{ items: N[] }>('GET', `${path}?limit=200`, token);
  expect(res.status, res.text).toBe(200);
  return res.body.items;
}

beforeAll(async () => {
  p = await startTimelinePlatform('2026-06-01T00:00:00+08:00');
  [early = '', late = ''] = await p.addTownships(county, ['早报镇', '晚办乡']);
  roundId = (await p.openRound(county, '2026-11-10')).id;
  scheduler = startScheduler(p.clock, () => [county], new Date('2026-10-23T00:00:00+08:00'));
});
afterAll(async () => {
  scheduler?.stop();
  await p?.platform.stop();
});

describe('the daily digest at 08:00 China time, from the due index', () => {
  it('sends nothing while no deadline is within a week', async () => {
    await p.advanceTo('2026-10-13T12:00:00+08:00');
    expect(scheduler.fired).toBeGreaterThan(100); // once a day since June
    const own = await notifications(`/townships/${early}/notifications`, await p.admin(county));
    expect(own.filter((n) => n.kind === 'digest')).toEqual([]);
  });

  it('tells each township its upcoming and overdue deadlines, and the county a summary', async () => {
    await p.advanceTo('2026-10-16T10:00:00+08:00');
    const done = await p.call('POST', `/townships/${early}/elections/${roundId}/stages`, await p.officer(county, early), { stage: 'voterListPublication', doneOn: '2026-10-16', note: '已张榜公布' });
    expect(done.status, done.text).toBe(201);
    await p.advanceTo('2026-10-22T09:00:00+08:00');

    const digestOf = async (township: string) =>
      (await notifications(`/townships/${township}/notifications`, await p.officer(county, township))).filter((n) => n.kind === 'digest' && n.scheduledAt === '2026-10-22T00:00:00.000Z');
    const [e] = await digestOf(early);
    expect(e?.text).toMatch(/早报镇（2026-10-22）：近期截止：公布推荐的代表候选人名单（2026-10-26）/);
    expect(e?.text).not.toMatch(/选民名单|已逾期/); // its voter list is published
    const [l] = await digestOf(late);
    expect(l?.text).toMatch(/晚办乡.*近期截止：公布推荐的代表候选人名单（2026-10-26）.*已逾期：公布选民名单.*（2026-10-21，已逾期）/);

    const summary = (await notifications('/county/notifications', await p.admin(county))).filter((n) => n.kind === 'digest');
    expect(summary.find((n) => n.scheduledAt === '2026-10-22T00:00:00.000Z')?.text).toBe('【每日汇总】2026-10-22：2 个乡镇有未完成的截止事项，其中逾期 1 项。');
    // One digest a day, not one per firing attempt.
    expect(new Set(summary.map((n) => n.scheduledAt)).size).toBe(summary.length);
  });

  it('sends nothing twice when the schedule retries the same day', async () => {
    const before = (await notifications(`/townships/${late}/notifications`, await p.admin(county))).length;
    const retry = await digest({ countyIds: [county] });
    expect(retry).toMatchObject({ counties: 1, townships: 2, sent: 0 });
    expect(await notifications(`/townships/${late}/notifications`, await p.admin(county))).toHaveLength(before);
  });
});

describe('a retried Act task', () => {
  it('finds every reminder of its wake-up sent already and sends none again', async () => {
    const store = ElectionStore.fromEnv();
    const execution = await store.executions.get(townshipScope(county, late), roundId);
    expect(execution).toBeDefined();
    const report: ActReport = { sent: 0, duplicates: 0, escalated: [] };
    // The wake-up of the voter list's 7-day reminder (2026-10-14 09:00 China time), run again.
    await act(
      {
        execution: { countyId: county, townshipId: late, roundId, name: execution!.name, datesKey: execution!.datesKey },
        cursor: '2026-10-13T01:00:00.000Z',
        wakeAt: '2026-10-14T01:00:00.000Z',
      },
      undefined,
      report,
    );
    expect(report.sent).toBe(0);
    expect(report.duplicates).toBeGreaterThan(0);
    const reminders = (await notifications(`/townships/${late}/notifications`, await p.admin(county))).filter(
      (n) => n.kind === 'reminder' && n.concerns?.stage === 'voterListPublication' && n.concerns.daysBefore === 7,
    );
    expect(reminders).toHaveLength(1);
  });
});
