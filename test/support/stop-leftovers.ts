// Setup file (vitest.config.ts): registered first, this hook runs after the test file's own afterAll hooks.
import { afterAll } from 'vitest';
import { stopLeftovers } from './child-processes.js';

afterAll(() => {
  stopLeftovers();
});
