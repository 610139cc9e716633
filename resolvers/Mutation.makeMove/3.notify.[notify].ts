export { request, response } from '../_lib/steps/notifyProgress.js';
