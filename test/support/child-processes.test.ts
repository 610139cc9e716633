import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect, test } from 'vitest';
import { stopLeftovers, tracked } from './child-processes.js';

test('a tracked child still running is killed; one that has exited is forgotten', async () => {
  const done = tracked(spawn(process.execPath, ['-e', '0']));
  await once(done, 'exit');
  const waiting = tracked(spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']));
  const exited = once(waiting, 'exit');
  expect(stopLeftovers()).toBe(1);
  const [code, signal] = await exited;
  expect(code).toBeNull();
  expect(signal).toBe('SIGKILL');
  expect(stopLeftovers()).toBe(0);
});
