/**
 * The timeline end to end on the simulated clock (issue 3): rounds opened and moved through the
 * API, executions of the one ASL definition run by the local runner on the real task handlers,
 * notifications read back through the API. Election day 2026-11-10 (the published case): voter
 * list by 10-21 (EL 28), nominees by 10-26 and candidates by 11-03 (EL 32); reminders 7, 3 and 1
 * days before at 09:00 China time (01:00Z); a missed deadline escalated at 00:00 the next day.
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

type N = { kind: string; concerns: { stage: string; deadline: string; daysBefore: number | null } | null; scheduledAt: string; sentAt: string | null; text: string; status: string };

async function notifications(path: string, token: string): Promise<N[]> {
  const res = await p.call<{ items: N[] }>('GET', `${path}?limit=200`, token);
  expect(res.status).toBe(200);
  return res.body.items;
}
const summary = (ns: N[]) => ns.map((n) => `${n.kind} ${n.concerns?.stage} ${n.concerns?.deadline} ${n.concerns?.daysBefore ?? '-'}`).sort();

describe('a round unfolding: one township meets every deadline, one misses the voter list', () => {
  const county = '330901';
  let diligent: string;
  let late: string;
  let roundId: string;

  beforeAll(async () => {
    [diligent = '', late = ''] = await p.addTownships(county, ['守时镇', '迟延乡']);
    roundId = (await p.openRound(county, '2026-11-10')).id;
  });

  const record = async (township: string, stage: string, doneOn: string) => {
    const res = await p.call('POST', `/townships/${township}/elections/${roundId}/stages`, await p.officer(county, township), { stage, doneOn, note: '已按期完成' });
    expect(res.status, res.text).toBe(201);
  };

  it('starts one execution per township when the round opens, waiting for the first reminder', async () => {
    const res = await p.call('GET', `/townships/${diligent}/elections/${roundId}/timeline`, await p.admin(county));
    expect(res.status, res.text).toBe(200);
    expect(res.body.execution).toMatchObject({ status: 'running', current: true, nextWakeAt: '2026-10-14T01:00:00.000Z' });
    expect(res.body.stages.map((s: { stage: string; deadline: string }) => `${s.stage} ${s.deadline}`)).toEqual([
      'voterListPublication 2026-10-21',
      'nomineeList 2026-10-26',
      'candidateList 2026-11-03',
      'voting 2026-11-10',
    ]);
  });

  it('sends nothing before the first reminder, then the 7-day reminder at 09:00 China time', async () => {
    await p.advanceTo('2026-10-14T08:59:00+08:00');
    expect(await notifications(`/townships/${diligent}/notifications`, await p.admin(county))).toEqual([]);
    await p.advanceTo('2026-10-14T09:00:00+08:00');
    const ns = await notifications(`/townships/${diligent}/notifications`, await p.admin(county));
    expect(summary(ns)).toEqual(['reminder voterListPublication 2026-10-21 7']);
    expect(ns[0]).toMatchObject({ status: 'sent', sentAt: '2026-10-14T01:00:00.000Z' });
    expect(ns[0]!.text).toMatch(/守时镇.*公布选民名单.*2026-10-21.*7天/);
  });

  it('the diligent township gets only the reminders of deadlines it has not met, and no escalation', async () => {
    await p.advanceTo('2026-10-16T10:00:00+08:00');
    await record(diligent, 'voterListPublication', '2026-10-16');
    await p.advanceTo('2026-10-20T10:00:00+08:00'); // nominee list's 7-day reminder (10-19) goes out
    await record(diligent, 'nomineeList', '2026-10-20');
    await record(diligent, 'candidateList', '2026-10-20'); // before any of its reminders
    await p.advanceTo('2026-11-10T18:00:00+08:00');
    await record(diligent, 'voting', '2026-11-10');
    await p.clock.runToEnd();
    const ns = await notifications(`/townships/${diligent}/notifications`, await p.admin(county));
    expect(summary(ns)).toEqual([
      'reminder nomineeList 2026-10-26 7',
      'reminder voterListPublication 2026-10-21 7',
      'reminder voting 2026-11-10 1',
      'reminder voting 2026-11-10 3',
      'reminder voting 2026-11-10 7',
    ]);
    const view = await p.call('GET', `/townships/${diligent}/elections/${roundId}/timeline`, await p.officer(county, diligent));
    expect(view.body.stages.map((s: { status: string; escalated: boolean }) => `${s.status} ${s.escalated}`)).toEqual(Array(4).fill('done false'));
    expect(view.body.execution.status).toBe('succeeded');
  });

  it('the township missing the voter-list publication is escalated to the county at 00:00 after E−20', async () => {
    const county_ = await notifications('/county/notifications', await p.admin(county));
    const escalations = county_.filter((n) => n.concerns?.stage === 'voterListPublication');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ kind: 'escalation', sentAt: '2026-10-21T16:00:00.000Z', concerns: { deadline: '2026-10-21' } });
    expect(escalations[0]!.text).toMatch(/逾期报告.*迟延乡.*2026-10-21/);
    const own = await notifications(`/townships/${late}/notifications`, await p.officer(county, late));
    // Three reminders before the deadline, then the overdue notice; no reminder after the deadline passed.
    expect(summary(own).filter((s) => s.includes('voterListPublication'))).toEqual([
      'overdue voterListPublication 2026-10-21 -',
      'reminder voterListPublication 2026-10-21 1',
      'reminder voterListPublication 2026-10-21 3',
      'reminder voterListPublication 2026-10-21 7',
    ]);
    const view = await p.call('GET', `/townships/${late}/elections/${roundId}/timeline`, await p.admin(county));
    expect(view.body.stages[0]).toMatchObject({ stage: 'voterListPublication', status: 'overdue', escalated: true, remindersSent: [{ daysBefore: 7 }, { daysBefore: 3 }, { daysBefore: 1 }] });
    // The diligent township was never escalated.
    expect(county_.filter((n) => n.text.includes('守时镇'))).toEqual([]);
  });

  it('refuses a stage recorded twice, on a future date, or not of this round, with problem documents', async () => {
    const token = await p.officer(county, diligent);
    const path = `/townships/${diligent}/elections/${roundId}/stages`;
    expect((await p.call('POST', path, token, { stage: 'voting', doneOn: '2026-11-10', note: 'x' })).status).toBe(409);
    expect((await p.call('POST', path.replace(diligent, late), await p.officer(county, late), { stage: 'voting', doneOn: '2027-01-01', note: 'x' })).status).toBe(422);
    expect((await p.call('POST', path.replace(diligent, late), token, { stage: 'voting', doneOn: '2026-11-10', note: 'x' })).status).toBe(403);
    expect((await p.call('POST', path.replace(diligent, late), await p.officer(county, late), { stage: 'districtDivision', doneOn: '2026-11-10', note: 'x' })).status).toBe(422);
    expect((await p.call('POST', path.replace(diligent, late), await p.officer(county, late), { stage: 'results', doneOn: '2026-11-10', note: 'x' })).status).toBe(400);
  });
});
