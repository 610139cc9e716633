/**
 * The turn-schedule function: keeps a game's EventBridge Scheduler one-time schedules in step with
 * its turns. Invoked asynchronously by the resolvers after each change of a game that has a time
 * limit, it deletes the previous turn's schedules and creates this turn's two: the reminder
 * (target: the notify function, with the reminder as its event) and the timeout (target: the
 * turn-timeout function). Both delete themselves once they have run.
 *
 * Configuration: SCHEDULE_GROUP, SCHEDULER_ROLE_ARN, TIMEOUT_FUNCTION_ARN, NOTIFY_FUNCTION_ARN.
 * A real SchedulerClient in its default configuration (locally AWS_ENDPOINT_URL_SCHEDULER leads to the engine).
 */
import { ConflictException, CreateScheduleCommand, DeleteScheduleCommand, ResourceNotFoundException, SchedulerClient } from '@aws-sdk/client-scheduler';
import type { TurnScheduleEvent } from './protocol.js';
import { atExpression, scheduleNames } from './schedule-names.js';

const scheduler = new SchedulerClient({});

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function deleteIfThere(group: string, name: string): Promise<void> {
  try {
    await scheduler.send(new DeleteScheduleCommand({ GroupName: group, Name: name }));
  } catch (error) {
    // Already fired (they delete themselves) or never made: nothing to do.
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
}

async function create(group: string, name: string, at: string, targetArn: string, input: unknown): Promise<void> {
  try {
    await scheduler.send(
      new CreateScheduleCommand({
        GroupName: group,
        Name: name,
        ScheduleExpression: atExpression(at),
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: { Arn: targetArn, RoleArn: setting('SCHEDULER_ROLE_ARN'), Input: JSON.stringify(input) },
      }),
    );
  } catch (error) {
    // A retried invocation: this turn's schedule is already there.
    if (!(error instanceof ConflictException)) throw error;
  }
}

export async function handler(event: TurnScheduleEvent): Promise<{ created: string[] }> {
  const group = setting('SCHEDULE_GROUP');
  const created: string[] = [];
  if (event.version > 1) {
    const previous = scheduleNames(event.gameId, event.version - 1);
    await Promise.all([deleteIfThere(group, previous.timeout), deleteIfThere(group, previous.reminder)]);
  }
  const names = scheduleNames(event.gameId, event.version);
  if (event.deadline) {
    await create(group, names.timeout, event.deadline, setting('TIMEOUT_FUNCTION_ARN'), { gameId: event.gameId, version: event.version });
    created.push(names.timeout);
  }
  if (event.deadline && event.reminderAt && event.reminder) {
    await create(group, names.reminder, event.reminderAt, setting('NOTIFY_FUNCTION_ARN'), event.reminder);
    created.push(names.reminder);
  }
  return { created };
}
