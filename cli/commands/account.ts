/** Signing in and out: `login`, `logout`, `whoami`. */
import { currentSession, signIn } from '../auth.js';
import { CognitoError, revokeToken } from '../cognito.js';
import type { Command } from '../command.js';
import { CliError, EXIT } from '../errors.js';
import type { Endpoints } from '../outputs.js';
import { readSession, removeSession, sessionPath } from '../session.js';

/** Who is signed in where, as --json prints it; `sessionFile` only when asked. */
function describeSession(session: { username: string; expiresAt: number }, endpoints: Endpoints, sessionFile?: string) {
  return JSON.stringify({ username: session.username, api: endpoints.graphqlUrl, expiresAt: new Date(session.expiresAt).toISOString(), ...(sessionFile ? { sessionFile } : {}) });
}

export const login: Command = {
  name: 'login',
  args: '[username]',
  summary: 'sign in and keep the session for the next commands',
  details: [
    'Asks for the password without showing it. When stdin is not a terminal, the password is its next line',
    '(and the username the line before, when not given).',
    'The session is kept in $XDG_CONFIG_HOME/turnbase (else ~/.config/turnbase), readable by you only,',
    'and refreshed through Cognito when its tokens expire.',
  ],
  arity: [0, 1],
  async run(context) {
    const endpoints = context.endpoints();
    const username = context.args[0] ?? (await context.input.ask('Username: '));
    if (!username) throw new CliError('A username is needed.', EXIT.usage);
    const password = await context.input.askSecret(`Password for ${username}: `);
    const session = await signIn(endpoints, context.profile, username, password);
    context.out(context.json ? describeSession(session, endpoints) : `Signed in as ${session.username} to ${endpoints.graphqlUrl}.`);
  },
};

export const logout: Command = {
  name: 'logout',
  args: '',
  summary: 'sign out: revoke the session and forget it',
  arity: [0, 0],
  async run(context) {
    const endpoints = context.endpoints();
    const session = readSession(context.profile, endpoints.graphqlUrl);
    if (!session) {
      context.out('Not signed in.');
      return;
    }
    // As Amplify's signOut: revoke the refresh token, so a copy of the file is worthless too.
    if (endpoints.userPool && session.refreshToken) {
      try {
        await revokeToken(endpoints.userPool, session.refreshToken);
      } catch (error) {
        if (!(error instanceof CognitoError || error instanceof CliError)) throw error;
        context.note(`Could not revoke the session at Cognito (${error.message}); it is forgotten here all the same.`);
      }
    }
    removeSession(context.profile, endpoints.graphqlUrl);
    context.out(`Signed out ${session.username}.`);
  },
};

export const whoami: Command = {
  name: 'whoami',
  args: '',
  summary: 'who is signed in (refreshing the session if it expired)',
  arity: [0, 0],
  async run(context) {
    const endpoints = context.endpoints();
    const session = await currentSession(endpoints, context.profile);
    context.out(context.json ? describeSession(session, endpoints, sessionPath(context.profile)) : `${session.username} at ${endpoints.graphqlUrl}`);
  },
};
