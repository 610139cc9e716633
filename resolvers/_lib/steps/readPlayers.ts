/** Pipeline step after a game ended: the players' records, read to plan their settle writes (see settle.ts). */
export { readPlayersRequest as request, readPlayersResponse as response } from './settle.js';
