/**
 * Delivery of the outbox's notifications. In AWS: SES for email, SNS for SMS (`NOTIFY_DELIVERY=aws`);
 * locally the outbox item itself is the record of what was sent (read through the API), so the
 * local notifier only counts. The outbox is the source of truth either way: a notification is
 * delivered only after it was claimed there (see `outbox.ts`).
 */
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { NotificationRecord } from '@township/store';

export interface Notifier {
  deliver(n: NotificationRecord): Promise<void>;
}

/** SES email and SNS SMS; the `inbox` channel is the outbox itself, read in the console. */
export class AwsNotifier implements Notifier {
  private readonly ses = new SESv2Client({});
  private readonly sns = new SNSClient({});

  constructor(private readonly fromAddress: string) {}

  async deliver(n: NotificationRecord): Promise<void> {
    if (n.channel === 'email') {
      await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: this.fromAddress,
          Destination: { ToAddresses: [n.recipient.address] },
          Content: { Simple: { Subject: { Data: n.text.slice(0, n.text.indexOf('】') + 1) || '换届选举', Charset: 'UTF-8' }, Body: { Text: { Data: n.text, Charset: 'UTF-8' } } } },
        }),
      );
    } else if (n.channel === 'sms') {
      await this.sns.send(new PublishCommand({ PhoneNumber: n.recipient.address, Message: n.text }));
    }
  }
}

/** Local delivery: the outbox item is the delivery record; this counts by channel (bench, demo). */
export class OutboxOnlyNotifier implements Notifier {
  readonly delivered: Record<NotificationRecord['channel'], number> = { sms: 0, email: 0, inbox: 0 };
  async deliver(n: NotificationRecord): Promise<void> {
    this.delivered[n.channel]++;
  }
}

let notifier: Notifier | undefined;

export function getNotifier(): Notifier {
  if (notifier) return notifier;
  if (process.env.NOTIFY_DELIVERY === 'aws') {
    const from = process.env.NOTIFY_FROM_ADDRESS;
    if (!from) throw new Error('NOTIFY_FROM_ADDRESS is not set');
    notifier = new AwsNotifier(from);
  } else {
    notifier = new OutboxOnlyNotifier();
  }
  return notifier;
}

export function setNotifier(next: Notifier): void {
  notifier = next;
}
