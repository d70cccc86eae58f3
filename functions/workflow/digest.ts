/**
 * The daily digest (每日汇总), fired by the schedule at 08:00 county time: each township with
 * unmet deadlines gets its upcoming (within a week) and overdue ones; the county gets a summary
 * across townships. Reads the due index (one Query per county), never a Scan. Deduplicated per
 * day like every notification: a retried invocation sends nothing twice.
 */
import { addDays, STAGE_INFO, todayIn, zonedInstant, type StageKey } from '@township/domain';
import { countyScope, townshipScope, type DeadlineRecord } from '@township/store';
import { DIGEST_SCHEDULE, type DigestInput } from './digest-schedule';
import { taskDeps, type TaskDeps } from './deps';
import { countyRecipient, notificationId, send, townshipRecipients } from './outbox';

export interface DigestReport {
  counties: number;
  townships: number;
  sent: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

const line = (d: DeadlineRecord, today: string) =>
  `${STAGE_INFO[d.stage as StageKey]?.titleZh ?? d.stage}（${d.deadline}${d.deadline < today ? '，已逾期' : ''}）`;

export async function digest(input: DigestInput, deps: TaskDeps = taskDeps()): Promise<DigestReport> {
  const at = deps.now();
  const report: DigestReport = { counties: 0, townships: 0, sent: 0 };
  for (const countyId of input.countyIds) {
    const county = countyScope(countyId);
    const today = todayIn(DIGEST_SCHEDULE.timeZone, at);
    const due = (await deps.store.deadlines.dueBy(county, addDays(today, DIGEST_SCHEDULE.lookaheadDays))).filter((d) => d.status !== 'done');
    if (!due.length) continue;
    report.counties++;
    const byTownship = new Map<string, DeadlineRecord[]>();
    for (const d of due) byTownship.set(d.townshipId, [...(byTownship.get(d.townshipId) ?? []), d]);
    // The day's occurrence of the schedule, not the invocation's instant: a retried invocation
    // (EventBridge Scheduler retries) then computes the same outbox items and sends nothing twice.
    const scheduledAt = zonedInstant(today, `${pad(DIGEST_SCHEDULE.hour)}:${pad(DIGEST_SCHEDULE.minute)}`, DIGEST_SCHEDULE.timeZone).toISOString();
    let overdueTotal = 0;
    for (const [townshipId, items] of byTownship) {
      const scope = townshipScope(countyId, townshipId);
      const township = await deps.store.townships.get(scope);
      if (!township) continue;
      report.townships++;
      const overdue = items.filter((d) => d.deadline < today);
      overdueTotal += overdue.length;
      const upcoming = items.filter((d) => d.deadline >= today);
      const text =
        `【每日提醒】${township.name}（${today}）：` +
        (upcoming.length ? `近期截止：${upcoming.map((d) => line(d, today)).join('；')}。` : '') +
        (overdue.length ? `已逾期：${overdue.map((d) => line(d, today)).join('；')}。` : '');
      for (const r of townshipRecipients(township)) {
        const id = notificationId(['digest', townshipId, today, r.channel, r.recipient.address]);
        const n = { id, kind: 'digest' as const, ...r, text, townshipId, roundId: null, concerns: null, scheduledAt, status: 'pending' as const, sentAt: null };
        if (await send(deps.store, deps.notifier, { scope, notification: n }, at)) report.sent++;
      }
    }
    const r = countyRecipient(countyId);
    const text = `【每日汇总】${today}：${byTownship.size} 个乡镇有未完成的截止事项，其中逾期 ${overdueTotal} 项。`;
    const n = { id: notificationId(['digest', countyId, today]), kind: 'digest' as const, ...r, text, townshipId: '', roundId: null, concerns: null, scheduledAt, status: 'pending' as const, sentAt: null };
    if (await send(deps.store, deps.notifier, { scope: county, notification: n }, at)) report.sent++;
  }
  return report;
}

/** The Lambda entry point, invoked by EventBridge Scheduler with the schedule's input. */
export const handler = (input: DigestInput) => digest(input);
