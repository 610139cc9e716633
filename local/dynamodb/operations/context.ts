import type { DynamoStore } from '../client.js';
import type { DataSourceOutcome } from '../../datasources/contract.js';
import type { RequestObject } from '../request-fields.js';

/** What every operation handler gets: the store and the table the data source is bound to. */
export interface OperationContext {
  store: DynamoStore;
  tableName: string;
}

export type OperationHandler = (context: OperationContext, request: RequestObject) => Promise<DataSourceOutcome>;
