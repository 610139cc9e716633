/** Pipeline step after a game ended: both players' ratings, read for the rate steps (see ratings.ts). */
export { readRatingsRequest as request, readRatingsResponse as response } from './ratings.js';
