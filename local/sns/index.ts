export { createSnsStandIn } from './stand-in.js';
export type { SnsStandIn, SnsStandInOptions, SnsResponse, OutboxMessage, OutboxFilter } from './stand-in.js';
