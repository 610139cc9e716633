/**
 * Every published message, in publish order. With a directory it is appended to `<dir>/outbox.jsonl` (one JSON
 * object a line), so people and tests can read what was "sent" after a restart too. Memory holds the latest
 * MEMORY_LIMIT messages only (a ring, oldest dropped first), so a long-running engine does not grow with every
 * SMS; the file keeps them all.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OutboxMessage {
  id: string;
  /** ISO-8601 time of publishing. */
  timestamp: string;
  topicArn?: string;
  phoneNumber?: string;
  message: string;
  subject?: string;
  /** Message attributes by name; binary values as base64. */
  attributes: Record<string, string>;
  /** The `recipient` message attribute if present, else the phone number. */
  recipient?: string;
}

export interface OutboxFilter {
  recipient?: string;
  topicArn?: string;
}

export interface Outbox {
  add(message: OutboxMessage): void;
  list(filter?: OutboxFilter): OutboxMessage[];
}

export const MEMORY_LIMIT = 10_000;

export function openOutbox(directory: string | null, limit = MEMORY_LIMIT): Outbox {
  const file = directory === null ? null : join(directory, 'outbox.jsonl');
  const messages: OutboxMessage[] = file ? load(file).slice(-limit) : [];
  if (directory !== null) mkdirSync(directory, { recursive: true });

  return {
    add(message) {
      messages.push(message);
      // Dropping in batches keeps the cost of shifting the array small per message.
      if (messages.length > limit + limit / 10) messages.splice(0, messages.length - limit);
      if (file) appendFileSync(file, `${JSON.stringify(message)}\n`);
    },
    list(filter = {}) {
      return messages
        .slice(-limit)
        .filter((m) => filter.recipient === undefined || m.recipient === filter.recipient)
        .filter((m) => filter.topicArn === undefined || m.topicArn === filter.topicArn)
        .map((m) => structuredClone(m));
    },
  };
}

function load(file: string): OutboxMessage[] {
  if (!existsSync(file)) return [];
  const messages: OutboxMessage[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      messages.push(JSON.parse(line) as OutboxMessage);
    } catch {
      // A line cut short by a crash mid-append; the messages before it are intact.
    }
  }
  return messages;
}
