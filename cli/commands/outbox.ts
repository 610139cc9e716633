/** `turnbase outbox`: what the local engine's SNS stand-in "sent" (topic messages and SMS). */
import type { Command } from '../command.js';
import { CliError, EXIT } from '../errors.js';
import { send } from '../http.js';

interface OutboxMessage {
  timestamp: string;
  message: string;
  recipient?: string;
  phoneNumber?: string;
  topicArn?: string;
}

export const outbox: Command = {
  name: 'outbox',
  args: '[recipient]',
  summary: 'messages the local engine sent (to a player name or phone number, or all)',
  details: ['Only the local engine has an outbox; in AWS the messages are real SMS and topic deliveries.'],
  arity: [0, 1],
  async run(context) {
    const endpoints = context.endpoints();
    if (!endpoints.outboxUrl) throw new CliError(`The outbox exists only on the local engine; ${endpoints.graphqlUrl} is not one.`, EXIT.usage);
    const url = new URL(endpoints.outboxUrl);
    if (context.args[0]) url.searchParams.set('recipient', context.args[0]);
    let messages: OutboxMessage[];
    try {
      const response = await send(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      messages = JSON.parse(response.text) as OutboxMessage[];
    } catch (error) {
      throw new CliError(`Cannot read the outbox at ${url.origin}: ${(error as Error).message}`, EXIT.setup);
    }
    if (context.json) {
      context.out(JSON.stringify(messages, null, 2));
      return;
    }
    if (messages.length === 0) context.note('The outbox is empty.');
    for (const m of messages) {
      const to = m.phoneNumber ? `SMS to ${m.phoneNumber}` : `${m.topicArn?.split(':').pop() ?? 'topic'} for ${m.recipient ?? 'everyone'}`;
      context.out(`${m.timestamp}  ${to}: ${m.message}`);
    }
  },
};
