/**
 * The engine's log lines, kept for the console's log panel: a tap on the engine's log function (the
 * lines still go where they went before) and a bounded buffer the panel reads from by sequence number.
 */
export interface LogEntry {
  seq: number;
  line: string;
}

export interface LogFeed {
  /** Wraps a log function so every line also lands in the feed. */
  tap(log: (line: string) => void): (line: string) => void;
  /** Lines after `seq` (all kept lines for 0), oldest first. */
  after(seq: number): LogEntry[];
}

export function createLogFeed(capacity = 1000): LogFeed {
  const entries: LogEntry[] = [];
  let seq = 0;
  return {
    tap(log) {
      return (line) => {
        log(line);
        seq += 1;
        entries.push({ seq, line });
        if (entries.length > capacity) entries.splice(0, entries.length - capacity);
      };
    },
    after(since) {
      const first = entries.findIndex((entry) => entry.seq > since);
      return first === -1 ? [] : entries.slice(first);
    },
  };
}
