/**
 * The notify function: for each game event, publishes to the game-events SNS topic (message
 * attributes `event` and `recipient`, for fan-out to other subscribers) and sends the SMS to the
 * recipient's phone number, which the resolvers read from the player's profile and pass in the
 * event, so this function needs nothing but sns:Publish.
 *
 * Configuration: TOPIC_ARN. Real AWS SDK v3 clients in their default configuration.
 * A failed notification never fails the game: every error is logged and reported in the result,
 * never thrown.
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { messageFor } from './messages.js';
import type { GameEvent, NotifyEvent, NotifyResult } from './protocol.js';

const sns = new SNSClient({});

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function deliver(event: GameEvent): Promise<NotifyResult['results'][number]> {
  const outcome: NotifyResult['results'][number] = { type: event.type, recipient: event.recipient, topic: false, sms: false };
  const message = messageFor(event);
  const problems: string[] = [];
  try {
    await sns.send(
      new PublishCommand({
        TopicArn: process.env.TOPIC_ARN,
        Message: message,
        MessageAttributes: {
          event: { DataType: 'String', StringValue: event.type },
          recipient: { DataType: 'String', StringValue: event.recipient },
          gameId: { DataType: 'String', StringValue: event.gameId },
        },
      }),
    );
    outcome.topic = true;
  } catch (error) {
    problems.push(`topic: ${describe(error)}`);
  }
  try {
    if (event.phoneNumber) {
      await sns.send(new PublishCommand({ PhoneNumber: event.phoneNumber, Message: message }));
      outcome.sms = true;
    } else {
      problems.push('sms: the player has no phone number');
    }
  } catch (error) {
    problems.push(`sms: ${describe(error)}`);
  }
  if (problems.length > 0) {
    outcome.error = problems.join('; ');
    console.error(`notify ${event.type} to ${event.recipient} failed: ${outcome.error}`);
  }
  return outcome;
}

export async function handler(event: NotifyEvent): Promise<NotifyResult> {
  const events = Array.isArray(event?.events) ? event.events : [];
  const results = await Promise.all(events.map((gameEvent) => deliver(gameEvent)));
  return { results };
}
