/**
 * A local EventBridge Scheduler for the calls the functions make (`@aws-sdk/client-scheduler`,
 * REST-JSON): CreateSchedule, UpdateSchedule, DeleteSchedule and GetSchedule of one-time `at(...)`
 * schedules in the description's schedule groups. A due schedule invokes its target function
 * asynchronously with its Input, as Scheduler does; what "due" means is the engine's clock, so tests
 * move the clock and call `fireDue()` instead of waiting. The target must be one the group's role
 * may invoke (the description's `targets`), and the RoleArn must be that role, as IAM would insist.
 */
import { parseAt } from './at-expression.js';
import { openScheduleStore, type StoredSchedule } from './store.js';
import type { Clock } from '../clock.js';

export interface ScheduleGroupInfo {
  name: string;
  roleArn: string;
  /** Function ARNs the group's role may invoke. */
  targetArns: string[];
}

export interface SchedulerStandInOptions {
  dataDir: string | null;
  region: string;
  accountId: string;
  clock: Clock;
  /** The groups and targets of the API now mounted (they change on reload). */
  groups: () => ScheduleGroupInfo[];
  /** Starts the target function with the schedule's Input (an asynchronous invocation). */
  invoke: (functionArn: string, input: unknown) => void;
  log: (line: string) => void;
}

export interface SchedulerResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

class SchedulerError extends Error {
  constructor(
    readonly type: 'ValidationException' | 'ResourceNotFoundException' | 'ConflictException',
    message: string,
  ) {
    super(message);
  }
}

const STATUS = { ValidationException: 400, ResourceNotFoundException: 404, ConflictException: 409 } as const;
const NAME = /^[0-9a-zA-Z-_.]{1,64}$/;

