import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { compileBundle, setIsolation } from './index.js';
import { bundleSnippet, defaultRunOptions, makeContext } from './testing.js';

function compile(source: string, name = 'Query.getThing') {
  return compileBundle(name, bundleSnippet(source));
}

describe('compileBundle: exports and imports', () => {
  test('reports which handlers a bundle exports, including renamed exports', () => {
    const bundle = compile(`function before(ctx) { return {}; } export { before as request };`);
    assert.equal(bundle.name, 'Query.getThing');
    assert.equal(bundle.has('request'), true);
    assert.equal(bundle.has('response'), false);
    const outcome = bundle.run('request', makeContext(), defaultRunOptions);
    assert.equal(outcome.kind, 'return');
  });

  test('a missing handler export is a crash with a clear message', () => {
    const outcome = compile(`export function request() { return {}; }`).run('response', makeContext(), defaultRunOptions);
    assert.equal(outcome.kind, 'crash');
    assert.match(outcome.kind === 'crash' ? outcome.message : '', /exports no "response" function/);
  });

  test('resolves @aws-appsync/utils and @aws-appsync/utils/dynamodb imports, and util as a global', () => {
    const bundle = compile(`
      import { util as u, runtime } from '@aws-appsync/utils';
      import * as ddb from '@aws-appsync/utils/dynamodb';
      import { get } from '@aws-appsync/utils/dynamodb';
      export function request(ctx) {
        return { a: u.dynamodb.toString('x'), b: get({ key: { id: 'k' } }).operation, c: typeof ddb.operations.increment,
                 d: typeof runtime.earlyReturn, e: util.urlEncode('a b') };
      }`);
    const outcome = bundle.run('request', makeContext(), defaultRunOptions);
    assert.deepEqual(outcome.kind === 'return' && outcome.value, { a: { S: 'x' }, b: 'GetItem', c: 'function', d: 'function', e: 'a+b' });
  });

  test('an import of any other module fails to compile and every run crashes', () => {
    const bundle = compileBundle('Bad.import', `import fs from 'node:fs';\nexport function request() { return fs; }`);
    assert.equal(bundle.has('request'), false);
    const outcome = bundle.run('request', makeContext(), defaultRunOptions);
    assert.equal(outcome.kind, 'crash');
    assert.match(outcome.kind === 'crash' ? outcome.message : '', /node:fs/);
  });

  test('a syntax error is a crash, not an exception', () => {
    const bundle = compileBundle('Bad.syntax', 'export function request(ctx) { return {; }');
    const outcome = bundle.run('request', makeContext({ stash: { kept: 1 } }), defaultRunOptions);
    assert.equal(outcome.kind, 'crash');
    assert.match(outcome.kind === 'crash' ? outcome.message : '', /does not compile/);
    assert.deepEqual(outcome.stash, { kept: 1 });
  });

  test('Node globals are not reachable from resolver code', () => {
    const bundle = compile(`export function request() {
      return { process: typeof process, require: typeof globalThis.require, buffer: typeof Buffer, timer: typeof setTimeout };
    }`);
    const outcome = bundle.run('request', makeContext(), defaultRunOptions);
    assert.deepEqual(outcome.kind === 'return' && outcome.value, { process: 'undefined', require: 'undefined', buffer: 'undefined', timer: 'undefined' });
    const escape = compile(`export function request() { return util.autoId.constructor('return 1')(); }`);
    assert.equal(escape.run('request', makeContext(), defaultRunOptions).kind, 'crash');
  });
});

describe('run: fresh state for every call', () => {
  test('module-level state and globals set in one call are gone in the next', () => {
    const bundle = compile(`
      let calls = 0;
      export function request(ctx) {
        calls += 1;
        const seenGlobal = globalThis.leftover;
        globalThis.leftover = 'set by an earlier call';
        return { calls, seenGlobal: seenGlobal ?? null };
      }`);
    for (let i = 0; i < 3; i += 1) {
      const outcome = bundle.run('request', makeContext(), defaultRunOptions);
      assert.deepEqual(outcome.kind === 'return' && outcome.value, { calls: 1, seenGlobal: null });
    }
  });

  test('built-in prototypes cannot be changed for later calls', () => {
    const bundle = compile(`export function request() {
      const before = typeof [].polluted;
      Array.prototype.polluted = 1;
      return before;
    }`);
    const first = bundle.run('request', makeContext(), defaultRunOptions);
    assert.equal(first.kind, 'crash');
    const other = compile(`export function request() { return typeof [].polluted; }`, 'Other.bundle');
    const second = other.run('request', makeContext(), defaultRunOptions);
    assert.equal(second.kind === 'return' && second.value, 'undefined');
  });

  test("a bundle cannot see another bundle's globals", () => {
    compile(`export function request() { globalThis.shared = 42; return null; }`).run('request', makeContext(), defaultRunOptions);
    const outcome = compile(`export function request() { return typeof shared; }`, 'B').run('request', makeContext(), defaultRunOptions);
    assert.equal(outcome.kind === 'return' && outcome.value, 'undefined');
  });
});

