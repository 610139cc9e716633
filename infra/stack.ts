/**
 * The whole deployment of one API description. Everything comes from the LoadedApi (what the
 * local engine serves) and the BundledApi (the code the local engine runs): nothing is listed here.
 */
import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { BundledApi } from '../description/bundle.js';
import type { LoadedApi } from '../description/load.js';
import { createFunctions } from './functions.js';
import { createScheduleGroups } from './schedule-groups.js';
import { acknowledgeWildcardResource } from './nag.js';
import { GraphqlApiConstruct } from './graphql-api.js';
import type { StackResources } from './resources.js';
import { createTables } from './tables.js';
import { createTopics } from './topics.js';
import { createUserPool } from './user-pool.js';
import { amplifyOutputs } from '../description/amplify-outputs.js';
import { WebSite } from './web-site.js';
import { OUTPUT_NAMES } from './output-names.js';

export interface TurnbaseStackProps extends StackProps {
  api: LoadedApi;
  bundle: BundledApi;
  /** Keep tables and the user pool when the stack is deleted, and protect them from deletion. */
  retain: boolean;
  /** The description's built web app (see description/web.ts); required when it declares `web`. */
  webDir?: string;
}

export class TurnbaseStack extends Stack {
  readonly resources: StackResources;
  readonly graphql: GraphqlApiConstruct;
  readonly web?: WebSite;

  constructor(scope: Construct, id: string, props: TurnbaseStackProps) {
    super(scope, id, props);
    const { api, bundle, retain } = props;
    const description = api.description;

    const tables = createTables(this, description.tables, retain);
    const tableIndexes = new Map(Object.entries(description.tables ?? {}).map(([name, table]) => [name, table.indexes ?? {}] as [string, Record<string, unknown>]));
    this.resources = {
      tables,
      tableIndexes,
      topics: createTopics(this, description.topics),
      userPool: description.userPool ? createUserPool(this, description.userPool, retain) : undefined,
      region: this.region,
    };
    const { functions, complete } = createFunctions(this, { functions: description.functions, bundle, resources: this.resources, retain });
    this.resources.functions = functions;
    this.resources.scheduleGroups = createScheduleGroups(this, description.scheduleGroups, functions);
    this.graphql = new GraphqlApiConstruct(this, 'GraphQL', { api, bundle, resources: this.resources, functions });
    this.resources.graphqlApi = { url: this.graphql.graphqlApi.graphqlUrl, arn: this.graphql.graphqlApi.arn };
    // What refers to the API, the schedule groups or other functions, now that they exist.
    complete();
    acknowledgeLogRetentionFunction(this);
    if (description.web) {
      if (!props.webDir) throw new Error('the description declares a web app; build it (description/web.ts) and pass webDir');
      const userPool = this.resources.userPool;
      this.web = new WebSite(this, 'Web', {
        assetDir: props.webDir,
        amplifyOutputs: amplifyOutputs(description, {
          region: this.region,
          graphqlUrl: this.graphql.graphqlApi.graphqlUrl,
          apiKey: this.graphql.graphqlApi.apiKey,
          userPoolId: userPool?.pool.userPoolId,
          userPoolClientId: userPool?.client.userPoolClientId,
        }),
      });
      new CfnOutput(this, OUTPUT_NAMES.webUrl, { value: `https://${this.web.distribution.distributionDomainName}/`, description: 'The web app (CloudFront)' });
    }

    new CfnOutput(this, OUTPUT_NAMES.graphqlUrl, { value: this.graphql.graphqlApi.graphqlUrl, description: 'GraphQL endpoint (HTTPS)' });
    new CfnOutput(this, OUTPUT_NAMES.realtimeUrl, { value: this.graphql.realtimeUrl, description: 'Real-time endpoint (WebSocket)' });
    new CfnOutput(this, OUTPUT_NAMES.region, { value: this.region, description: 'Region of every resource' });
    if (this.graphql.graphqlApi.apiKey) {
      new CfnOutput(this, OUTPUT_NAMES.apiKey, { value: this.graphql.graphqlApi.apiKey, description: 'API key for the public operations' });
    }
    if (this.resources.userPool) {
      new CfnOutput(this, OUTPUT_NAMES.userPoolId, { value: this.resources.userPool.pool.userPoolId });
      new CfnOutput(this, OUTPUT_NAMES.userPoolClientId, { value: this.resources.userPool.client.userPoolClientId });
    }
  }
}

/**
 * CDK's singleton Lambda that sets the retention of the AppSync log group (GraphqlApi creates it
 * whenever logging is on). Its role is CDK's, not ours, so its findings are acknowledged here.
 */
function acknowledgeLogRetentionFunction(stack: Stack): void {
  const singleton = stack.node.children.find((child) => child.node.id.startsWith('LogRetention'));
  if (!singleton) return;
  Validations.of(singleton).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: 'CDK-owned log-retention helper; it only writes its own logs with the AWS basic execution policy.',
  });
  acknowledgeWildcardResource(singleton, '*', 'CDK-owned log-retention helper: it sets the retention of log groups whose names are known only at deploy time.');
}
