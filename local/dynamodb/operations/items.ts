/** GetItem, PutItem, UpdateItem and DeleteItem: one item, optionally guarded by a condition. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DataSourceOutcome } from '../../datasources/contract.js';
import { sameItem, toPlainItem, toPlainItemOrNull, type SdkItem } from '../attributes.js';
import { mergeAttributes, readExpression } from '../expressions.js';
import { RequestError } from '../request-error.js';
import {
  readBoolean,
  readCondition,
  readItem,
  readKey,
  readProjection,
  refuseVersion,
  type Condition,
  type RequestObject,
} from '../request-fields.js';
import { conditionFailedError, errorCode, storeError } from '../store-errors.js';
import type { OperationContext } from './context.js';

/**
 * What the write was meant to leave behind, for AppSync's idempotency rule: a failed condition counts as a
 * success when the item already equals it. `absent` for a delete; `unknown` when it cannot be known cheaply.
 */
type IntendedResult = { kind: 'item'; item: SdkItem } | { kind: 'absent' } | { kind: 'unknown' };

async function currentItem(context: OperationContext, key: SdkItem, failure: unknown): Promise<SdkItem | undefined> {
  // Stores that honour ReturnValuesOnConditionCheckFailure put the old item on the error; others need a read.
  const returned = (failure as { Item?: Record<string, AttributeValue> }).Item;
  if (returned !== undefined) return returned;
  const read = await context.store.send('GetItem', { TableName: context.tableName, Key: key, ConsistentRead: true });
  return read.Item;
}

async function answerConditionFailure(
  context: OperationContext,
  key: SdkItem,
  condition: Condition | undefined,
  intended: IntendedResult,
  failure: unknown,
): Promise<DataSourceOutcome> {
  let current: SdkItem | undefined;
  try {
    current = await currentItem(context, key, failure);
  } catch (readError) {
    return { result: null, error: storeError(readError, 'GetItem') };
  }
  const ignore = condition?.equalsIgnore ?? [];
  const alreadyDone =
    (intended.kind === 'absent' && current === undefined) ||
    (intended.kind === 'item' && current !== undefined && sameItem(current, intended.item, ignore));
  if (alreadyDone) return { result: toPlainItemOrNull(current) };
  return { result: toPlainItemOrNull(current), error: conditionFailedError(failure) };
}

function conditionFields(condition: Condition | undefined): { ConditionExpression?: string } {
  return condition === undefined ? {} : { ConditionExpression: condition.expression.expression };
}

/** `write` only sends: request checks happen before it, so a RequestError never passes as a store error. */
async function guardedWrite(
  context: OperationContext,
  operation: string,
  key: SdkItem,
  condition: Condition | undefined,
  intended: IntendedResult,
  write: () => Promise<DataSourceOutcome>,
): Promise<DataSourceOutcome> {
  try {
    return await write();
  } catch (error) {
    if (errorCode(error) === 'ConditionalCheckFailedException') {
      return answerConditionFailure(context, key, condition, intended, error);
    }
    return { result: null, error: storeError(error, operation) };
  }
}

export async function getItem(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const key = readKey(request.key, 'key');
  const projection = readProjection(request.projection, 'projection');
  const input = {
    TableName: context.tableName,
    Key: key,
    ConsistentRead: readBoolean(request.consistentRead, 'consistentRead'),
    ...(projection ? { ProjectionExpression: projection.expression } : {}),
    ...mergeAttributes([projection]),
  };
  try {
    const output = await context.store.send('GetItem', input);
    return { result: toPlainItemOrNull(output.Item) };
  } catch (error) {
    return { result: null, error: storeError(error, 'GetItem') };
  }
}

export async function putItem(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  refuseVersion(request);
  const key = readKey(request.key, 'key');
  const attributes = readItem(request.attributeValues, 'attributeValues');
  for (const name of Object.keys(key)) {
    if (name in attributes && JSON.stringify(attributes[name]) !== JSON.stringify(key[name])) {
      throw new RequestError(`attributeValues.${name} differs from key.${name}; a key attribute belongs in key only`);
    }
  }
  const item = { ...attributes, ...key };
  const condition = readCondition(request.condition, 'condition');
  const input = {
    TableName: context.tableName,
    Item: item,
    ReturnValuesOnConditionCheckFailure: condition ? 'ALL_OLD' : undefined,
    ...conditionFields(condition),
    ...mergeAttributes([condition?.expression]),
  };
  return guardedWrite(context, 'PutItem', key, condition, { kind: 'item', item }, async () => {
    await context.store.send('PutItem', input);
    return { result: toPlainItem(item) };
  });
}

/**
 * UpdateItem does not apply the idempotency rule: knowing the intended item would mean evaluating the
 * update expression here. A failed condition is always reported, with the current item as `result`,
 * which is the safe side (a resolver that wants idempotency can compare `ctx.result` itself).
 */
export async function updateItem(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  refuseVersion(request);
  const key = readKey(request.key, 'key');
  const update = readExpression(request.update, 'update');
  if (update === undefined) throw new RequestError('update is required for UpdateItem');
  const condition = readCondition(request.condition, 'condition');
  const input = {
    TableName: context.tableName,
    Key: key,
    UpdateExpression: update.expression,
    ReturnValues: 'ALL_NEW',
    ReturnValuesOnConditionCheckFailure: condition ? 'ALL_OLD' : undefined,
    ...conditionFields(condition),
    ...mergeAttributes([update, condition?.expression]),
  };
  return guardedWrite(context, 'UpdateItem', key, condition, { kind: 'unknown' }, async () => {
    const output = await context.store.send('UpdateItem', input);
    return { result: toPlainItemOrNull(output.Attributes) };
  });
}

export async function deleteItem(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  refuseVersion(request);
  const key = readKey(request.key, 'key');
  const condition = readCondition(request.condition, 'condition');
  const input = {
    TableName: context.tableName,
    Key: key,
    ReturnValues: 'ALL_OLD',
    ReturnValuesOnConditionCheckFailure: condition ? 'ALL_OLD' : undefined,
    ...conditionFields(condition),
    ...mergeAttributes([condition?.expression]),
  };
  return guardedWrite(context, 'DeleteItem', key, condition, { kind: 'absent' }, async () => {
    const output = await context.store.send('DeleteItem', input);
    return { result: toPlainItemOrNull(output.Attributes) };
  });
}