describe('run: the ctx object and JSON round trip', () => {
  test('ctx.args aliases ctx.arguments and every ctx field arrives', () => {
    const bundle = compile(`export function request(ctx) {
      ctx.args.extra = 1;
      return { same: ctx.args === ctx.arguments, args: ctx.arguments, field: ctx.info.fieldName, env: ctx.env.STAGE, prev: ctx.prev };
    }`);
    const outcome = bundle.run('request', makeContext({ arguments: { id: '7' }, env: { STAGE: 'test' }, prev: { result: 5 } }), defaultRunOptions);
    assert.deepEqual(outcome.kind === 'return' && outcome.value, { same: true, args: { id: '7', extra: 1 }, field: 'getThing', env: 'test', prev: { result: 5 } });
  });

  test('the returned value is JSON round tripped: undefined dropped, Date as ISO text', () => {
    const bundle = compile(`export function request() { return { keep: 1, drop: undefined, list: [undefined, 2], when: new Date(0) }; }`);
    const outcome = bundle.run('request', makeContext(), defaultRunOptions);
    assert.deepEqual(outcome.kind === 'return' && outcome.value, { keep: 1, list: [null, 2], when: '1970-01-01T00:00:00.000Z' });
  });

  test('returning undefined gives null', () => {
    const outcome = compile(`export function request() {}`).run('request', makeContext(), defaultRunOptions);
    assert.equal(outcome.kind === 'return' && outcome.value, null);
  });

  test('a value that is not JSON is a crash', () => {
    const outcome = compile(`export function request() { const a = {}; a.self = a; return a; }`).run('request', makeContext(), defaultRunOptions);
    assert.equal(outcome.kind, 'crash');
    assert.match(outcome.kind === 'crash' ? outcome.message : '', /not JSON/);
  });

  test("stash changes come back, and the caller's objects are not touched", () => {
    const bundle = compile(`export function request(ctx) { ctx.stash.added = 'yes'; delete ctx.stash.removed; ctx.stash.count += 1; return null; }`);
    const stash = { removed: true, count: 1 };
    const outcome = bundle.run('request', makeContext({ stash }), defaultRunOptions);
    assert.deepEqual(outcome.stash, { count: 2, added: 'yes' });
    assert.deepEqual(stash, { removed: true, count: 1 });
  });

  test('console.log and console.error lines are captured', () => {
    const bundle = compile(`export function request() { console.log('hello', 1, { a: true }); console.error('bad'); return null; }`);
    const outcome = bundle.run('request', makeContext(), defaultRunOptions);
    assert.deepEqual(outcome.logs, ['hello 1 {"a":true}', 'bad']);
  });
});

