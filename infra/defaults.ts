/** What a Lambda function gets when the description does not say (the stack and the cost model agree). */
export const LAMBDA_DEFAULTS = { memoryMB: 256, timeoutSeconds: 10 } as const;
