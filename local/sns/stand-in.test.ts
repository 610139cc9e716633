import { test, describe, beforeAll, afterAll } from 'vitest';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTopicCommand, ListTopicsCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { createSnsStandIn } from './stand-in.js';
import type { OutboxMessage, SnsStandIn } from './stand-in.js';

const region = 'eu-west-1';
const accountId = '000000000000';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Serves a stand-in over HTTP the way the engine does: form bodies go to `handle`. */
async function serve(standIn: SnsStandIn): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      void standIn.handle(body, String(request.headers['content-type'] ?? '')).then((answer) => {
        response.writeHead(answer.status, answer.headers);
        response.end(answer.body);
      });
    });
  });
  return { url: await listen(server), server };
}

function snsClient(url: string): SNSClient {
  return new SNSClient({ region, endpoint: url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
}

async function failsWith(promise: Promise<unknown>, name: string, message: string | RegExp, status = 400): Promise<void> {
  await assert.rejects(promise, (error: { name?: string; message?: string; $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(error.name, name);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(String(error.message), message);
    assert.equal(error.$metadata?.httpStatusCode, status);
    return true;
  });
}

describe('SNS stand-in through the AWS SDK client', () => {
  let standIn: SnsStandIn;
  let front: { url: string; server: Server };
  let client: SNSClient;
  const warnings: string[] = [];
  beforeAll(async () => {
    standIn = createSnsStandIn({ dataDir: null, region, accountId, log: (line) => warnings.push(line) });
    front = await serve(standIn);
    client = snsClient(front.url);
  });
  afterAll(async () => {
    client.destroy();
    await close(front.server);
  });

  test('CreateTopic returns the ARN and is idempotent; ListTopics lists it once', async () => {
    const first = await client.send(new CreateTopicCommand({ Name: 'game-events' }));
    assert.equal(first.TopicArn, `arn:aws:sns:${region}:${accountId}:game-events`);
    const again = await client.send(new CreateTopicCommand({ Name: 'game-events' }));
    assert.equal(again.TopicArn, first.TopicArn);
    await client.send(new CreateTopicCommand({ Name: 'other_topic' }));
    const listed = await client.send(new ListTopicsCommand({}));
    assert.deepEqual(
      (listed.Topics ?? []).map((t) => t.TopicArn).sort(),
      [first.TopicArn, `arn:aws:sns:${region}:${accountId}:other_topic`].sort(),
    );
  });

  test('an invalid topic name is refused', async () => {
    await failsWith(client.send(new CreateTopicCommand({ Name: 'bad name!' })), 'InvalidParameterException', /^Invalid parameter: Topic Name/);
  });

  test('Publish to a phone number lands in the outbox with attributes; recipient comes from the attribute', async () => {
    // SNS's own SMS settings travel as attributes with reserved AWS.SNS.SMS. names; other reserved names are refused.
    const withSmsType = await client.send(
      new PublishCommand({
        PhoneNumber: '+15555550100',
        Message: 'sms settings',
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
      }),
    );
    const smsMessage = standIn.outbox({ recipient: '+15555550100' }).find((m) => m.id === withSmsType.MessageId);
    assert.equal(smsMessage?.attributes['AWS.SNS.SMS.SMSType'], 'Transactional');
    await failsWith(
      client.send(new PublishCommand({ PhoneNumber: '+15555550100', Message: 'x', MessageAttributes: { 'amazon.mine': { DataType: 'String', StringValue: 'y' } } })),
      'InvalidParameterValueException',
      /name 'amazon.mine' is invalid/,
    );

    const result = await client.send(
      new PublishCommand({
        PhoneNumber: '+15555550100',
        Message: 'Your turn in game g1 & <more>',
        MessageAttributes: { recipient: { DataType: 'String', StringValue: 'alice' }, moves: { DataType: 'Number', StringValue: '3' } },
      }),
    );
    assert.match(result.MessageId ?? '', /^[0-9a-f-]{36}$/);
    const [message] = standIn.outbox({ recipient: 'alice' }).filter((m) => m.id === result.MessageId);
    assert.ok(message, 'the message is in the outbox under its recipient');
    assert.equal(message.phoneNumber, '+15555550100');
    assert.equal(message.message, 'Your turn in game g1 & <more>');
    assert.deepEqual(message.attributes, { recipient: 'alice', moves: '3' });
    assert.equal(message.topicArn, undefined);
    assert.ok(!Number.isNaN(Date.parse(message.timestamp)));
  });

  test('without a recipient attribute the phone number is the recipient', async () => {
    const result = await client.send(new PublishCommand({ PhoneNumber: '+447700900123', Message: 'hello' }));
    const found = standIn.outbox({ recipient: '+447700900123' });
    assert.equal(found.length, 1);
    assert.equal(found[0].id, result.MessageId);
    assert.deepEqual(found[0].attributes, {});
  });

  test('Publish to a topic keeps the subject and binary attributes; the outbox filters by topic', async () => {
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'announcements' }));
    await client.send(
      new PublishCommand({
        TopicArn,
        Subject: 'New game',
        Message: 'bob challenged alice',
        MessageAttributes: { blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) } },
      }),
    );
    const messages = standIn.outbox({ topicArn: TopicArn });
    assert.equal(messages.length, 1);
    assert.equal(messages[0].subject, 'New game');
    assert.equal(messages[0].recipient, undefined);
    assert.deepEqual(messages[0].attributes, { blob: Buffer.from([1, 2, 3]).toString('base64') });
  });

  test('bad publishes get SNS errors', async () => {
    await failsWith(client.send(new PublishCommand({ PhoneNumber: '555-0100', Message: 'x' })), 'InvalidParameterException', 'Invalid parameter: PhoneNumber Reason: 555-0100 is not valid to publish to');
    await failsWith(
      client.send(new PublishCommand({ TopicArn: `arn:aws:sns:${region}:${accountId}:missing`, Message: 'x' })),
      'NotFoundException',
      'Topic does not exist',
      404,
    );
    await failsWith(client.send(new PublishCommand({ PhoneNumber: '+15555550100', Message: '' })), 'InvalidParameterException', 'Invalid parameter: Empty message');
    await failsWith(client.send(new PublishCommand({ Message: 'nowhere' })), 'InvalidParameterException', /TopicArn or TargetArn/);
    await failsWith(
      client.send(new PublishCommand({ PhoneNumber: '+15555550100', Message: 'x', MessageAttributes: { n: { DataType: 'Number', StringValue: 'three' } } })),
      'InvalidParameterValueException',
      /value to number/,
    );
    await failsWith(
      client.send(new PublishCommand({ PhoneNumber: '+15555550100', Message: 'x', MessageAttributes: { s: { DataType: 'Text', StringValue: 'y' } } })),
      'InvalidParameterValueException',
      /invalid message attribute type/,
    );
    assert.equal(standIn.outbox({ recipient: '555-0100' }).length, 0, 'refused messages never reach the outbox');
  });

  test('the raw error shape is SNS XML', async () => {
    const answer = await standIn.handle('Action=Publish&Version=2010-03-31&PhoneNumber=123&Message=x', 'application/x-www-form-urlencoded');
    assert.equal(answer.status, 400);
    assert.equal(answer.headers['content-type'], 'text/xml');
    assert.match(answer.body, /<ErrorResponse xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/"><Error><Type>Sender<\/Type><Code>InvalidParameter<\/Code><Message>Invalid parameter: PhoneNumber Reason: 123 is not valid to publish to<\/Message><\/Error><RequestId>[0-9a-f-]+<\/RequestId><\/ErrorResponse>/);
    const unknown = await standIn.handle('Action=DeleteTopic&Version=2010-03-31', 'application/x-www-form-urlencoded');
    assert.match(unknown.body, /<Code>InvalidAction<\/Code>/);
    const json = await standIn.handle('{"Action":"Publish"}', 'application/json');
    assert.equal(json.status, 400);
    assert.match(json.body, /<Code>MalformedQueryString<\/Code>/);
  });

  test('onMessage sees each published message until it unsubscribes', async () => {
    const seen: OutboxMessage[] = [];
    const stop = standIn.onMessage((m) => seen.push(m));
    await client.send(new PublishCommand({ PhoneNumber: '+15555550111', Message: 'one' }));
    stop();
    await client.send(new PublishCommand({ PhoneNumber: '+15555550111', Message: 'two' }));
    assert.deepEqual(seen.map((m) => m.message), ['one']);
  });

  describe('http subscribers', () => {
    const received: Array<{ headers: IncomingHttpHeaders; body: Record<string, unknown> }> = [];
    let subscriber: Server;
    let subscriberUrl: string;
    beforeAll(async () => {
      subscriber = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        request.on('end', () => {
          if (request.url === '/broken') {
            response.writeHead(500).end();
            return;
          }
          received.push({ headers: request.headers, body: JSON.parse(body) });
          response.writeHead(200).end();
        });
      });
      subscriberUrl = await listen(subscriber);
    });
    afterAll(() => close(subscriber));

    test('topic messages are POSTed to http subscribers as SNS notifications', async () => {
      const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'moves' }));
      const { SubscriptionArn } = await client.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: `${subscriberUrl}/hook`, ReturnSubscriptionArn: true }));
      assert.ok(SubscriptionArn?.startsWith(`${TopicArn}:`));
      const again = await client.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: `${subscriberUrl}/hook` }));
      assert.equal(again.SubscriptionArn, SubscriptionArn, 'subscribing the same endpoint twice is idempotent');

      const { MessageId } = await client.send(
        new PublishCommand({ TopicArn, Message: 'alice moved', Subject: 'Move', MessageAttributes: { recipient: { DataType: 'String', StringValue: 'bob' } } }),
      );
      await standIn.deliveriesSettled();
      assert.equal(received.length, 1, 'one delivery per subscription');
      const [{ headers, body }] = received;
      assert.equal(headers['x-amz-sns-message-type'], 'Notification');
      assert.equal(headers['x-amz-sns-topic-arn'], TopicArn);
      assert.equal(headers['x-amz-sns-subscription-arn'], SubscriptionArn);
      assert.equal(headers['x-amz-sns-message-id'], MessageId);
      assert.equal(body.Type, 'Notification');
      assert.equal(body.MessageId, MessageId);
      assert.equal(body.Message, 'alice moved');
      assert.equal(body.Subject, 'Move');
      assert.deepEqual(body.MessageAttributes, { recipient: { Type: 'String', Value: 'bob' } });
      assert.equal(standIn.outbox({ recipient: 'bob' })[0].id, MessageId);
    });

    test('a failing subscriber does not fail the publish and is reported', async () => {
      const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'fragile' }));
      await client.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: `${subscriberUrl}/broken` }));
      const before = warnings.length;
      const { MessageId } = await client.send(new PublishCommand({ TopicArn, Message: 'x' }));
      assert.ok(MessageId);
      await standIn.deliveriesSettled();
      assert.equal(warnings.length, before + 1);
      assert.match(warnings.at(-1)!, /HTTP 500/);
    });

    test('only http(s) endpoints on loopback may subscribe', async () => {
      const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'moves' }));
      await failsWith(client.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'a@example.com' })), 'InvalidParameterException', /Protocol/);
      await failsWith(client.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: 'http://example.com/hook' })), 'InvalidParameterException', /loopback/);
      await failsWith(client.send(new SubscribeCommand({ TopicArn, Protocol: 'https', Endpoint: `${subscriberUrl}/hook` })), 'InvalidParameterException', /https URL/);
      await failsWith(
        client.send(new SubscribeCommand({ TopicArn: `arn:aws:sns:${region}:${accountId}:nope`, Protocol: 'http', Endpoint: `${subscriberUrl}/hook` })),
        'NotFoundException',
        'Topic does not exist',
        404,
      );
    });
  });
});

