export { request, response } from '../_lib/steps/scheduleTurn.js';
