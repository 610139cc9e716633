/** Topics and their http(s) subscriptions, kept in `<dir>/topics.json` when there is a directory. */
import { join } from 'node:path';
import { readJsonIfExists, writeJsonAtomic } from '../cognito/files.js';

export interface Subscription {
  arn: string;
  topicArn: string;
  protocol: 'http' | 'https';
  endpoint: string;
}

export interface TopicRegistry {
  has(topicArn: string): boolean;
  /** Creates the topic unless it exists (CreateTopic is idempotent). */
  ensure(topicArn: string): void;
  arns(): string[];
  subscriptions(topicArn: string): Subscription[];
  /** Adds a subscription unless the same endpoint is already subscribed; returns the one in effect. */
  subscribe(subscription: Subscription): Subscription;
}

interface Stored {
  topics: string[];
  subscriptions: Subscription[];
}

export function openTopicRegistry(directory: string | null): TopicRegistry {
  const file = directory === null ? null : join(directory, 'topics.json');
  const stored = (file && readJsonIfExists<Stored>(file)) || { topics: [], subscriptions: [] };
  const topics = new Set<string>(stored.topics);
  const subscriptions: Subscription[] = [...stored.subscriptions];

  function save(): void {
    if (file) writeJsonAtomic(file, { topics: [...topics], subscriptions });
  }

  return {
    has: (arn) => topics.has(arn),
    ensure(arn) {
      if (topics.has(arn)) return;
      topics.add(arn);
      save();
    },
    arns: () => [...topics],
    subscriptions: (arn) => subscriptions.filter((s) => s.topicArn === arn),
    subscribe(subscription) {
      const existing = subscriptions.find(
        (s) => s.topicArn === subscription.topicArn && s.protocol === subscription.protocol && s.endpoint === subscription.endpoint,
      );
      if (existing) return existing;
      subscriptions.push(subscription);
      save();
      return subscription;
    },
  };
}
