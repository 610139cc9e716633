/**
 * TransactGetItems and TransactWriteItems. They name real table names, passed through as given.
 * Stores without transactions (dynalite) answer UnknownOperationException, which store-errors.ts
 * turns into a message saying so.
 */
import {
  type CancellationReason,
  type TransactGetItem,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import type { DataSourceOutcome } from '../../datasources/contract.js';
import { toPlainItem, toPlainItemOrNull } from '../attributes.js';
import { mergeAttributes, readExpression } from '../expressions.js';
import { RequestError, isPlainObject } from '../request-error.js';
import {
  readArray,
  readCondition,
  readItem,
  readKey,
  readObject,
  readProjection,
  readTableName,
  type RequestObject,
} from '../request-fields.js';
import { errorCode, storeError } from '../store-errors.js';
import type { OperationContext } from './context.js';

function readTransactItems(request: RequestObject): Array<Record<string, unknown>> {
  const items = readArray(request.transactItems, 'transactItems');
  if (items.length === 0) throw new RequestError('transactItems must hold at least one item');
  return items.map((item, index) => readObject(item, `transactItems[${index}]`));
}

function cancellationReasons(error: unknown): Array<{ type: string; message: string | null; item?: unknown }> {
  const reasons = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
  return reasons.map((reason) => ({
    type: reason.Code ?? 'None',
    message: reason.Message ?? null,
    ...(reason.Item ? { item: toPlainItem(reason.Item) } : {}),
  }));
}

export async function transactGetItems(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const transactItems: TransactGetItem[] = readTransactItems(request).map((item, index) => {
    const path = `transactItems[${index}]`;
    const projection = readProjection(item.projection, `${path}.projection`);
    return {
      Get: {
        TableName: readTableName(item.table, `${path}.table`),
        Key: readKey(item.key, `${path}.key`),
        ...(projection ? { ProjectionExpression: projection.expression } : {}),
        ...mergeAttributes([projection]),
      },
    };
  });
  try {
    const output = await context.store.send('TransactGetItems', { TransactItems: transactItems });
    const items = (output.Responses ?? []).map((response) => toPlainItemOrNull(response.Item));
    return { result: { items, cancellationReasons: null } };
  } catch (error) {
    const reasons = errorCode(error) === 'TransactionCanceledException' ? cancellationReasons(error) : null;
    return { result: reasons ? { items: null, cancellationReasons: reasons } : null, error: storeError(error, 'TransactGetItems') };
  }
}

/**
 * `returnValuesOnConditionCheckFailure` defaults to true here: the current item in the cancellation
 * reasons is what a resolver needs to explain a lost race, and asking for it costs nothing.
 */
function writeItem(item: Record<string, unknown>, path: string): TransactWriteItem {
  const TableName = readTableName(item.table, `${path}.table`);
  const Key = readKey(item.key, `${path}.key`);
  const condition = readCondition(item.condition, `${path}.condition`);
  const returnOld = !(isPlainObject(item.condition) && item.condition.returnValuesOnConditionCheckFailure === false);
  const guarded = condition
    ? {
        ConditionExpression: condition.expression.expression,
        ReturnValuesOnConditionCheckFailure: returnOld ? ('ALL_OLD' as const) : ('NONE' as const),
      }
    : {};
  switch (item.operation) {
    case 'PutItem':
      return {
        Put: { TableName, Item: { ...readItem(item.attributeValues, `${path}.attributeValues`), ...Key }, ...guarded, ...mergeAttributes([condition?.expression]) },
      };
    case 'UpdateItem': {
      const update = readExpression(item.update, `${path}.update`);
      if (update === undefined) throw new RequestError(`${path}.update is required for UpdateItem`);
      return {
        Update: { TableName, Key, UpdateExpression: update.expression, ...guarded, ...mergeAttributes([update, condition?.expression]) },
      };
    }
    case 'DeleteItem':
      return { Delete: { TableName, Key, ...guarded, ...mergeAttributes([condition?.expression]) } };
    case 'ConditionCheck':
      if (condition === undefined) throw new RequestError(`${path}.condition is required for ConditionCheck`);
      return {
        ConditionCheck: { TableName, Key, ConditionExpression: condition.expression.expression, ReturnValuesOnConditionCheckFailure: guarded.ReturnValuesOnConditionCheckFailure, ...mergeAttributes([condition.expression]) },
      };
    default:
      throw new RequestError(`${path}.operation must be PutItem, UpdateItem, DeleteItem or ConditionCheck, got ${JSON.stringify(item.operation)}`);
  }
}

export async function transactWriteItems(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const items = readTransactItems(request);
  const transactItems = items.map((item, index) => writeItem(item, `transactItems[${index}]`));
  const keys = items.map((item, index) => toPlainItem(readKey(item.key, `transactItems[${index}].key`)));
  try {
    await context.store.send('TransactWriteItems', { TransactItems: transactItems });
    return { result: { keys, cancellationReasons: null } };
  } catch (error) {
    const reasons = errorCode(error) === 'TransactionCanceledException' ? cancellationReasons(error) : null;
    return { result: reasons ? { keys: null, cancellationReasons: reasons } : null, error: storeError(error, 'TransactWriteItems') };
  }
}