describe('run: a stash carried from run to run (carryStash)', () => {
  const carry = { ...defaultRunOptions, carryStash: true };
  const first = compile(`export function request(ctx) { ctx.stash.count = 1; ctx.stash.gone = undefined; ctx.stash.nan = NaN; ctx.stash.nested = { list: [1, undefined] }; return null; }`, 'First');
  const second = compile(`export function request(ctx) { ctx.stash.count += 1; return { keys: Object.keys(ctx), stash: JSON.stringify(ctx.stash) }; }`, 'Second');

  test('the next run sees the stash as a JSON round trip would leave it, and its own changes carry on', () => {
    const one = first.run('request', makeContext({ stash: { kept: 'yes' } }), carry);
    const two = second.run('request', makeContext({ stash: one.stash, prev: { result: 1 } }), carry);
    assert.equal(two.kind, 'return');
    const value = (two.kind === 'return' ? two.value : null) as { keys: string[]; stash: string };
    assert.equal(value.stash, '{"kept":"yes","count":2,"nan":null,"nested":{"list":[1,null]}}');
    // The context keeps its keys in their usual order (the stash was not copied in, but stands in its place).
    assert.deepEqual(value.keys, Object.keys({ ...makeContext({ prev: { result: 1 } }), args: null }));
    assert.equal(JSON.stringify(two.stash), '{"kept":"yes","count":2,"nan":null,"nested":{"list":[1,null]}}');
  });

  test('a run that was handed a carried stash cannot change it for anyone else: a second run gets a copy', () => {
    const one = first.run('request', makeContext(), carry);
    const mutate = compile(`export function request(ctx) { ctx.stash.count = 100; return null; }`, 'Mutate');
    const seen = compile(`export function request(ctx) { ctx.stash.count += 1; return ctx.stash.count; }`, 'Seen');
    mutate.run('request', makeContext({ stash: one.stash }), carry);
    const again = seen.run('request', makeContext({ stash: one.stash }), defaultRunOptions);
    // Handed on twice (a caller's mistake), the second run still works on a copy of what the first left.
    assert.equal(again.kind === 'return' && again.value, 101);
    assert.equal((one.stash as { count: number }).count, 100);
  });

  test('a carried stash with no JSON form is a crash, as without carrying', () => {
    const outcome = compile(`export function request(ctx) { const a = {}; a.self = a; ctx.stash.loop = a; return null; }`).run('request', makeContext({ stash: { kept: 1 } }), carry);
    assert.equal(outcome.kind, 'crash');
    assert.match(outcome.kind === 'crash' ? outcome.message : '', /not JSON/);
  });

  test('with a context per call, a carried stash reaches the next run in its new context', () => {
    setIsolation('context-per-call');
    try {
      const one = first.run('request', makeContext({ stash: { kept: 'yes' } }), carry);
      const two = second.run('request', makeContext({ stash: one.stash }), carry);
      assert.equal(two.kind === 'return' && (two.value as { stash: string }).stash, '{"kept":"yes","count":2,"nan":null,"nested":{"list":[1,null]}}');
    } finally {
      setIsolation('shared-realm');
    }
  });
});

