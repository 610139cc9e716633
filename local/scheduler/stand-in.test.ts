/** The scheduler stand-in through the real @aws-sdk/client-scheduler, by a manual clock. */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConflictException, CreateScheduleCommand, DeleteScheduleCommand, GetScheduleCommand, ResourceNotFoundException, SchedulerClient, ValidationException } from '@aws-sdk/client-scheduler';
import { manualClock } from '../clock.js';
import { parseAt } from './at-expression.js';
import { createSchedulerStandIn } from './stand-in.js';

const clock = manualClock(Date.UTC(2026, 0, 1, 0, 0, 0));
const invoked: Array<{ arn: string; input: unknown }> = [];
const group = { name: 'app-turns', roleArn: 'arn:aws:iam::000000000000:role/app-turns-scheduler', targetArns: ['arn:aws:lambda:us-east-1:000000000000:function:app-target'] };
const standIn = createSchedulerStandIn({ dataDir: null, region: 'us-east-1', accountId: '000000000000', clock, groups: () => [group], invoke: (arn, input) => invoked.push({ arn, input }), log: () => {} });
let server: Server;
let client: SchedulerClient;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const answer = standIn.handle(req.method ?? 'GET', url.pathname, url.searchParams, body);
      res.writeHead(answer.status, answer.headers).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new SchedulerClient({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const create = (name: string, expression: string, overrides: Record<string, unknown> = {}) =>
  client.send(new CreateScheduleCommand({
    Name: name,
    GroupName: group.name,
    ScheduleExpression: expression,
    FlexibleTimeWindow: { Mode: 'OFF' },
    ActionAfterCompletion: 'DELETE',
    Target: { Arn: group.targetArns[0], RoleArn: group.roleArn, Input: JSON.stringify({ name }) },
    ...overrides,
  }));

test('at() expressions: whole seconds in UTC, real dates only', () => {
  assert.equal(parseAt('at(2026-01-01T00:00:30)'), Date.UTC(2026, 0, 1, 0, 0, 30));
  for (const bad of ['at(2026-02-30T00:00:00)', 'at(2026-01-01T24:00:00)', 'rate(5 minutes)', 'at(2026-01-01T00:00:00Z)']) assert.equal(parseAt(bad), null, bad);
});

test('a one-time schedule fires once, by the clock, with its Input, then deletes itself', async () => {
  await create('a', 'at(2026-01-01T00:01:00)');
  assert.equal((await client.send(new GetScheduleCommand({ Name: 'a', GroupName: group.name }))).ScheduleExpression, 'at(2026-01-01T00:01:00)');
  clock.advance(59_999);
  assert.equal(standIn.fireDue(), 0);
  clock.advance(1);
  assert.equal(standIn.fireDue(), 1);
  assert.equal(standIn.fireDue(), 0, 'never twice');
  assert.deepEqual(invoked.at(-1), { arn: group.targetArns[0], input: { name: 'a' } });
  await assert.rejects(client.send(new GetScheduleCommand({ Name: 'a', GroupName: group.name })), ResourceNotFoundException);
});

test('a name is taken once; deleting a missing schedule is ResourceNotFound; bad requests are ValidationException', async () => {
  await create('b', 'at(2026-02-01T00:00:00)');
  await assert.rejects(create('b', 'at(2026-02-01T00:00:00)'), ConflictException);
  await client.send(new DeleteScheduleCommand({ Name: 'b', GroupName: group.name }));
  await assert.rejects(client.send(new DeleteScheduleCommand({ Name: 'b', GroupName: group.name })), ResourceNotFoundException);
  await assert.rejects(create('c', 'rate(1 minute)'), ValidationException);
  await assert.rejects(create('d', 'at(2026-02-01T00:00:00)', { Target: { Arn: 'arn:aws:lambda:us-east-1:000000000000:function:other', RoleArn: group.roleArn } }), /may not invoke/);
  await assert.rejects(create('e', 'at(2026-02-01T00:00:00)', { Target: { Arn: group.targetArns[0], RoleArn: 'arn:aws:iam::000000000000:role/other' } }), /not the role of schedule group/);
  await assert.rejects(create('f', 'at(2026-02-01T00:00:00)', { GroupName: 'nope' }), ResourceNotFoundException);
});
