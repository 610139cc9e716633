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
 * Tried and left out: garbage collection on the thread that made the garbage (`--single-threaded-gc`). While the
 * functions' thread ran every notification of a backlog at once, V8's helpers competed with the engine's thread
 * for the two cores, and without them 16 moves at once went 3 to 13% faster. Once moves were stored as strings and
 * the functions' thread ran at most 64 invocations, three runs against three showed no difference, and the soak's
 * engine ended at 349 MiB instead of 257.
 */
export const ENGINE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
