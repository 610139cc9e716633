/**
 * Delivers a topic message to an http(s) subscriber as SNS does: a POST of the notification JSON with the
 * `x-amz-sns-*` headers. The notification carries no Signature: there is no AWS certificate to sign with, so
 * subscribers that verify signatures must skip that check locally.
 */
import type { Subscription } from './topics.js';

export interface Notification {
  messageId: string;
  topicArn: string;
  message: string;
  subject?: string;
  timestamp: string;
  attributes: Record<string, { dataType: string; value: string }>;
}

const TIMEOUT_MS = 15_000;

export async function deliver(subscription: Subscription, notification: Notification): Promise<void> {
  const body: Record<string, unknown> = {
    Type: 'Notification',
    MessageId: notification.messageId,
    TopicArn: notification.topicArn,
    ...(notification.subject !== undefined ? { Subject: notification.subject } : {}),
    Message: notification.message,
    Timestamp: notification.timestamp,
  };
  if (Object.keys(notification.attributes).length > 0) {
    body.MessageAttributes = Object.fromEntries(
      Object.entries(notification.attributes).map(([name, { dataType, value }]) => [name, { Type: dataType, Value: value }]),
    );
  }
  const response = await fetch(subscription.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'text/plain; charset=UTF-8',
      'user-agent': 'Amazon Simple Notification Service Agent',
      'x-amz-sns-message-type': 'Notification',
      'x-amz-sns-message-id': notification.messageId,
      'x-amz-sns-topic-arn': notification.topicArn,
      'x-amz-sns-subscription-arn': subscription.arn,
    },
    body: JSON.stringify(body),
    // A redirect could lead off the machine; subscribers are loopback-only.
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await response.arrayBuffer();
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`subscriber ${subscription.endpoint} answered HTTP ${response.status}`);
  }
}
