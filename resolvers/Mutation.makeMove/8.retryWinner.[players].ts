export { request, response } from '../_lib/steps/retryWinner.js';
