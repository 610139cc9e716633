/**
 * The engine's side of real-time: turns a WebSocket `start` into a subscription (auth, validation,
 * the subscription resolver run once, its filters), and renders published mutation results for it.
 */
import { Kind, execute, executeSync, getArgumentValues, type FieldNode, type GraphQLField } from 'graphql';
import type { ConnectOutcome, FilterJson, GraphQLErrorEntry, RealtimeBackend, SubscribeOutcome } from '../realtime/contract.js';
import { formatExecutionError } from './errors.js';
import type { Executor } from './executor.js';

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) if (typeof value === 'string') out[key.toLowerCase()] = value;
  return out;
}

function subscribedMutations(field: GraphQLField<unknown, unknown>): string[] {
  const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
  const arg = directive?.arguments?.find((a) => a.name.value === 'mutations');
  if (!arg || arg.value.kind !== Kind.LIST) return [];
  return arg.value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []));
}

const fail = (errorType: string, message: string): SubscribeOutcome => ({ ok: false, errors: [{ errorType, message }] });

export function createRealtimeBackend(executor: Executor): RealtimeBackend {
  return {
    async authorizeConnection(headers, sourceIp): Promise<ConnectOutcome> {
      const auth = await executor.authenticate(lowerCaseKeys(headers), [sourceIp]);
      return auth.ok ? { ok: true } : { ok: false, status: 401, errorType: 'UnauthorizedException', message: auth.message };
    },

    async subscribe(input): Promise<SubscribeOutcome> {
      const headers = lowerCaseKeys(input.authorization);
      const auth = await executor.authenticate(headers, [input.sourceIp]);
      if (!auth.ok) return fail('UnauthorizedException', auth.message);
      const parsed = executor.parse(input.query, input.operationName);
      if (!parsed.ok) {
        if (parsed.multipleOperations) return fail('DuplicatedOperationError', 'Only one operation is allowed in a start message.');
        return { ok: false, errors: parsed.errors };
      }
      // AppSync takes exactly one operation per start, even when operationName would pick one.
      if (parsed.document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length > 1) {
        return fail('DuplicatedOperationError', 'Only one operation is allowed in a start message.');
      }
      const { document, operation } = parsed;
      if (operation.operation !== 'subscription') {
        return fail('UnsupportedOperation', `${operation.operation} not supported through the realtime channel`);
      }
      const fieldNode = operation.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value !== '__typename');
      const subscriptionType = executor.schema.getSubscriptionType();
      const field = fieldNode && subscriptionType?.getFields()[fieldNode.name.value];
      if (!fieldNode || !field) return fail('UnsupportedOperation', 'The subscription selects no field.');

      // Runs the root field once: field auth and the subscription resolver, which returns null.
      const context = executor.newContext(auth.caller, headers);
      const started = await execute({
        schema: executor.schema,
        document,
        operationName: input.operationName,
        variableValues: input.variables,
        contextValue: context,
        fieldResolver: executor.fieldResolver,
      });
      const errors = [...(started.errors ?? []), ...context.appended];
      if (errors.length > 0) return { ok: false, errors: errors.map(formatExecutionError) };

      const args = getArgumentValues(field, fieldNode, input.variables);
      const argumentFilters = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== null && v !== undefined));
      const fieldName = field.name;
      return {
        ok: true,
        subscription: {
          fieldName,
          mutations: subscribedMutations(field),
          argumentFilters,
          filter: context.subscriptionFilter as FilterJson | undefined,
          invalidationFilter: context.invalidationFilter as FilterJson | undefined,
          // Field auth shapes the payload too, so only callers with the same mode and groups share a rendering.
          renderKey: JSON.stringify([input.query, input.operationName ?? null, input.variables, auth.caller.mode, (auth.caller.identity && 'groups' in auth.caller.identity ? auth.caller.identity.groups : null) ?? null]),
          render(result) {
            const rendered = executeSync({
              schema: executor.schema,
              document,
              operationName: input.operationName,
              variableValues: input.variables,
              rootValue: { [fieldName]: result },
              contextValue: context,
              fieldResolver: executor.payloadFieldResolver,
            });
            const data = (rendered.data ?? null) as Record<string, unknown> | null;
            const renderedErrors: GraphQLErrorEntry[] | undefined = rendered.errors?.map(formatExecutionError);
            return renderedErrors ? { data, errors: renderedErrors } : { data };
          },
        },
      };
    },

    onPublish: (listener) => executor.onPublish(listener),
    onInvalidate: (listener) => executor.onInvalidate(listener),
  };
}
