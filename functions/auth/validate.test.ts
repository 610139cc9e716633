import { test } from 'vitest';
import assert from 'node:assert/strict';
import { validateConfirmation, validateLogin, validateRefreshToken, validateRegistration } from './validate.js';
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

test('refuses control and text-direction characters, and oversized values, in every field (issue 9)', () => {
  const hostile = ['\u0000', '\u0001', '\u007f', '\u202e', '\u2066', '\n'];
  for (const character of hostile) {
    for (const field of ['email', 'password'] as const) {
      const value = field === 'email' ? `bone${character}@example.com` : `Mypass${character}word1`;
      const refusal = validateRegistration({ ...good, [field]: value });
      assert.equal(refusal?.type, 'InvalidInput', `${field} with U+${character.charCodeAt(0).toString(16)}`);
      assert.match(refusal!.message, /control|direction/);
    }
    assert.equal(validateLogin(`bone${character}`, 'Mypassword1')?.type, 'InvalidInput');
  }
  const huge = 'a'.repeat(1024 * 1024);
  for (const field of ['username', 'password', 'email'] as const) {
    const refusal = validateRegistration({ ...good, [field]: field === 'email' ? `${huge}@example.com` : huge });
    assert.equal(refusal?.type, 'InvalidInput', field);
    assert.ok(refusal!.message.length < 200, 'the message does not repeat the value');
  }
  assert.equal(validateLogin(huge, 'x')?.type, 'InvalidInput');
  assert.equal(validateLogin('bonecrusher', huge)?.type, 'InvalidInput');
  assert.equal(validateRefreshToken(huge)?.type, 'InvalidInput');
  assert.equal(validateConfirmation('bonecrusher', huge)?.type, 'InvalidInput');
  assert.equal(validateLogin('bonecrusher', 'Mypassword1'), null);
});
