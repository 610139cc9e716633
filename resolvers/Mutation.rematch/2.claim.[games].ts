/**
 * Records the rematch on the finished game: its id and who asked, written once
 * (attribute_not_exists). When a rematch already exists the write is skipped and that one is used.
 */
import { runtime, util, type Context } from '@aws-appsync/utils';
import type { MutationRematchArgs } from '../_generated/schema.js';
import { fail } from '../_lib/errors.js';
import type { GameRecord } from '../_lib/records.js';

export function request(ctx: Context<MutationRematchArgs>) {
  const game = ctx.prev.result as GameRecord;
  const caller = ctx.stash.caller as string;
  if (game.player1 !== caller && game.player2 !== caller) return fail('NotAPlayer', 'Only the players of a game can ask for a rematch.');
  if (game.status !== 'FINISHED') return fail('GameNotOver', 'This game is still being played; a rematch starts once it is over.');
  ctx.stash.game = game;
  if (game.rematchGameId) {
    ctx.stash.rematchId = game.rematchGameId;
    ctx.stash.rematchBy = game.rematchBy ?? caller;
    return runtime.earlyReturn(null, { skipTo: 'NEXT' });
  }
  ctx.stash.rematchId = util.autoUlid();
  ctx.stash.rematchBy = caller;
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ gameId: game.gameId }),
    update: {
      expression: 'SET #rematchGameId = :id, #rematchBy = :caller',
      expressionNames: { '#rematchGameId': 'rematchGameId', '#rematchBy': 'rematchBy' },
      expressionValues: util.dynamodb.toMapValues({ ':id': ctx.stash.rematchId, ':caller': caller }),
    },
    condition: {
      expression: 'attribute_not_exists(#rematchGameId) AND #status = :finished',
      expressionNames: { '#status': 'status' },
      expressionValues: util.dynamodb.toMapValues({ ':finished': 'FINISHED' }),
    },
  };
}

export function response(ctx: Context<MutationRematchArgs>) {
  if (ctx.error) {
    // The other player's request claimed it a moment ago: asking again finds that rematch.
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      return fail('GameChanged', 'A rematch of this game was just started; ask again to join it.');
    }
    return fail('InternalFailure', 'Could not start the rematch; please try again.');
  }
  return null;
}
