export { request, response } from '../_lib/steps/rewardWinner.js';
