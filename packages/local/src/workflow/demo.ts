/**
 * `npm run demo:timeline` — a county's round unfolding on the simulated clock, in seconds.
 *
 * Starts the local platform (in-memory DynamoDB Local, its own port) on a simulated clock that
 * begins 2026-06-01, registers a county's townships and opens a round with implementation-plan
 * phases through the API (one execution each of the one ASL definition), lets the townships
 * complete their stages as `scenario.ts` says — most on time, one missing the voter-list
 * publication, one doing nothing — fires the daily digest from its schedule, and prints what
 * happened: reminders, completions, escalations to the county, and each township's timeline.
 */
import { countyScope, ElectionStore, townshipScope, type NotificationRecord } from '@township/store';
import { startPlatform } from '../platform';
import { SimulatedClock } from './clock';
import { ELECTION_DAY, runScenario, SCENARIO_START } from './scenario';
import { startScheduler } from './scheduler';

const COUNTY = '330960';
const TOWNSHIPS = Number(process.env.DEMO_TOWNSHIPS ?? 8);

const clock = new SimulatedClock(new Date(SCENARIO_START));
const fmt = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).replace(/:\d\d$/, '');

console.log(`时间线演示：${TOWNSHIPS} 个乡镇，选举日 ${ELECTION_DAY}，模拟时钟自 ${fmt(clock.now())} 起\n`);
const platform = await startPlatform({ port: 0, quiet: true, clock });
const started = performance.now();
try {
  const store = ElectionStore.fromEnv();
  // The digest fires every day at 08:00 until the day after election day (a schedule never ends by itself).
  const scheduler = startScheduler(clock, () => [COUNTY], new Date(`${ELECTION_DAY}T23:59:00+08:00`));
  let seen = { sent: 0, escalations: 0 };
  const result = await runScenario({
    platform,
    clock,
    countyId: COUNTY,
    townships: TOWNSHIPS,
    onStep: ({ at, label }) => {
      const s = platform.workflow.runner.stats;
      const news = `提醒/通知 +${s.notificationsSent - seen.sent}` + (s.escalations > seen.escalations ? `，逾期督办 +${s.escalations - seen.escalations}` : '');
      seen = { sent: s.notificationsSent, escalations: s.escalations };
      console.log(`[${fmt(at)}] ${label}  ·  ${news}`);
    },
  });
  scheduler.stop();

  const county = await store.notifications.all(countyScope(COUNTY));
  const escalations = county.filter((n) => n.kind === 'escalation').sort(byTime);
  console.log(`\n县选举委员会收到的逾期报告（${escalations.length}）：`);
  for (const n of escalations.slice(0, 8)) console.log(`  [${fmt(new Date(n.sentAt ?? n.scheduledAt))}] ${n.text}`);
  if (escalations.length > 8) console.log(`  … 另 ${escalations.length - 8} 条`);
  const digests = county.filter((n) => n.kind === 'digest').sort(byTime);
  console.log(`\n每日汇总（县，${digests.length} 天），最后三天：`);
  for (const n of digests.slice(-3)) console.log(`  ${n.text}`);

  const admin = await platform.token({ role: 'county_admin', county: COUNTY });
  console.log('\n各乡镇时间线（GET …/timeline）：');
  for (const [i, id] of result.townshipIds.entries()) {
    const res = await fetch(`${platform.url}/townships/${id}/elections/${result.roundId}/timeline`, { headers: { authorization: `Bearer ${admin}` } });
    const view = (await res.json()) as { township?: { name: string }; stages: Array<{ stage: string; status: string; doneOn?: string | null }>; execution: { status: string } | null };
    const own = await store.notifications.all(townshipScope(COUNTY, id));
    const statuses = view.stages.map((s) => `${s.stage}:${s.status}`).join(' ');
    console.log(`  ${id} (${result.behaviours[i]}) 执行 ${view.execution?.status ?? '—'}，收到 ${own.length} 条 · ${statuses}`);
  }
  const first = (await store.notifications.all(townshipScope(COUNTY, result.townshipIds[0]!))).filter((n) => n.kind === 'reminder').sort(byTime)[0];
  if (first) console.log(`\n一条提醒短信：${first.text}`);

  const s = platform.workflow.runner.stats;
  console.log(
    `\n${((performance.now() - started) / 1000).toFixed(1)} 秒内走完 ${TOWNSHIPS} 个乡镇的整个时间线：执行 ${s.started}（成功 ${s.succeeded}，失败 ${s.failed}），` +
      `状态转换 ${s.transitions}，发出 ${s.notificationsSent} 条（重复已拦截 ${s.duplicatesSuppressed}），逾期督办 ${s.escalations}，每日汇总触发 ${scheduler.fired} 次；API 调用 ${result.apiCalls}。`,
  );
} finally {
  await platform.stop();
}

function byTime(a: NotificationRecord, b: NotificationRecord): number {
  return a.scheduledAt < b.scheduledAt ? -1 : a.scheduledAt > b.scheduledAt ? 1 : 0;
}