describe('run: errors and early return', () => {
  test('util.error ends the handler with kind error', () => {
    const bundle = compile(`export function request(ctx) { ctx.stash.before = true; util.error('Bad move', 'InvalidMove', { heap: 1 }, { hint: 'x' }); ctx.stash.after = true; return 1; }`);
    const outcome = bundle.run('request', makeContext(), defaultRunOptions);
    assert.equal(outcome.kind, 'error');
    assert.deepEqual(outcome.kind === 'error' && outcome.error, { message: 'Bad move', errorType: 'InvalidMove', data: { heap: 1 }, errorInfo: { hint: 'x' } });
    assert.deepEqual(outcome.stash, { before: true });
  });

  test('util.appendError records and continues', () => {
    const bundle = compile(`export function request() { util.appendError('first'); util.appendError('second', 'Kind'); return 'value'; }`);
    const outcome = bundle.run('request', makeContext(), defaultRunOptions);
    assert.equal(outcome.kind === 'return' && outcome.value, 'value');
    assert.deepEqual(outcome.appendedErrors, [
      { message: 'first', errorType: null, data: null, errorInfo: null },
      { message: 'second', errorType: 'Kind', data: null, errorInfo: null },
    ]);
  });

  test('util.unauthorized names the field and type from ctx.info', () => {
    const bundle = compile(`export function request() { util.unauthorized(); }`);
    const ctx = makeContext({ info: { fieldName: 'makeMove', parentTypeName: 'Mutation', variables: {}, selectionSetList: [], selectionSetGraphQL: '' } });
    const outcome = bundle.run('request', ctx, defaultRunOptions);
    assert.deepEqual(outcome.kind === 'error' && outcome.error, {
      message: 'Not Authorized to access makeMove on type Mutation',
      errorType: 'Unauthorized',
      data: null,
      errorInfo: null,
    });
  });

  test("ctx.info's selection keys: readable and writable, left out of JSON, keys and spreads; no run changes them for the next", () => {
    const bundle = compile(`export function request(ctx) {
      const read = [ctx.info.selectionSetList, ctx.info.selectionSetGraphQL];
      ctx.info.selectionSetList = ['changed'];
      let prototypeChanged = true;
      try { Object.defineProperty(Object.getPrototypeOf(ctx.info), 'selectionSetList', { get() { return ['hijacked']; } }); } catch { prototypeChanged = false; }
      return { read, written: ctx.info.selectionSetList, keys: Object.keys(ctx.info), json: JSON.parse(JSON.stringify(ctx.info)), spread: { ...ctx.info }, prototypeChanged };
    }`);
    const info = (list: string[]) => ({ fieldName: 'getThing', parentTypeName: 'Query', variables: { a: 1 }, selectionSetList: list, selectionSetGraphQL: '{ id }' });
    const first = bundle.run('request', makeContext({ info: info(['id']) }), defaultRunOptions);
    assert.deepEqual(first.kind === 'return' && first.value, {
      read: [['id'], '{ id }'],
      written: ['changed'],
      keys: ['fieldName', 'parentTypeName', 'variables'],
      json: { fieldName: 'getThing', parentTypeName: 'Query', variables: { a: 1 } },
      spread: { fieldName: 'getThing', parentTypeName: 'Query', variables: { a: 1 } },
      prototypeChanged: false,
    });
    const second = bundle.run('request', makeContext({ info: info(['title']) }), defaultRunOptions);
    assert.deepEqual(second.kind === 'return' && (second.value as { read: unknown }).read, [['title'], '{ id }']);
    // A context without them (EvaluateCode takes any): a missing key stays missing.
    const partial = compile(`export function request(ctx) { return ['selectionSetList' in ctx.info, 'selectionSetGraphQL' in ctx.info, ctx.info.selectionSetGraphQL, JSON.stringify(ctx.info)]; }`);
    const outcome = partial.run('request', makeContext({ info: { fieldName: 'f', selectionSetGraphQL: '{ x }' } as unknown as ReturnType<typeof makeContext>['info'] }), defaultRunOptions);
    assert.deepEqual(outcome.kind === 'return' && outcome.value, [false, true, '{ x }', '{"fieldName":"f"}']);
    // Any other key, even one named like a prototype's.
    const named = compile(`export function request(ctx) { return [JSON.stringify(ctx.info), ctx.info.selectionSetList, Object.getPrototypeOf(Object.getPrototypeOf(ctx.info)) === Object.prototype]; }`);
    const odd = named.run('request', makeContext({ info: { constructor: 'c', toString: 't', selectionSetList: ['id'], selectionSetGraphQL: '' } as unknown as ReturnType<typeof makeContext>['info'] }), defaultRunOptions);
    assert.deepEqual(odd.kind === 'return' && odd.value, ['{"constructor":"c","toString":"t"}', ['id'], true]);
  });

  test('util.error still wins when resolver code catches the unwinding', () => {
    const bundle = compile(`export function request() { try { util.error('kept'); } catch (e) { /* swallowed */ } return 'ignored'; }`);
    const outcome = bundle.run('request', makeContext(), defaultRunOptions);
    assert.equal(outcome.kind === 'error' && outcome.error.message, 'kept');
  });

  test('runtime.earlyReturn defaults to skipTo NEXT (on to the next function) and carries the value', () => {
    const bundle = compile(`import { runtime } from '@aws-appsync/utils'; export function request() { runtime.earlyReturn({ cached: true }); return 'not reached'; }`);
    const outcome = bundle.run('request', makeContext(), defaultRunOptions);
    assert.equal(outcome.kind, 'earlyReturn');
    assert.deepEqual(outcome.kind === 'earlyReturn' && [outcome.value, outcome.skipTo], [{ cached: true }, 'NEXT']);
  });

  test('runtime.earlyReturn with skipTo NEXT, and without a value', () => {
    const bundle = compile(`export function request() { runtime.earlyReturn(undefined, { skipTo: 'NEXT' }); }`);
    const outcome = bundle.run('request', makeContext(), defaultRunOptions);
    assert.deepEqual(outcome.kind === 'earlyReturn' && [outcome.value, outcome.skipTo], [null, 'NEXT']);
  });

  test('a JS exception is a crash carrying the error name and message', () => {
    const bundle = compile(`export function request(ctx) { return ctx.arguments.missing.deeper; }`);
    const outcome = bundle.run('request', makeContext({ stash: { a: 1 } }), defaultRunOptions);
    assert.equal(outcome.kind, 'crash');
    assert.match(outcome.kind === 'crash' ? outcome.message : '', /^TypeError: .*deeper/);
    assert.deepEqual(outcome.stash, { a: 1 });
  });

  test('throwing a non-error value is a crash too', () => {
    const outcome = compile(`export function request() { throw 'plain text'; }`).run('request', makeContext(), defaultRunOptions);
    assert.deepEqual(outcome.kind === 'crash' && outcome.message, 'Uncaught plain text');
  });
});

