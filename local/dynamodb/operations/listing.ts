/** Query and Scan: pages of items, `{items, nextToken, scannedCount}`. */
import type { Select } from '@aws-sdk/client-dynamodb';
import type { DataSourceOutcome } from '../../datasources/contract.js';
import { toPlainItem, type SdkItem } from '../attributes.js';
import { mergeAttributes, readExpression, type Expression } from '../expressions.js';
import { encodeNextToken, decodeNextToken } from '../next-token.js';
import { RequestError } from '../request-error.js';
import { readBoolean, readCount, readProjection, readText, type RequestObject } from '../request-fields.js';
import { storeError } from '../store-errors.js';
import type { OperationContext } from './context.js';

const selectValues = ['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT'];

function readSelect(value: unknown): Select | undefined {
  const select = readText(value, 'select');
  if (select !== undefined && !selectValues.includes(select)) {
    throw new RequestError(`select must be one of ${selectValues.join(', ')}`);
  }
  return select as Select | undefined;
}

/** The fields Query and Scan share. */
function commonFields(context: OperationContext, request: RequestObject, extra: Array<Expression | undefined>) {
  const filter = readExpression(request.filter, 'filter');
  const projection = readProjection(request.projection, 'projection');
  return {
    TableName: context.tableName,
    IndexName: readText(request.index, 'index'),
    Limit: readCount(request.limit, 'limit', 1),
    ConsistentRead: readBoolean(request.consistentRead, 'consistentRead'),
    ExclusiveStartKey: decodeNextToken(request.nextToken),
    Select: readSelect(request.select),
    ...(filter ? { FilterExpression: filter.expression } : {}),
    ...(projection ? { ProjectionExpression: projection.expression } : {}),
    ...mergeAttributes([...extra, filter, projection]),
  };
}

function page(output: { Items?: SdkItem[]; LastEvaluatedKey?: SdkItem; ScannedCount?: number }): DataSourceOutcome {
  return {
    result: {
      items: (output.Items ?? []).map(toPlainItem),
      nextToken: encodeNextToken(output.LastEvaluatedKey),
      scannedCount: output.ScannedCount ?? 0,
    },
  };
}

export async function query(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const keyCondition = readExpression(request.query, 'query');
  if (keyCondition === undefined) throw new RequestError('query is required for Query');
  const input = {
    ...commonFields(context, request, [keyCondition]),
    KeyConditionExpression: keyCondition.expression,
    ScanIndexForward: readBoolean(request.scanIndexForward, 'scanIndexForward'),
  };
  try {
    return page(await context.store.send('Query', input));
  } catch (error) {
    return { result: null, error: storeError(error, 'Query') };
  }
}

export async function scan(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const input = {
    ...commonFields(context, request, []),
    Segment: readCount(request.segment, 'segment', 0),
    TotalSegments: readCount(request.totalSegments, 'totalSegments', 1),
  };
  try {
    return page(await context.store.send('Scan', input));
  } catch (error) {
    return { result: null, error: storeError(error, 'Scan') };
  }
}
