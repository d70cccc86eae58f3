/**
 * Stages that wait for the county's decision, end to end on the simulated clock: the execution
 * waits in AwaitApproval (the task-token callback of the one ASL definition) up to its next
 * wake-up, and goes on the moment the county decides — for a submitted district division (EL 25)
 * and for a stage completed after its deadline.
 *
 * Election day 2026-11-10 with a division phase ending 2026-07-31: voter list by 10-21 (EL 28),
 * nominees by 10-26 (EL 32); reminders 7, 3 and 1 days before at 09:00 China time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTimelinePlatform, type TimelinePlatform } from './support/timeline-platform';

let p: TimelinePlatform;
const county = '330903';
let diviso = '';
let belated = '';
let refusedOne = '';
let roundId = '';

type Stage = { stage: string; status: string; doneOn: string | null; late: boolean; awaitingApproval: string | null; approval: { approved: boolean; note: string } | null };
type View = { stages: Stage[]; execution: { status: string; state: string | null; nextWakeAt: string | null } };

const timeline = async (township: string): Promise<View> => {
  const res = await p.call<View>('GET', `/townships/${township}/elections/${roundId}/timeline`, await p.admin(county));
  expect(res.status, res.text).toBe(200);
  return res.body;
};
const stage = (view: View, key: string) => view.stages.find((s) => s.stage === key)!;
const reminders = async (township: string, key: string) =>
  (await p.call<{ items: Array<{ kind: string; concerns: { stage: string } | null }> }>('GET', `/townships/${township}/notifications?limit=200`, await p.admin(county))).body.items.filter(
    (n) => n.kind === 'reminder' && n.concerns?.stage === key,
  ).length;

beforeAll(async () => {
  p = await startTimelinePlatform('2026-06-01T00:00:00+08:00');
  [diviso = '', belated = '', refusedOne = ''] = await p.addTownships(county, ['分区镇', '补办乡', '驳回镇']);
  roundId = (await p.openRound(county, '2026-11-10', { countyDeputyTotal: 30, phases: [{ key: 'districtDivision', start: '2026-06-15', end: '2026-07-31' }] })).id;
  const confirmed = await p.call('PUT', `/county/rounds/${roundId}/apportionment`, await p.admin(county), {});
  expect(confirmed.status, confirmed.text).toBe(200);
});
afterAll(async () => {
  await p?.platform.stop();
});

describe('the district division waits for the county (EL 25)', () => {
  it('waits in AwaitApproval once submitted, and is reminded no more meanwhile', async () => {
    const officer = await p.officer(county, diviso);
    const base = `/townships/${diviso}/elections/${roundId}`;
    const seats = (await p.call('GET', base, officer)).body.seats as number;
    for (let i = 1; i <= seats; i++) {
      const res = await p.call('POST', `${base}/districts`, officer, { id: `d${i}`, name: `第${i}选区`, population: 20000 / seats, seats: 1 });
      expect(res.status, res.text).toBe(201);
    }
    await p.advanceTo('2026-07-20T10:00:00+08:00'); // after the 7-day reminder (07-24)? no: before it
    const submitted = await p.call('POST', `${base}/division/submission`, officer, {});
    expect(submitted.status, submitted.text).toBe(200);
    // The execution sleeps until its next wake-up (the 7-day reminder, 07-24 09:00); there it
    // finds the division submitted: no reminder, and it waits for the county's decision.
    await p.advanceTo('2026-07-25T10:00:00+08:00');
    const view = await timeline(diviso);
    expect(stage(view, 'districtDivision')).toMatchObject({ status: 'awaiting_approval', awaitingApproval: 'division', doneOn: null });
    expect(view.execution).toMatchObject({ status: 'running', state: 'AwaitApproval' });
    expect(await reminders(diviso, 'districtDivision')).toBe(0);
  });

  it('goes on the moment the county approves: the stage is done on the day it was submitted', async () => {
    const decided = await p.call('POST', `/townships/${diviso}/elections/${roundId}/division/decision`, await p.admin(county), { approved: true });
    expect(decided.status, decided.text).toBe(200);
    await p.advanceTo('2026-07-25T10:00:00+08:00'); // time stands still; the execution runs until it sleeps again
    const view = await timeline(diviso);
    expect(stage(view, 'districtDivision')).toMatchObject({ status: 'done', doneOn: '2026-07-20', late: false, awaitingApproval: null });
    expect(view.execution.state).not.toBe('AwaitApproval');
    // No escalation at the division's deadline: it was met.
    await p.advanceTo('2026-08-02T00:00:00+08:00');
    const county_ = (await p.call<{ items: Array<{ text: string }> }>('GET', '/county/notifications?limit=200', await p.admin(county))).body.items;
    expect(county_.filter((n) => n.text.includes('分区镇') && n.text.includes('划分选区'))).toEqual([]);
  });
});

describe('a stage done after its deadline waits for the county', () => {
  it('records the late voter list, which waits for the decision from the next wake-up on', async () => {
    await p.advanceTo('2026-10-23T10:00:00+08:00'); // E−20 was 10-21: both townships were escalated at 10-22 00:00
    for (const township of [belated, refusedOne]) {
      const res = await p.call('POST', `/townships/${township}/elections/${roundId}/stages`, await p.officer(county, township), { stage: 'voterListPublication', doneOn: '2026-10-23', note: '补充张榜公布' });
      expect(res.status, res.text).toBe(201);
      expect(res.body).toMatchObject({ late: true });
    }
    await p.advanceTo('2026-10-25T10:00:00+08:00'); // the nominee list's 1-day reminder woke it (10-25 09:00)
    const view = await timeline(belated);
    expect(stage(view, 'voterListPublication')).toMatchObject({ status: 'awaiting_approval', awaitingApproval: 'lateCompletion', doneOn: '2026-10-23', late: true });
    expect(view.execution.state).toBe('AwaitApproval');
  });

  it('approved: done (late) and the execution goes on at once', async () => {
    const approved = await p.call('POST', `/townships/${belated}/elections/${roundId}/stages/approval`, await p.admin(county), { stage: 'voterListPublication', approved: true, note: '因故延误，准予补办' });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.approval).toMatchObject({ approved: true, note: '因故延误，准予补办' });
    await p.advanceTo('2026-10-25T10:00:00+08:00');
    const view = await timeline(belated);
    expect(stage(view, 'voterListPublication')).toMatchObject({ status: 'done', late: true, awaitingApproval: null, approval: { approved: true } });
    expect(view.execution.state).not.toBe('AwaitApproval');
  });

  it('refused: overdue again until recorded anew, which waits for a new decision', async () => {
    const admin = await p.admin(county);
    const path = `/townships/${refusedOne}/elections/${roundId}/stages/approval`;
    const noReason = await p.call('POST', path, admin, { stage: 'voterListPublication', approved: false });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].field).toBe('body.note');
    const refused = await p.call('POST', path, admin, { stage: 'voterListPublication', approved: false, note: '名单未按村张贴' });
    expect(refused.status, refused.text).toBe(200);
    expect((await p.call('POST', path, admin, { stage: 'voterListPublication', approved: true })).status).toBe(409);
    await p.advanceTo('2026-10-25T10:00:00+08:00');
    expect(stage(await timeline(refusedOne), 'voterListPublication')).toMatchObject({ status: 'overdue', doneOn: null, approval: { approved: false, note: '名单未按村张贴' } });

    const again = await p.call('POST', `/townships/${refusedOne}/elections/${roundId}/stages`, await p.officer(county, refusedOne), { stage: 'voterListPublication', doneOn: '2026-10-25', note: '已按村张贴' });
    expect(again.status, again.text).toBe(201);
    expect(again.body).toMatchObject({ doneOn: '2026-10-25', late: true, version: 3 });
    expect(again.body.approval).toBeUndefined();
    expect(stage(await timeline(refusedOne), 'voterListPublication')).toMatchObject({ status: 'awaiting_approval' });
  });

  it('refuses a decision on a stage done on time, or by anyone but the county', async () => {
    await p.advanceTo('2026-10-25T12:00:00+08:00');
    const onTime = await p.call('POST', `/townships/${belated}/elections/${roundId}/stages`, await p.officer(county, belated), { stage: 'nomineeList', doneOn: '2026-10-25', note: '已公布' });
    expect(onTime.status, onTime.text).toBe(201);
    const path = `/townships/${belated}/elections/${roundId}/stages/approval`;
    expect((await p.call('POST', path, await p.admin(county), { stage: 'nomineeList', approved: true })).status).toBe(409);
    expect((await p.call('POST', path, await p.officer(county, belated), { stage: 'nomineeList', approved: true })).status).toBe(403);
  });

  it('ran every execution without a failure', async () => {
    await p.clock.runToEnd();
    expect(p.platform.workflow.runner.stats.failed, String(p.platform.workflow.runner.errors[0])).toBe(0);
    expect((await timeline(refusedOne)).execution.status).toBe('succeeded');
  });
});