describe('run: the time limit', () => {
  test('an endless loop is stopped with a time-limit crash, and the bundle keeps working', () => {
    const bundle = compile(`export function request(ctx) { if (ctx.arguments.spin) { while (true) {} } return 'ok'; }`);
    const outcome = bundle.run('request', makeContext({ arguments: { spin: true } }), { timeoutMs: 30, authType: null });
    assert.deepEqual(outcome.kind === 'crash' && outcome.message, 'Resolver code exceeded the 30 ms time limit');
    const next = bundle.run('request', makeContext(), defaultRunOptions);
    assert.equal(next.kind === 'return' && next.value, 'ok');
  });

  test('endless recursion and loops that swallow the stop are stopped too', () => {
    const recursion = compile(`function spin(n) { return n < 0 ? n : spin(n + 1) - 1; } export function request() { return spin(0); }`);
    const outcome = recursion.run('request', makeContext(), { timeoutMs: 30, authType: null });
    assert.equal(outcome.kind, 'crash');
    const stubborn = compile(`export function request() { for (;;) { try { for (;;) {} } catch (e) { /* keep going */ } } }`);
    const stopped = stubborn.run('request', makeContext(), { timeoutMs: 30, authType: null });
    assert.deepEqual(stopped.kind === 'crash' && stopped.message, 'Resolver code exceeded the 30 ms time limit');
  });

  test('a result whose toJSON never ends is stopped too, and the caller keeps its stash', () => {
    const bundle = compile(`export function request(ctx) { ctx.stash.changed = true; return { toJSON() { for (;;) {} } }; }`);
    const outcome = bundle.run('request', makeContext({ stash: { kept: 1 } }), { timeoutMs: 30, authType: null });
    assert.equal(outcome.kind, 'crash');
    assert.match(outcome.kind === 'crash' ? outcome.message : '', /time limit/);
    assert.deepEqual(outcome.stash, { kept: 1 });
  });

  test('rejects a missing or non-positive time limit', () => {
    const bundle = compile(`export function request() { return 1; }`);
    assert.throws(() => bundle.run('request', makeContext(), { timeoutMs: 0, authType: null }), /timeoutMs/);
  });
});

describe('run: util.authType and extensions', () => {
  test('util.authType answers the run option', () => {
    const bundle = compile(`export function request() { return util.authType(); }`);
    const outcome = bundle.run('request', makeContext(), { timeoutMs: 1000, authType: 'User Pool Authorization' });
    assert.equal(outcome.kind === 'return' && outcome.value, 'User Pool Authorization');
  });

  test('extension calls are recorded in the outcome', () => {
    const bundle = compile(`import { extensions, util } from '@aws-appsync/utils';
      export function response(ctx) {
        extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ gameId: { eq: ctx.args.id } }));
        extensions.invalidateSubscriptions({ subscriptionField: 'onMove', payload: { gameId: 'g1' } });
        extensions.evictFromApiCache('Query', 'getGame', { 'context.arguments.id': 'g1' });
        return null;
      }`);
    const outcome = bundle.run('response', makeContext({ arguments: { id: 'g1' } }), defaultRunOptions);
    assert.deepEqual(outcome.extensions, {
      subscriptionFilter: { filterGroup: [{ filters: [{ fieldName: 'gameId', operator: 'eq', value: 'g1' }] }] },
      invalidations: [{ subscriptionField: 'onMove', payload: { gameId: 'g1' } }],
      evictions: [{ typeName: 'Query', fieldName: 'getGame', keys: { 'context.arguments.id': 'g1' } }],
    });
  });

  test('a sixth different invalidateSubscriptions call is an error; repeats do not count', () => {
    const bundle = compile(`export function response(ctx) {
      for (const id of ctx.args.ids) extensions.invalidateSubscriptions({ subscriptionField: 'onMove', payload: { id } });
      return 'done';
    }`);
    const ok = bundle.run('response', makeContext({ arguments: { ids: [1, 2, 3, 4, 5, 5, 1] } }), defaultRunOptions);
    assert.equal(ok.kind === 'return' && ok.value, 'done');
    assert.equal(ok.extensions.invalidations.length, 5);
    const tooMany = bundle.run('response', makeContext({ arguments: { ids: [1, 2, 3, 4, 5, 6] } }), defaultRunOptions);
    assert.equal(tooMany.kind, 'error');
    assert.match(tooMany.kind === 'error' ? tooMany.error.message : '', /at most 5/);
  });
});

