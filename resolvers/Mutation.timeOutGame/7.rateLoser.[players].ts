export { request, response } from '../_lib/steps/rateLoser.js';
