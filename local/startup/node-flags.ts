/**
 * Node's flags for the engine's process: `npm start` and `npm run dev` pass them to tsx (package.json), the
 * benchmarks to every server they start and `npm run bench` to its own process (where the raw store of the move
 * benchmark runs), so each comparison is between code, not heap settings. A test keeps them the same.
 *
 * A young generation allowed to grow twice as large: with Node's default (16 MB semi-spaces), 16 moves at once
 * made a minor garbage collection every 30 ms, about 10% of the engine thread's time, and the longest of them
 * (5 to 14 ms) stalled every request in flight. With 32 MB, garbage collection took about 35% less time and 16
 * moves at once went 7 to 10% faster; the price is up to 32 MB more memory under load. (64 MB saved a little
 * more time for three times the memory.)
 *
 * Garbage collection on the thread that made the garbage (`--single-threaded-gc`): V8's helpers otherwise ran
 * beside the engine's thread, the functions' event thread and the clients, more threads wanting CPU than a
 * 2-core machine has, and each one that got a core took it from the engine's thread, stalling every request in
 * flight. Without them, 16 moves at once went 3 to 13% faster in six runs against six, and the p99 fell in five
 * of them. On a machine with cores to spare the helpers would shorten the engine's pauses instead; the
 * machine we measure and size for has two.
 */
export const ENGINE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32', '--single-threaded-gc'];
