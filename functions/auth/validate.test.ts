import { test } from 'vitest';
import assert from 'node:assert/strict';
import { validateRegistration } from './validate.js';
import type { RegisterArguments } from './protocol.js';

const good: RegisterArguments = { username: 'bonecrusher', password: 'Mypassword1', email: 'bone@example.com', phoneNumber: '+15555550100', height: 75, weight: 350 };

test('accepts the seed registration', () => {
  assert.equal(validateRegistration(good), null);
});

test('refuses each bad field with InvalidInput and a message naming the problem', () => {
  const cases: Array<[Partial<RegisterArguments>, RegExp]> = [
    [{ username: 'ab' }, /username/i],
    [{ username: 'has#hash' }, /username/i],
    [{ email: 'nope' }, /email/i],
    [{ phoneNumber: '5555550100' }, /phone/i],
    [{ height: 0 }, /height/i],
    [{ height: 1.5 }, /height/i],
    [{ weight: 10001 }, /weight/i],
    [{ password: '' }, /password/i],
  ];
  for (const [change, message] of cases) {
    const refusal = validateRegistration({ ...good, ...change });
    assert.equal(refusal?.type, 'InvalidInput', JSON.stringify(change));
    assert.match(refusal!.message, message);
  }
});
