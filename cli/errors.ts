/**
 * Exit codes, so scripts can tell what went wrong without parsing messages:
 *   0 done · 1 the API refused (a GraphQL or Cognito error) · 2 bad command line
 *   3 not signed in, wrong password or session over · 4 no usable amplify_outputs.json, or the API cannot be reached
 */
export const EXIT = { ok: 0, api: 1, usage: 2, auth: 3, setup: 4 } as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error meant for the user: one line on stderr and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

export const usage = (message: string) => new CliError(message, EXIT.usage);
