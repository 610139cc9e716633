/** DynamoDB tables of the description: on demand, point-in-time recovery, the described indexes. */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { KeyAttribute, TableConfig } from '../description/types.js';
import { pascalCase } from './names.js';

const attributeTypes: Record<KeyAttribute['type'], dynamodb.AttributeType> = {
  S: dynamodb.AttributeType.STRING,
  N: dynamodb.AttributeType.NUMBER,
  B: dynamodb.AttributeType.BINARY,
};

function attribute(key: KeyAttribute): dynamodb.Attribute {
  return { name: key.name, type: attributeTypes[key.type] };
}

export function createTables(scope: Construct, tables: Record<string, TableConfig> | undefined, retain: boolean): Map<string, dynamodb.Table> {
  const created = new Map<string, dynamodb.Table>();
  for (const [name, config] of Object.entries(tables ?? {})) {
    const table = new dynamodb.Table(scope, `Table${pascalCase(name)}`, {
      partitionKey: attribute(config.partitionKey),
      sortKey: config.sortKey ? attribute(config.sortKey) : undefined,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: retain,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const [indexName, index] of Object.entries(config.indexes ?? {})) {
      table.addGlobalSecondaryIndex({
        indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: index.sortKey ? attribute(index.sortKey) : undefined,
        projectionType: index.projection === 'KEYS_ONLY' ? dynamodb.ProjectionType.KEYS_ONLY : dynamodb.ProjectionType.ALL,
      });
    }
    created.set(name, table);
  }
  return created;
}
