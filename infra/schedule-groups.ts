/**
 * EventBridge Scheduler schedule groups of the description. The functions create the schedules at
 * run time (one-time `at(...)` schedules); CloudFormation holds the group, which removes its
 * schedules when it is deleted, and the role the schedules run as: it may invoke the group's
 * target functions and nothing else, and only the scheduler of this account may assume it.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type { Construct } from 'constructs';
import type { ScheduleGroupConfig } from '../description/types.js';
import { pascalCase } from './names.js';

export function createScheduleGroups(
  scope: Construct,
  groups: Record<string, ScheduleGroupConfig> | undefined,
  functions: Map<string, lambda.Function>,
): Map<string, { name: string; roleArn: string }> {
  const created = new Map<string, { name: string; roleArn: string }>();
  const stack = Stack.of(scope);
  for (const [name, config] of Object.entries(groups ?? {})) {
    const id = `ScheduleGroup${pascalCase(name)}`;
    const groupName = `${stack.stackName}-${name}`;
    new scheduler.CfnScheduleGroup(scope, id, { name: groupName });
    const targets = config.targets.map((target) => {
      const fn = functions.get(target);
      if (!fn) throw new Error(`schedule group "${name}" targets function "${target}", which the description does not declare`);
      return fn.functionArn;
    });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: `The role of the ${name} schedules: invoking their target functions only`,
      inlinePolicies: { invoke: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: targets })] }) },
    });
    created.set(name, { name: groupName, roleArn: role.roleArn });
  }
  return created;
}