function json(status: number, body: unknown): SchedulerResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export function createSchedulerStandIn(options: SchedulerStandInOptions) {
  const store = openScheduleStore(options.dataDir);
  const arnOf = (group: string, name: string) => `arn:aws:scheduler:${options.region}:${options.accountId}:schedule/${group}/${name}`;

  function group(name: string | undefined): ScheduleGroupInfo {
    const found = options.groups().find((g) => g.name === (name ?? 'default'));
    if (!found) throw new SchedulerError('ResourceNotFoundException', `Schedule group ${name ?? 'default'} does not exist.`);
    return found;
  }

  function scheduleFrom(name: string, body: Record<string, unknown>, createdAt: number): StoredSchedule {
    if (!NAME.test(name)) throw new SchedulerError('ValidationException', `Invalid schedule name ${JSON.stringify(name)}: 1 to 64 letters, digits, '-', '_' or '.'.`);
    const target = (body.Target ?? {}) as { Arn?: string; RoleArn?: string; Input?: string };
    const window = (body.FlexibleTimeWindow ?? {}) as { Mode?: string };
    if (window.Mode !== 'OFF' && window.Mode !== 'FLEXIBLE') throw new SchedulerError('ValidationException', 'FlexibleTimeWindow.Mode must be OFF or FLEXIBLE.');
    const expression = String(body.ScheduleExpression ?? '');
    const at = parseAt(expression);
    if (at === null) throw new SchedulerError('ValidationException', `Invalid Schedule Expression ${expression}: the local scheduler runs one-time at(yyyy-mm-ddThh:mm:ss) schedules only.`);
    if ((body.ScheduleExpressionTimezone ?? 'UTC') !== 'UTC') throw new SchedulerError('ValidationException', 'The local scheduler supports ScheduleExpressionTimezone UTC only.');
    const owner = group(body.GroupName as string | undefined);
    if (!target.Arn || !target.RoleArn) throw new SchedulerError('ValidationException', 'Target.Arn and Target.RoleArn are required.');
    if (target.RoleArn !== owner.roleArn) throw new SchedulerError('ValidationException', `The execution role ${target.RoleArn} is not the role of schedule group ${owner.name} (${owner.roleArn}).`);
    if (!owner.targetArns.includes(target.Arn)) throw new SchedulerError('ValidationException', `The role of schedule group ${owner.name} may not invoke ${target.Arn}.`);
    if (target.Input !== undefined && typeof target.Input !== 'string') throw new SchedulerError('ValidationException', 'Target.Input must be a string.');
    return {
      name,
      groupName: owner.name,
      arn: arnOf(owner.name, name),
      expression,
      at,
      target: { arn: target.Arn, roleArn: target.RoleArn, input: target.Input },
      actionAfterCompletion: body.ActionAfterCompletion === 'DELETE' ? 'DELETE' : 'NONE',
      state: body.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
      createdAt,
    };
  }

  function route(method: string, name: string, query: URLSearchParams, body: Record<string, unknown>): SchedulerResponse {
    if (method === 'POST') {
      const schedule = scheduleFrom(name, body, options.clock.now());
      if (store.get(schedule.groupName, name)) throw new SchedulerError('ConflictException', `Schedule ${name} already exists.`);
      store.put(schedule);
      return json(200, { ScheduleArn: schedule.arn });
    }
    if (method === 'PUT') {
      const schedule = scheduleFrom(name, body, options.clock.now());
      if (!store.get(schedule.groupName, name)) throw new SchedulerError('ResourceNotFoundException', `Schedule ${name} does not exist.`);
      store.put(schedule);
      return json(200, { ScheduleArn: schedule.arn });
    }
    const groupName = group(query.get('groupName') ?? undefined).name;
    if (method === 'DELETE') {
      if (!store.delete(groupName, name)) throw new SchedulerError('ResourceNotFoundException', `Schedule ${name} does not exist.`);
      return json(200, {});
    }
    if (method === 'GET') {
      const schedule = store.get(groupName, name);
      if (!schedule) throw new SchedulerError('ResourceNotFoundException', `Schedule ${name} does not exist.`);
      return json(200, {
        Arn: schedule.arn,
        Name: schedule.name,
        GroupName: schedule.groupName,
        ScheduleExpression: schedule.expression,
        ScheduleExpressionTimezone: 'UTC',
        State: schedule.state,
        ActionAfterCompletion: schedule.actionAfterCompletion,
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: schedule.target.arn, RoleArn: schedule.target.roleArn, Input: schedule.target.input },
        CreationDate: schedule.createdAt / 1000,
      });
    }
    throw new SchedulerError('ValidationException', `${method} is not an operation of the local scheduler.`);
  }

  return {
    /** One HTTP request under the stand-in's prefix; `path` is what follows it (`/schedules/<name>`). */
    handle(method: string, path: string, query: URLSearchParams, rawBody: string): SchedulerResponse {
      try {
        const match = /^\/schedules\/([^/]+)$/.exec(path);
        if (!match) throw new SchedulerError('ValidationException', `Nothing is served at ${method} ${path}: the local scheduler has CreateSchedule, UpdateSchedule, DeleteSchedule and GetSchedule.`);
        let body: Record<string, unknown> = {};
        if (rawBody.trim() !== '') {
          const parsed = JSON.parse(rawBody) as unknown;
          if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SchedulerError('ValidationException', 'The request body must be a JSON object.');
          body = parsed as Record<string, unknown>;
        }
        return route(method, decodeURIComponent(match[1]), query, body);
      } catch (error) {
        const type = error instanceof SchedulerError ? error.type : 'ValidationException';
        const message = error instanceof Error ? error.message : String(error);
        return { status: STATUS[type], headers: { 'content-type': 'application/json', 'x-amzn-errortype': type }, body: JSON.stringify({ Message: message }) };
      }
    },

    /** Fires every enabled schedule whose time has come by the clock; returns how many. */
    fireDue(): number {
      const now = options.clock.now();
      const due = store.all().filter((s) => s.state === 'ENABLED' && s.firedAt === undefined && s.at <= now).sort((a, b) => a.at - b.at);
      for (const schedule of due) {
        // Taken out (or marked) before the target starts, so a schedule never fires twice.
        if (schedule.actionAfterCompletion === 'DELETE') store.delete(schedule.groupName, schedule.name);
        else store.put({ ...schedule, firedAt: now });
        let input: unknown = {};
        try {
          input = schedule.target.input === undefined ? {} : JSON.parse(schedule.target.input);
        } catch {
          // Scheduler passes any string; a Lambda target that is not JSON gets it as a string.
          input = schedule.target.input;
        }
        options.log(JSON.stringify({ level: 'info', message: `scheduler: ${schedule.groupName}/${schedule.name} fired, invoking ${schedule.target.arn}` }));
        options.invoke(schedule.target.arn, input);
      }
      return due.length;
    },

    schedules: (): StoredSchedule[] => store.all(),
  };
}

export type SchedulerStandIn = ReturnType<typeof createSchedulerStandIn>;
