/** Accounts, profiles and ratings: `register`, `confirm`, `me`, `user`, `leaderboard`. */
import {
  ConfirmSignUpDocument,
  GetUserDocument,
  LeaderboardDocument,
  MeDocument,
  RegisterDocument,
  type UserFieldsFragment,
} from '../../client/generated/graphql.js';
import type { Command, Context } from '../command.js';
import { CliError, EXIT } from '../errors.js';
import { printTable, readPages } from '../lists.js';
import { count, integer, required } from '../options.js';
import { username } from './games.js';

function printUser(context: Context, user: UserFieldsFragment): void {
  if (context.json) return context.out(JSON.stringify(user, null, 2));
  const { gamesPlayed, gamesWon, gamesLost } = user.stats;
  context.out(`${user.username}: height ${user.height}, weight ${user.weight}`);
  context.out(`  rating ${user.rating}, games ${gamesPlayed} (won ${gamesWon}, lost ${gamesLost})`);
  if (user.email) context.out(`  email ${user.email}, phone ${user.phoneNumber}`);
  if (user.items.length) context.out(`  items: ${user.items.map((i) => i.type.toLowerCase()).join(', ')}`);
}

export const register: Command = {
  name: 'register',
  args: '<username>',
  summary: 'create a player account (asks for the password)',
  details: ['The password needs 8 characters with an upper-case letter, a lower-case letter and a number.', 'When stdin is not a terminal, the password is its first line.'],
  options: { email: { type: 'string' }, phone: { type: 'string' }, height: { type: 'string' }, weight: { type: 'string' } },
  optionHelp: ['--email ADDRESS     required', '--phone +15555550100  required: game notifications go there by SMS', '--height N          required, 1 to 1000', '--weight N          required, 1 to 10000'],
  arity: [1, 1],
  async run(context) {
    const input = {
      username: context.args[0],
      email: required(context, 'email', 'register'),
      phoneNumber: required(context, 'phone', 'register'),
      height: integer('height', required(context, 'height', 'register')),
      weight: integer('weight', required(context, 'weight', 'register')),
      password: '',
    };
    const api = context.api();
    input.password = await context.input.askSecret(`Password for ${input.username}: `);
    const data = await api.run(RegisterDocument, { input }, 'api-key');
    if (!data.register) throw new CliError('The API registered nobody.', EXIT.api);
    if (context.json) return printUser(context, data.register);
    context.out(`Registered ${data.register.username}. Sign in with \`turnbase login ${data.register.username}\`.`);
  },
};

export const confirm: Command = {
  name: 'confirm',
  args: '<username> <code>',
  summary: 'confirm a registration with the code sent to the player (only when sign-up needs one)',
  arity: [2, 2],
  async run(context) {
    const [username, code] = context.args;
    await context.api().run(ConfirmSignUpDocument, { username, code }, 'api-key');
    context.out(context.json ? JSON.stringify({ username, confirmed: true }) : `Confirmed ${username}.`);
  },
};

export const me: Command = {
  name: 'me',
  args: '',
  summary: 'your profile, inventory and stats',
  arity: [0, 0],
  async run(context) {
    const data = await context.api().run(MeDocument, {});
    if (!data.me) throw new CliError('The API has no profile for you.', EXIT.api);
    printUser(context, data.me);
  },
};

export const user: Command = {
  name: 'user',
  args: '<username>',
  summary: "a player's profile, inventory and stats",
  arity: [1, 1],
  async run(context) {
    const data = await context.api().run(GetUserDocument, { username: context.args[0] }, context.api().signedIn() ? 'user' : 'api-key');
    if (!data.getUser) throw new CliError(`No player "${context.args[0]}".`, EXIT.api);
    printUser(context, data.getUser);
  },
};

export const leaderboard: Command = {
  name: 'leaderboard',
  args: '',
  summary: 'players by Elo rating, highest first (games between people count)',
  options: { top: { type: 'string' } },
  optionHelp: ['--top N             how many places to show (default 20)'],
  arity: [0, 0],
  async run(context) {
    const top = context.options.top === undefined ? 20 : count('--top', String(context.options.top));
    const me = await username(context);
    const limit = Math.min(top, 100); // the API's largest page
    const entries = await readPages(async (nextToken) => (await context.api().run(LeaderboardDocument, { limit, nextToken })).leaderboard, top);
    const places = entries.map((entry, index) => ({ place: index + 1, username: entry.username, rating: entry.rating }));
    if (context.json) return context.out(JSON.stringify(places, null, 2));
    if (places.length === 0) return context.note('Nobody has played a rated game yet.');
    printTable(
      context,
      ['PLACE', 'PLAYER', 'RATING'],
      places.map((p) => [String(p.place), p.username === me ? `${p.username} (you)` : p.username, String(p.rating)]),
    );
  },
};
