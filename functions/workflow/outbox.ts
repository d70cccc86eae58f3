/**
 * Sending through the outbox, at least once and never twice: the notification's id is derived
 * from what it is about (kind, township, round, stage, deadline, days before, recipient), the
 * outbox item is claimed with a conditional put, delivered, then marked sent. A retried task
 * computes the same id and finds it sent; a delivery that failed before "sent" is tried again.
 */
import { createHash } from 'node:crypto';
import { escalationText, overdueNoticeText, reminderText, type DueAction } from '@township/domain';
import { countyScope, townshipScope, type ElectionStore, type NotificationRecord, type TenantScope, type TownshipRecord } from '@township/store';
import type { Notifier } from './notifier';

type Recipient = Pick<NotificationRecord, 'recipient' | 'channel'>;

/** The township's officers by their channels; the township's inbox when none has a contact. */
export function townshipRecipients(township: TownshipRecord): Recipient[] {
  const out: Recipient[] = [];
  for (const o of township.officers) {
    if (o.phone) out.push({ recipient: { name: o.name, address: o.phone }, channel: 'sms' });
    if (o.email) out.push({ recipient: { name: o.name, address: o.email }, channel: 'email' });
  }
  return out.length ? out : [{ recipient: { name: `${township.name}选举工作领导小组办公室`, address: `township:${township.id}` }, channel: 'inbox' }];
}

export const countyRecipient = (countyId: string): Recipient => ({
  recipient: { name: '县选举委员会办公室', address: `county:${countyId}` },
  channel: 'inbox',
});

export function notificationId(parts: ReadonlyArray<string | number | null>): string {
  return createHash('sha256').update(parts.map(String).join('|')).digest('hex').slice(0, 24);
}

export interface Outgoing {
  scope: TenantScope;
  notification: NotificationRecord;
}

/** The notifications an action sends: reminders to the officers; an escalation to the county and a notice to the township. */
export function notificationsFor(action: DueAction, township: TownshipRecord, roundId: string): Outgoing[] {
  const { countyId } = township;
  const tscope = townshipScope(countyId, township.id);
  const base = (kind: NotificationRecord['kind'], r: Recipient, text: string): NotificationRecord => ({
    id: notificationId([kind, township.id, roundId, action.stage, action.deadline, action.kind === 'remind' ? action.daysBefore : null, r.channel, r.recipient.address]),
    kind,
    ...r,
    text,
    townshipId: township.id,
    roundId,
    concerns: { stage: action.stage, deadline: action.deadline, daysBefore: action.kind === 'remind' ? action.daysBefore : null },
    scheduledAt: action.at,
    status: 'pending',
    sentAt: null,
  });
  if (action.kind === 'remind') {
    const text = reminderText(township.name, action.stage, action.deadline, action.daysBefore);
    return townshipRecipients(township).map((r) => ({ scope: tscope, notification: base('reminder', r, text) }));
  }
  return [
    { scope: countyScope(countyId), notification: base('escalation', countyRecipient(countyId), escalationText(township.name, action.stage, action.deadline)) },
    ...townshipRecipients(township).map((r) => ({ scope: tscope, notification: base('overdue', r, overdueNoticeText(township.name, action.stage, action.deadline)) })),
  ];
}

/** Claims, delivers and marks one notification; false when it had been sent already. */
export async function send(store: ElectionStore, notifier: Notifier, out: Outgoing, now: Date): Promise<boolean> {
  if (!(await store.notifications.claim(out.scope, out.notification))) return false;
  await notifier.deliver(out.notification);
  await store.notifications.markSent(out.scope, out.notification, now.toISOString());
  return true;
}
