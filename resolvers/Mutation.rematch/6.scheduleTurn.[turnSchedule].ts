/** The first turn's deadline of a timed rematch this request created (an earlier request scheduled its own). */
import type { Context } from '@aws-appsync/utils';
import type { MutationRematchArgs } from '../_generated/schema.js';
import type { GameRecord } from '../_lib/records.js';
import { scheduleRequest } from '../_lib/steps/scheduleTurn.js';

export function request(ctx: Context<MutationRematchArgs>) {
  return scheduleRequest(ctx.stash.created ? (ctx.stash.rematch as GameRecord) : null);
}

export { response } from '../_lib/steps/scheduleTurn.js';
