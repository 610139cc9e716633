/** Between stored player profiles and the GraphQL `User` type. */
import type { User } from '../_generated/schema.js';
import type { PlayerRecord } from './records.js';
import { DEFAULT_RATING } from '../../game/ratings.js';

/**
 * The profile as a `User`. `email` and `phoneNumber` are passed along, but their own field
 * resolvers (User.email, User.phoneNumber) hide them from everyone except the player themself.
 */
export function toUser(record: PlayerRecord): User {
  return {
    username: record.username,
    height: record.height,
    weight: record.weight,
    email: record.email ?? null,
    phoneNumber: record.phoneNumber ?? null,
    items: record.items ?? [],
    stats: {
      gamesPlayed: record.gamesPlayed ?? 0,
      gamesWon: record.gamesWon ?? 0,
      gamesLost: record.gamesLost ?? 0,
    },
    rating: DEFAULT_RATING + (record.ratingPoints ?? 0),
    createdAt: record.createdAt,
  };
}
