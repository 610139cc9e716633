export { request, response } from '../_lib/steps/recordLoss.js';
