/**
 * A local SNS endpoint for the calls the functions make, speaking the AWS query protocol (form-encoded
 * `Action=...&Version=2010-03-31`, XML answers) as `@aws-sdk/client-sns` does. Nothing leaves the machine: every
 * message lands in the outbox, and topic messages are also POSTed to http(s) subscribers on loopback.
 *
 * Simplification: a subscription is active at once. SNS would first POST a SubscriptionConfirmation and wait for
 * the subscriber to visit its SubscribeURL; the local stand-in skips that handshake.
 */
import { randomUUID } from 'node:crypto';
import { deliver } from './delivery.js';
import { SnsError, invalidParameter } from './errors.js';
import { parseMessageAttributes } from './message-attributes.js';
import { openOutbox } from './outbox.js';
import type { OutboxFilter, OutboxMessage } from './outbox.js';
import { openTopicRegistry } from './topics.js';
import type { Subscription } from './topics.js';
import { element, errorXml, successXml } from './xml.js';

export type { OutboxFilter, OutboxMessage } from './outbox.js';

export interface SnsStandInOptions {
  /** A directory of the stand-in's own for the outbox and topics; null keeps them in memory. */
  dataDir: string | null;
  region: string;
  /** The 12-digit account id used in topic ARNs. */
  accountId: string;
  /** Reports failed subscriber deliveries (they never fail the Publish call, as in SNS). */
  log?: (line: string) => void;
}

export interface SnsResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface SnsStandIn {
  handle(body: string, contentType: string): Promise<SnsResponse>;
  outbox(filter?: OutboxFilter): OutboxMessage[];
  /** Calls `listener` with each new outbox message; returns a function that stops it. */
  onMessage(listener: (message: OutboxMessage) => void): () => void;
  /** Resolves when every subscriber delivery started so far has finished (succeeded or failed). */
  deliveriesSettled(): Promise<void>;
}

