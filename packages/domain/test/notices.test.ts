import { describe, expect, it } from 'vitest';
import { escalationText, overdueNoticeText, reminderText } from '../src/notices';

describe('notification texts (提醒、逾期报告)', () => {
  it('names the article of law of a legal deadline (EL 28: the voter list by E−20)', () => {
    expect(reminderText('青山乡', 'voterListPublication', '2026-10-21', 3)).toBe(
      '【换届选举提醒】青山乡：“公布选民名单、发放选民证”须于2026-10-21（含）前完成，距截止还有3天（EL 28; ZJ 33）。完成后请在系统中登记。',
    );
    expect(reminderText('青山乡', 'voting', '2026-11-10', 0)).toMatch(/今天是截止日/);
  });

  it("names the county's implementation plan, in Chinese, for a phase the county set", () => {
    expect(reminderText('青山乡', 'districtDivision', '2026-07-31', 7)).toMatch(/距截止还有7天（县选举工作实施方案）/);
    expect(escalationText('青山乡', 'registration', '2026-10-15')).toBe(
      '【逾期报告】青山乡未在2026-10-15（含）前完成“选民登记”（县选举工作实施方案），请县选举委员会督办。',
    );
  });

  it('tells the township that completing late needs the county’s approval', () => {
    expect(overdueNoticeText('青山乡', 'nomineeList', '2026-10-26')).toMatch(/已超过截止日期2026-10-26.*须经县选举委员会批准/);
  });
});
