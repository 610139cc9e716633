export { createCognitoStandIn } from './stand-in.js';
export type { CognitoStandIn, CognitoStandInOptions, CodeDelivery, StandInResponse } from './stand-in.js';
