export { request, response } from '../_lib/steps/rateWinner.js';