describe('run: the library works inside the sandbox realm', () => {
  test('util functions that need the host, Intl or parsers answer from resolver code', () => {
    const bundle = compile(`export function request() {
      return {
        id: util.autoId().length,
        ulid: util.autoUlid().length,
        ksuid: util.autoKsuid().length,
        b64: util.base64Decode(util.base64Encode('héllo')),
        perth: util.time.epochMilliSecondsToFormatted(0, 'yyyy-MM-dd HH:mm XXX', 'Australia/Perth'),
        matches: util.matches('(?i)[a-z]+', 'AbC'),
        xml: util.xml.toMap('<a><b>1</b></a>'),
        filter: JSON.parse(util.transform.toDynamoDBFilterExpression({ a: { eq: 1 } })).expression,
      };
    }`);
    const outcome = bundle.run('request', makeContext(), defaultRunOptions);
    assert.deepEqual(outcome.kind === 'return' && outcome.value, {
      id: 36,
      ulid: 26,
      ksuid: 27,
      b64: 'héllo',
      perth: '1970-01-01 08:00 +08:00',
      matches: true,
      xml: { a: { b: 1 } },
      filter: '(#a = :a_eq)',
    });
  });

  test('library errors surface as crashes with their message', () => {
    const outcome = compile(`export function request() { return util.base64Decode('***'); }`).run('request', makeContext(), defaultRunOptions);
    assert.equal(outcome.kind, 'crash');
    assert.match(outcome.kind === 'crash' ? outcome.message : '', /not valid base64/);
  });

  test('a global that cannot be deleted makes the runtime rebuild its realm, and later runs do not see it', () => {
    const sticky = compile(`export function request() {
      Object.defineProperty(globalThis, 'sticky', { value: 1, enumerable: true, configurable: false });
      return 'defined';
    }`, 'Sticky.bundle');
    const reader = compile(`export function request() { return typeof sticky; }`, 'Reader.bundle');
    assert.equal(reader.run('request', makeContext(), defaultRunOptions).kind, 'return');
    const first = sticky.run('request', makeContext(), defaultRunOptions);
    assert.equal(first.kind === 'return' && first.value, 'defined');
    const afterwards = reader.run('request', makeContext(), defaultRunOptions);
    assert.equal(afterwards.kind === 'return' && afterwards.value, 'undefined');
  });
});

describe('isolation modes', () => {
  const leak = `export function request() {
    const seen = typeof globalThis.hiddenLeak;
    Object.defineProperty(globalThis, 'hiddenLeak', { value: 1, enumerable: false, configurable: true });
    return seen;
  }`;

  test('shared-realm keeps a non-enumerable global until the realm is rebuilt (the documented gap)', () => {
    setIsolation('shared-realm');
    const bundle = compile(leak);
    const first = bundle.run('request', makeContext(), defaultRunOptions);
    const second = bundle.run('request', makeContext(), defaultRunOptions);
    assert.deepEqual([first.kind === 'return' && first.value, second.kind === 'return' && second.value], ['undefined', 'number']);
    setIsolation('shared-realm');
  });

  test('context-per-call gives every call a new context, so nothing survives', () => {
    setIsolation('context-per-call');
    try {
      const bundle = compile(leak);
      const first = bundle.run('request', makeContext(), defaultRunOptions);
      const second = bundle.run('request', makeContext(), defaultRunOptions);
      assert.deepEqual([first.kind === 'return' && first.value, second.kind === 'return' && second.value], ['undefined', 'undefined']);
    } finally {
      setIsolation('shared-realm');
    }
  });

  test('an unknown mode is refused', () => {
    assert.throws(() => setIsolation('none' as never), /Unknown isolation/);
  });
});
