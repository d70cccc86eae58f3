/**
 * Moving election day in the middle of the run (issue 3, "moving dates"), on the simulated clock:
 * earlier (a reminder already due for the new date goes out at once) and later (nothing for the
 * stale dates, everything for the new ones). Its own file: the simulated clock only moves forward.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTimelinePlatform, type TimelinePlatform } from './support/timeline-platform';

let p: TimelinePlatform;

beforeAll(async () => {
  p = await startTimelinePlatform('2026-06-01T00:00:00+08:00');
});
afterAll(async () => {
  await p?.platform.stop();
});

type N = { kind: string; concerns: { stage: string; deadline: string; daysBefore: number | null } | null; sentAt: string | null };

async function notifications(path: string, token: string): Promise<N[]> {
  const res = await p.call<{ items: N[] }>('GET', `${path}?limit=200`, token);
  expect(res.status).toBe(200);
  return res.body.items;
}
const summary = (ns: N[]) => ns.map((n) => `${n.kind} ${n.concerns?.stage} ${n.concerns?.deadline} ${n.concerns?.daysBefore ?? '-'}`).sort();

describe('moving election day in the middle of the run', () => {
  const county = '330902';
  let township: string;
  let round: { id: string; version: number };

  beforeAll(async () => {
    [township = ''] = await p.addTownships(county, ['移期镇']);
    round = await p.openRound(county, '2026-11-10');
  });

  const move = async (electionDay: string) => {
    const res = await p.call('PATCH', `/county/rounds/${round.id}`, await p.admin(county), { electionDay }, { 'if-match': `"${round.version}"` });
    expect(res.status, res.text).toBe(200);
    round = { id: round.id, version: res.body.version };
  };
  const timeline = async () => (await p.call('GET', `/townships/${township}/elections/${round.id}/timeline`, await p.admin(county))).body;

  it('earlier: the execution is on the new dates at once; the reminder already due for the new date goes out now', async () => {
    await p.advanceTo('2026-10-10T12:00:00+08:00');
    await move('2026-11-05'); // voter list by 10-16: its 7-day reminder (10-09) is already past
    const view = await timeline();
    expect(view.execution).toMatchObject({ current: true, status: 'running', name: expect.stringContaining('-v2') });
    await p.advanceTo('2026-10-10T12:00:01+08:00');
    const ns = await notifications(`/townships/${township}/notifications`, await p.admin(county));
    expect(summary(ns)).toEqual(['reminder voterListPublication 2026-10-16 7']);
    expect((await timeline()).execution.nextWakeAt).toBe('2026-10-13T01:00:00.000Z'); // the 3-day reminder of the new date
  });

  it('later: no reminder or escalation for the stale dates, every one for the new dates', async () => {
    await p.advanceTo('2026-10-15T12:00:00+08:00');
    await move('2026-11-20'); // voter list by 10-31
    await p.clock.runToEnd();
    const ns = await notifications(`/townships/${township}/notifications`, await p.admin(county));
    const byDeadline = (d: string) => summary(ns.filter((n) => n.concerns?.stage === 'voterListPublication' && n.concerns.deadline === d));
    expect(byDeadline('2026-10-21')).toEqual([]); // the original date: never reminded after the first move
    // While E was 11-05 the nominee list was due 10-21: its 7-day reminder (10-14) went out, nothing after the second move.
    expect(summary(ns.filter((n) => n.concerns?.stage === 'nomineeList' && n.concerns.deadline === '2026-10-21'))).toEqual(['reminder nomineeList 2026-10-21 7']);
    // The interim date: its reminders up to the move (10-15 12:00), and no escalation at 10-17 00:00.
    expect(byDeadline('2026-10-16')).toEqual([
      'reminder voterListPublication 2026-10-16 1',
      'reminder voterListPublication 2026-10-16 3',
      'reminder voterListPublication 2026-10-16 7',
    ]);
    expect(byDeadline('2026-10-31')).toEqual([
      'overdue voterListPublication 2026-10-31 -',
      'reminder voterListPublication 2026-10-31 1',
      'reminder voterListPublication 2026-10-31 3',
      'reminder voterListPublication 2026-10-31 7',
    ]);
    const escalations = (await notifications('/county/notifications', await p.admin(county))).filter((n) => n.kind === 'escalation');
    expect(escalations.map((n) => `${n.concerns?.stage} ${n.concerns?.deadline} ${n.sentAt}`).sort()).toEqual([
      'candidateList 2026-11-13 2026-11-13T16:00:00.000Z',
      'nomineeList 2026-11-05 2026-11-05T16:00:00.000Z',
      'voterListPublication 2026-10-31 2026-10-31T16:00:00.000Z',
      'voting 2026-11-20 2026-11-20T16:00:00.000Z',
    ]);
    expect((await timeline()).execution).toMatchObject({ name: expect.stringContaining('-v3'), status: 'succeeded', current: true });
  });

  it('the runner never failed an execution and stopped the two superseded ones', () => {
    expect(p.platform.workflow.runner.errors).toEqual([]);
    expect(p.platform.workflow.runner.stats.stopped).toBe(2);
  });
});
