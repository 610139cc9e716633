export { request, response } from '../_lib/steps/readPlayers.js';
