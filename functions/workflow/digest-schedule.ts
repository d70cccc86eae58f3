/**
 * The daily digest's schedule (每日提醒汇总), defined once: the CDK workflow stack makes the
 * EventBridge Scheduler schedule from it, the local platform's scheduler fires from it.
 */
export const DIGEST_SCHEDULE = Object.freeze({
  name: 'daily-digest',
  description: "Each township's upcoming and overdue deadlines, and the county's summary, every morning",
  /** 08:00 county time, every day. */
  hour: 8,
  minute: 0,
  timeZone: 'Asia/Shanghai',
  /** EventBridge Scheduler's cron (minutes hours day-of-month month day-of-week year). */
  get cron(): string {
    return `cron(${this.minute} ${this.hour} * * ? *)`;
  },
  /** Deadlines due within this many days count as upcoming. */
  lookaheadDays: 7,
});

/** The digest's input: the counties the platform serves (a deployment names them). */
export interface DigestInput {
  countyIds: string[];
}
