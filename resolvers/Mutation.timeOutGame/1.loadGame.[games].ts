export { request, response } from '../_lib/steps/loadGame.js';
