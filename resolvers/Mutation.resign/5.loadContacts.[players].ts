export { request, response } from '../_lib/steps/loadContacts.js';