describe('SNS stand-in persistence', () => {
  test('the outbox, topics and subscriptions survive a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'turnbase-sns-'));
    try {
      const first = createSnsStandIn({ dataDir, region, accountId });
      const front = await serve(first);
      const client = snsClient(front.url);
      const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'kept' }));
      await client.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: 'http://127.0.0.1:9/hook' }));
      await client.send(new PublishCommand({ PhoneNumber: '+15555550100', Message: 'remember me', MessageAttributes: { recipient: { DataType: 'String', StringValue: 'zoe' } } }));
      client.destroy();
      await close(front.server);

      const lines = readFileSync(join(dataDir, 'outbox.jsonl'), 'utf8').trim().split('\n');
      assert.equal(lines.length, 1);
      assert.equal(JSON.parse(lines[0]).recipient, 'zoe');
      // A line cut short by a crash must not lose the messages before it.
      appendFileSync(join(dataDir, 'outbox.jsonl'), '{"id":"half');

      const second = createSnsStandIn({ dataDir, region, accountId, log: () => {} });
      assert.deepEqual(second.outbox({ recipient: 'zoe' }).map((m) => m.message), ['remember me']);
      const listed = await second.handle('Action=ListTopics&Version=2010-03-31', 'application/x-www-form-urlencoded');
      assert.match(listed.body, /<TopicArn>arn:aws:sns:eu-west-1:000000000000:kept<\/TopicArn>/);
      const stored = JSON.parse(readFileSync(join(dataDir, 'topics.json'), 'utf8'));
      assert.equal(stored.subscriptions[0].endpoint, 'http://127.0.0.1:9/hook');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('bad options are refused', () => {
    assert.throws(() => createSnsStandIn({ dataDir: null, region, accountId: '12' }), /12 digits/);
    assert.throws(() => createSnsStandIn({ dataDir: null, region: 'moon', accountId }), /region/);
  });
});
