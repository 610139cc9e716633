export { request, response } from '../_lib/steps/retryLoser.js';
