/** SNS topics of the description: TLS-only publishing, encrypted with the AWS-managed SNS key. */
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { TopicConfig } from '../description/types.js';
import { pascalCase } from './names.js';

export function createTopics(scope: Construct, topics: Record<string, TopicConfig> | undefined): Map<string, sns.Topic> {
  const created = new Map<string, sns.Topic>();
  if (!topics || Object.keys(topics).length === 0) return created;
  // The AWS-managed key costs nothing and its key policy already lets same-account principals publish through SNS.
  const managedKey = kms.Alias.fromAliasName(scope, 'SnsManagedKey', 'alias/aws/sns');
  for (const [name, config] of Object.entries(topics)) {
    const topic = new sns.Topic(scope, `Topic${pascalCase(name)}`, {
      displayName: config.displayName,
      enforceSSL: true,
      masterKey: managedKey,
    });
    created.set(name, topic);
  }
  return created;
}
