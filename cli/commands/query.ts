/** `turnbase query`: any GraphQL document, the way curl would send it, without the shell gymnastics. */
import type { Command } from '../command.js';
import { CliError, EXIT } from '../errors.js';
import { describeErrors, type AuthMode } from '../graphql.js';
import { choice } from '../options.js';

const modes: Record<string, AuthMode> = { 'api-key': 'api-key', user: 'user' };

export const query: Command = {
  name: 'query',
  args: '<graphql>',
  summary: 'send a GraphQL query, mutation or subscription-free document and print the JSON result',
  details: [
    'Prints the result\'s data as JSON. A GraphQL error prints the API\'s messages on stderr and exits 1.',
    'Pass - as <graphql> to read the document from stdin.',
  ],
  options: { variables: { type: 'string' }, auth: { type: 'string' } },
  optionHelp: [
    '--variables JSON    the operation\'s variables, as a JSON object',
    '--auth MODE         api-key or user (default: user when signed in, else api-key)',
  ],
  arity: [1, 1],
  async run(context) {
    const document = context.args[0] === '-' ? await context.input.readAll() : context.args[0];
    if (document.trim() === '') throw new CliError('The GraphQL document is empty.', EXIT.usage);
    let variables: Record<string, unknown> = {};
    if (context.options.variables !== undefined) {
      try {
        variables = JSON.parse(String(context.options.variables)) as Record<string, unknown>;
      } catch {
        throw new CliError('--variables is not valid JSON.', EXIT.usage);
      }
      if (!variables || typeof variables !== 'object' || Array.isArray(variables)) throw new CliError('--variables must be a JSON object.', EXIT.usage);
    }
    const mode = choice(context, 'auth', modes) ?? (context.api().signedIn() ? 'user' : 'api-key');
    const result = await context.api().send(document, variables, mode);
    if (result.data !== undefined && result.data !== null) context.out(JSON.stringify(result.data, null, 2));
    if (result.errors?.length) throw new CliError(describeErrors(result.errors), EXIT.api);
  },
};