const E164 = /^\+[1-9][0-9]{1,14}$/;
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const MAX_MESSAGE_BYTES = 256 * 1024;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function createSnsStandIn(options: SnsStandInOptions): SnsStandIn {
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(options.region)) throw new Error(`createSnsStandIn: "${options.region}" is not an AWS region name`);
  if (!/^\d{12}$/.test(options.accountId)) throw new Error(`createSnsStandIn: the account id must be 12 digits, got "${options.accountId}"`);
  const arnPrefix = `arn:aws:sns:${options.region}:${options.accountId}:`;
  const outbox = openOutbox(options.dataDir);
  const topics = openTopicRegistry(options.dataDir);
  const listeners = new Set<(message: OutboxMessage) => void>();
  const pending = new Set<Promise<void>>();
  const log = options.log ?? ((line: string) => console.error(line));

  function requireTopic(params: URLSearchParams, name = 'TopicArn'): string {
    const arn = params.get(name) ?? '';
    if (arn === '') throw invalidParameter(`${name} Reason: no value for required parameter`);
    if (!arn.startsWith('arn:aws:sns:') || arn.split(':').length !== 6) throw invalidParameter(`${name} Reason: An ARN must have the format arn:aws:sns:<region>:<account>:<topic>`);
    if (!topics.has(arn)) throw new SnsError('NotFound', 'Topic does not exist', 404);
    return arn;
  }

  function startDelivery(subscription: Subscription, message: OutboxMessage, attributes: ReturnType<typeof parseMessageAttributes>): void {
    const delivery = deliver(subscription, {
      messageId: message.id,
      topicArn: subscription.topicArn,
      message: message.message,
      subject: message.subject,
      timestamp: message.timestamp,
      attributes,
    }).catch((error: Error) => log(JSON.stringify({ level: 'warn', message: `SNS delivery to ${subscription.endpoint} failed: ${error.message}` })));
    pending.add(delivery);
    void delivery.finally(() => pending.delete(delivery));
  }

  const actions: Record<string, (params: URLSearchParams) => string> = {
    Publish(params) {
      const targets = ['TopicArn', 'TargetArn', 'PhoneNumber'].filter((name) => (params.get(name) ?? '') !== '');
      if (targets.length === 0) throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
      if (targets.length > 1) throw invalidParameter('TopicArn Reason: Only one of TopicArn, TargetArn or PhoneNumber may be set');
      const message = params.get('Message') ?? '';
      if (message === '') throw invalidParameter('Empty message');
      if (Buffer.byteLength(message) > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
      const subject = params.get('Subject') ?? undefined;
      if (subject !== undefined && (subject === '' || subject.length > 100 || /[\r\n]/.test(subject))) throw invalidParameter('Subject');
      // MessageStructure=json (a different message per protocol) is not supported: say so rather than misdeliver.
      if (params.has('MessageStructure')) throw invalidParameter('MessageStructure Reason: not supported by the local SNS stand-in');

      let topicArn: string | undefined;
      let phoneNumber: string | undefined;
      if (targets[0] === 'PhoneNumber') {
        phoneNumber = params.get('PhoneNumber') ?? '';
        if (!E164.test(phoneNumber)) throw invalidParameter(`PhoneNumber Reason: ${phoneNumber} is not valid to publish to`);
      } else {
        topicArn = requireTopic(params, targets[0]);
      }
      const parsed = parseMessageAttributes(params);
      const attributes = Object.fromEntries(Object.entries(parsed).map(([name, { value }]) => [name, value]));
      const entry: OutboxMessage = {
        id: randomUUID(),
        timestamp: new Date().toISOString(),
        ...(topicArn ? { topicArn } : {}),
        ...(phoneNumber ? { phoneNumber } : {}),
        message,
        ...(subject !== undefined ? { subject } : {}),
        attributes,
      };
      const recipient = attributes.recipient ?? phoneNumber;
      if (recipient !== undefined) entry.recipient = recipient;

      outbox.add(entry);
      for (const listener of listeners) {
        try {
          listener(structuredClone(entry));
        } catch (error) {
          log(JSON.stringify({ level: 'warn', message: `SNS outbox listener failed: ${(error as Error).message}` }));
        }
      }
      if (topicArn) for (const subscription of topics.subscriptions(topicArn)) startDelivery(subscription, entry, parsed);
      return element('MessageId', entry.id);
    },

    CreateTopic(params) {
      const name = params.get('Name') ?? '';
      if (!TOPIC_NAME.test(name)) {
        throw invalidParameter('Topic Name Reason: must be 1 to 256 letters, digits, hyphens or underscores (FIFO topics are not supported locally)');
      }
      const arn = `${arnPrefix}${name}`;
      topics.ensure(arn);
      return element('TopicArn', arn);
    },

    Subscribe(params) {
      const topicArn = requireTopic(params);
      const protocol = params.get('Protocol') ?? '';
      if (protocol !== 'http' && protocol !== 'https') {
        throw invalidParameter(`Protocol Reason: the local SNS stand-in delivers only to http and https endpoints, not "${protocol}"`);
      }
      const endpoint = params.get('Endpoint') ?? '';
      let url: URL;
      try {
        url = new URL(endpoint);
      } catch {
        throw invalidParameter('Endpoint Reason: not a URL');
      }
      if (url.protocol !== `${protocol}:`) throw invalidParameter(`Endpoint Reason: must be a ${protocol} URL`);
      // Deliveries are real HTTP requests; keeping them on this machine means a local run can never reach out.
      if (!LOOPBACK_HOSTS.has(url.hostname)) throw invalidParameter('Endpoint Reason: the local SNS stand-in delivers only to loopback addresses');
      const subscription = topics.subscribe({ arn: `${topicArn}:${randomUUID()}`, topicArn, protocol, endpoint });
      return element('SubscriptionArn', subscription.arn);
    },

    ListTopics() {
      const members = topics.arns().map((arn) => `<member>${element('TopicArn', arn)}</member>`).join('');
      return `<Topics>${members}</Topics>`;
    },
  };

  async function handle(body: string, contentType: string): Promise<SnsResponse> {
    const requestId = randomUUID();
    const headers = { 'content-type': 'text/xml', 'x-amzn-requestid': requestId };
    try {
      if (!String(contentType).toLowerCase().startsWith('application/x-www-form-urlencoded')) {
        throw new SnsError('MalformedQueryString', 'Expected an application/x-www-form-urlencoded request body');
      }
      const params = new URLSearchParams(body);
      const action = params.get('Action') ?? '';
      const run = Object.hasOwn(actions, action) ? actions[action] : undefined;
      if (!run) throw new SnsError('InvalidAction', `The action ${action || '(none)'} is not valid for this web service.`);
      return { status: 200, headers, body: successXml(action, run(params), requestId) };
    } catch (error) {
      const known = error instanceof SnsError;
      if (!known) log(JSON.stringify({ level: 'error', message: `SNS stand-in failure: ${(error as Error).stack ?? String(error)}` }));
      const failure = known ? error : new SnsError('InternalError', 'Internal error in the local SNS stand-in', 500, 'Receiver');
      return { status: failure.status, headers, body: errorXml(failure.type, failure.code, failure.message, requestId) };
    }
  }

  return {
    handle,
    outbox: (filter) => outbox.list(filter),
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async deliveriesSettled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
