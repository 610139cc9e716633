export { request, response } from '../_lib/steps/readRatings.js';
