/**
 * cdk-nag acknowledgments that need a resource's logical id in the finding, e.g.
 * `AwsSolutions-IAM5[Resource::<FunctionAuth08317CBF.Arn>:*]`. cdk-nag 3 matches findings one by one,
 * so the exact finding text is rebuilt here instead of being copied by hand.
 */
import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** `<LogicalId.Attribute>`, as cdk-nag prints a `Fn::GetAtt [LogicalId, Attribute]`. */
export function attributePlaceholder(construct: IConstruct, attribute: string): string {
  const resource = CfnResource.isCfnResource(construct) ? construct : (construct.node.defaultChild ?? construct.node.tryFindChild('Resource'));
  if (!resource || !CfnResource.isCfnResource(resource)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  const logicalId = Stack.of(resource).resolve(resource.logicalId) as string;
  return `<${logicalId}.${attribute}>`;
}

export function arnPlaceholder(construct: IConstruct): string {
  return attributePlaceholder(construct, 'Arn');
}

/** Acknowledges one wildcard resource of an IAM policy (AwsSolutions-IAM5) on `scope` and its children. */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
}
