export { request, response } from '../_lib/steps/settleLoser.js';
