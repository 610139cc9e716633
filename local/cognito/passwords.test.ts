import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { DEFAULT_COST, hashCost, hashPassword, verifyPassword } from './passwords.js';

describe('password hashes', () => {
  test('the cost is written into the hash, so one hashed at another cost still verifies', async () => {
    const cheap = await hashPassword('Mypassword1', 1024);
    assert.match(cheap, /^scrypt\$1024\$8\$1\$/);
    const dear = await hashPassword('Mypassword1', 4096);
    assert.match(dear, /^scrypt\$4096\$/);
    for (const stored of [cheap, dear]) {
      assert.equal(await verifyPassword('Mypassword1', stored), true);
      assert.equal(await verifyPassword('Mypassword2', stored), false);
    }
  });

  test('TURNBASE_PASSWORD_HASH_COST sets the cost of new hashes; a value that is not a power of two is refused', () => {
    assert.equal(hashCost({}), DEFAULT_COST);
    assert.equal(hashCost({ TURNBASE_PASSWORD_HASH_COST: '1024' }), 1024);
    for (const bad of ['1000', '0', '-1024', 'cheap', String(2 ** 21)]) {
      assert.throws(() => hashCost({ TURNBASE_PASSWORD_HASH_COST: bad }), /TURNBASE_PASSWORD_HASH_COST must be a power of two/);
    }
  });
});
