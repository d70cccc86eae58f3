/**
 * The Chinese text of reminders (提醒) and escalations (逾期报告): what the township's officers and
 * the county election committee (县选举委员会) read, by SMS or email.
 */
import type { IsoDate } from './dates';
import { STAGE_INFO, type StageKey } from './stages';

/** The source of a deadline as the officers know it: an article of law, or the county's plan. */
const source = (article: string) => (article === 'implementation plan' ? '县选举工作实施方案' : article);

export function reminderText(townshipName: string, stage: StageKey, deadline: IsoDate, daysBefore: number): string {
  const { titleZh, article } = STAGE_INFO[stage];
  const when = daysBefore === 0 ? '今天是截止日' : `距截止还有${daysBefore}天`;
  return `【换届选举提醒】${townshipName}：“${titleZh}”须于${deadline}（含）前完成，${when}（${source(article)}）。完成后请在系统中登记。`;
}

export function escalationText(townshipName: string, stage: StageKey, deadline: IsoDate): string {
  const { titleZh, article } = STAGE_INFO[stage];
  return `【逾期报告】${townshipName}未在${deadline}（含）前完成“${titleZh}”（${source(article)}），请县选举委员会督办。`;
}

export function overdueNoticeText(townshipName: string, stage: StageKey, deadline: IsoDate): string {
  const { titleZh } = STAGE_INFO[stage];
  return `【逾期】${townshipName}：“${titleZh}”已超过截止日期${deadline}，已报县选举委员会；逾期完成须经县选举委员会批准。`;
}
