import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DataSourceOutcome } from '../../datasources/contract.js';
import type { RequestObject } from '../request-fields.js';

/** What every operation handler gets: the client and the table the data source is bound to. */
export interface OperationContext {
  client: DynamoDBClient;
  tableName: string;
}

export type OperationHandler = (context: OperationContext, request: RequestObject) => Promise<DataSourceOutcome>;
