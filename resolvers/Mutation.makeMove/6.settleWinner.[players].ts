export { request, response } from '../_lib/steps/settleWinner.js';
