/**
 * A local Cognito user pool speaking Cognito's JSON API (`X-Amz-Target: AWSCognitoIdentityProviderService.<Op>`),
 * enough for the AWS SDK v3 client and aws-amplify's Auth client. One pool, one app client, as declared in the
 * API description. It is a pure request handler: the engine's HTTP server routes requests to `handle`.
 *
 * Choices where Cognito has settings:
 * - A login for an unknown user answers UserNotFoundException (the app client's LEGACY existence-error mode, which
 *   is what a client created through the API gets unless PreventUserExistenceErrors is set).
 * - There are no Lambda triggers, so sign-up never confirms a user by itself: ConfirmSignUp (with the delivered
 *   code) or AdminConfirmSignUp does.
 * - RevokeToken (aws-amplify's signOut calls it) revokes one sign-in: its refresh token and its access tokens.
 * - Admin operations are not SigV4-checked: the stand-in only ever listens on loopback.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { errors as joseErrors, jwtVerify } from 'jose';
import type { JSONWebKeySet, JWTPayload } from 'jose';
import type { AuthFlow, UserPoolConfig } from '../../description/types.js';
import { maskDestination, parseSignUpAttributes, toAttributeList } from './attributes.js';
import { CognitoError, validationError } from './errors.js';
import { readJsonIfExists, writeJsonAtomic } from './files.js';
import { checkPasswordPolicy, hashCost, hashPassword, verifyPassword } from './passwords.js';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key.js';
import { issueTokens } from './tokens.js';
import type { TokenSettings } from './tokens.js';
import { digestToken, openUserDirectory } from './users.js';
import type { UserRecord } from './users.js';

export interface CodeDelivery {
  channel: 'SMS' | 'EMAIL';
  destination: string;
  username: string;
  code: string;
}

export interface CognitoStandInOptions {
  pool: UserPoolConfig;
  region: string;
  /** A directory of the stand-in's own for users, pool ids and the signing key; null keeps them in memory. */
  dataDir: string | null;
  /** Base of the issuer URL, e.g. `http://127.0.0.1:4000/cognito`; the issuer is `<base>/<poolId>`. */
  issuerBaseUrl: string;
  /** Receives verification codes (the stand-in sends no SMS or email). */
  deliverCode?: (message: CodeDelivery) => void;
  /** Clock in epoch milliseconds, replaceable in tests. */
  now?: () => number;
  /** The pool's signing key (loadOrCreateSigningKey of `dataDir`), made ahead by a caller that has other work meanwhile. */
  signingKey?: SigningKey;
}

export interface StandInResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface CognitoStandIn {
  poolId: string;
  clientId: string;
  issuer: string;
  jwks(): JSONWebKeySet;
  openidConfiguration(): Record<string, unknown>;
  /** `target` is the X-Amz-Target header value, `body` the JSON request body. */
  handle(target: string, body: string): Promise<StandInResponse>;
  /** Writes the user directory's snapshot (local/cognito/users.ts); every change is on disk already. */
  close(): void;
}

type Input = Record<string, unknown>;

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
const CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
// Cognito's username pattern: letters, marks, symbols, numbers and punctuation; no white space.
const USERNAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;
const KNOWN_FLOWS = [
  'USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'CUSTOM_AUTH', 'ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH', 'USER_AUTH',
];

export function createCognitoStandIn(options: CognitoStandInOptions): CognitoStandIn {
  const { pool, region } = options;
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new Error(`createCognitoStandIn: "${region}" is not an AWS region name`);
  if (!options.issuerBaseUrl) throw new Error('createCognitoStandIn: issuerBaseUrl is required');
  const now = options.now ?? Date.now;
  // Read at start, so a bad TURNBASE_PASSWORD_HASH_COST stops the engine instead of failing every sign-up.
  const passwordCost = hashCost();
  const directory = options.dataDir;
  const { poolId, clientId } = loadOrCreatePoolIds(directory, region);
  const issuer = `${options.issuerBaseUrl.replace(/\/+$/, '')}/${poolId}`;
  const signingKey = options.signingKey ?? loadOrCreateSigningKey(directory);
  const users = openUserDirectory(directory, now);
  const allowedFlows = new Set<AuthFlow>(pool.client.authFlows);
  const refreshTokenMs = (pool.client.refreshTokenValidityDays ?? 30) * 24 * 60 * 60 * 1000;
  const tokenSettings: TokenSettings = {
    issuer,
    clientId,
    signingKey,
    accessTokenSeconds: (pool.client.accessTokenValidityMinutes ?? 60) * 60,
    idTokenSeconds: (pool.client.idTokenValidityMinutes ?? 60) * 60,
  };

  function checkClient(input: Input): void {
    const id = requireString(input, 'ClientId');
    if (id !== clientId) throw new CognitoError('ResourceNotFoundException', `User pool client ${id} does not exist.`);
  }

  function checkPool(input: Input): void {
    const id = requireString(input, 'UserPoolId');
    if (id !== poolId) throw new CognitoError('ResourceNotFoundException', `User pool ${id} does not exist.`);
  }

  function requireUser(username: string, message = 'User does not exist.'): UserRecord {
    const user = users.get(username);
    if (!user) throw new CognitoError('UserNotFoundException', message);
    return user;
  }

  /** Where a verification code goes: the first auto-verified attribute the user has, phone before email. */
  function deliveryChannel(user: UserRecord): { channel: 'SMS' | 'EMAIL'; attribute: string; destination: string } | undefined {
    const autoVerify = pool.autoVerify ?? [];
    if (autoVerify.includes('phone_number') && user.attributes.phone_number) {
      return { channel: 'SMS', attribute: 'phone_number', destination: user.attributes.phone_number };
    }
    if (autoVerify.includes('email') && user.attributes.email) {
      return { channel: 'EMAIL', attribute: 'email', destination: user.attributes.email };
    }
    return undefined;
  }

  /** Gives the user a fresh code and hands it to `deliverCode`; returns Cognito's CodeDeliveryDetails. */
  function sendCode(user: UserRecord) {
    const target = deliveryChannel(user);
    if (!target) return undefined;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    try {
      options.deliverCode?.({ channel: target.channel, destination: target.destination, username: user.username, code });
    } catch (error) {
      throw new CognitoError('CodeDeliveryFailureException', `Unable to deliver the verification code: ${(error as Error).message}`);
    }
    user.confirmation = { code, expiresAt: now() + CODE_LIFETIME_MS };
    return { Destination: maskDestination(target.channel, target.destination), DeliveryMedium: target.channel, AttributeName: target.attribute };
  }

  function confirm(user: UserRecord, verifiedAttribute?: string): void {
    users.update(user.username, (stored) => {
      stored.status = 'CONFIRMED';
      delete stored.confirmation;
      if (verifiedAttribute) stored.attributes[`${verifiedAttribute}_verified`] = 'true';
      stored.modifiedAt = now();
    });
  }

  async function passwordLogin(input: Input) {
    const parameters = authParameters(input);
    const username = parameters.USERNAME;
    const password = parameters.PASSWORD;
    if (typeof username !== 'string' || username === '') throw new CognitoError('InvalidParameterException', 'Missing required parameter USERNAME');
    if (typeof password !== 'string' || password === '') throw new CognitoError('InvalidParameterException', 'Missing required parameter PASSWORD');
    const user = requireUser(username);
    if (!(await verifyPassword(password, user.passwordHash))) {
      throw new CognitoError('NotAuthorizedException', 'Incorrect username or password.');
    }
    if (user.status !== 'CONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
    // The user may have been deleted while the password was being checked.
    if (users.get(username) !== user) throw new CognitoError('UserNotFoundException', 'User does not exist.');

    const at = now();
    const refreshToken = randomBytes(48).toString('base64url');
    const session = { originJti: randomUUID(), authTime: Math.floor(at / 1000), now: Math.floor(at / 1000) };
    users.update(user.username, (stored) => {
      stored.refreshTokens.push({ digest: digestToken(refreshToken), originJti: session.originJti, expiresAt: at + refreshTokenMs, authTime: session.authTime });
    });
    const tokens = await issueTokens(user, session, tokenSettings);
    return { ChallengeParameters: {}, AuthenticationResult: { ...tokens, RefreshToken: refreshToken } };
  }

  async function refreshLogin(input: Input) {
    const token = authParameters(input).REFRESH_TOKEN;
    if (typeof token !== 'string' || token === '') throw new CognitoError('InvalidParameterException', 'Missing required parameter REFRESH_TOKEN');
    const found = users.findByRefreshToken(token);
    if (!found) throw new CognitoError('NotAuthorizedException', 'Invalid Refresh Token');
    if (found.record.revoked) throw new CognitoError('NotAuthorizedException', 'Refresh Token has been revoked');
    if (found.record.expiresAt <= now()) throw new CognitoError('NotAuthorizedException', 'Refresh Token has expired');
    const session = { originJti: found.record.originJti, authTime: found.record.authTime, now: Math.floor(now() / 1000) };
    // Like Cognito without rotation: the same refresh token stays in use, so none is returned.
    return { ChallengeParameters: {}, AuthenticationResult: await issueTokens(found.user, session, tokenSettings) };
  }

  function checkFlowEnabled(flow: AuthFlow, message: string): void {
    if (!allowedFlows.has(flow)) throw new CognitoError('InvalidParameterException', message);
  }

  async function userFromAccessToken(input: Input): Promise<{ user: UserRecord; payload: JWTPayload }> {
    const token = requireString(input, 'AccessToken');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, signingKey.publicKey, { algorithms: ['RS256'], issuer, currentDate: new Date(now()) }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new CognitoError('NotAuthorizedException', 'Access Token has expired');
      throw new CognitoError('NotAuthorizedException', 'Invalid Access Token');
    }
    if (payload.token_use !== 'access' || payload.client_id !== clientId || typeof payload.username !== 'string') {
      throw new CognitoError('NotAuthorizedException', 'Invalid Access Token');
    }
    const user = users.get(payload.username);
    if (!user || user.sub !== payload.sub) throw new CognitoError('UserNotFoundException', 'User does not exist.');
    if (user.revokedOrigins.some((origin) => origin.originJti === payload.origin_jti)) {
      throw new CognitoError('NotAuthorizedException', 'Access Token has been revoked');
    }
    return { user, payload };
  }

  const operations: Record<string, (input: Input) => Promise<object>> = {
    async SignUp(input) {
      checkClient(input);
      if (!pool.selfSignUp) throw new CognitoError('NotAuthorizedException', 'SignUp is not permitted for this user pool');
      const username = requireString(input, 'Username');
      if (!USERNAME.test(username)) throw validationError('username', username, 'Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+');
      const password = requireString(input, 'Password');
      const attributes = parseSignUpAttributes(input.UserAttributes, pool.requiredAttributes);
      checkPasswordPolicy(password, pool.passwordPolicy);
      if (users.get(username)) throw new CognitoError('UsernameExistsException', 'User already exists');
      const passwordHash = await hashPassword(password, passwordCost);
      // Checked again: another sign-up for the same name may have finished while the hash was computed.
      if (users.get(username)) throw new CognitoError('UsernameExistsException', 'User already exists');

      const sub = randomUUID();
      const at = now();
      const user: UserRecord = {
        username,
        sub,
        attributes: { sub, ...attributes },
        passwordHash,
        status: 'UNCONFIRMED',
        createdAt: at,
        modifiedAt: at,
        refreshTokens: [],
        revokedOrigins: [],
      };
      for (const name of pool.autoVerify ?? []) {
        if (attributes[name]) user.attributes[`${name}_verified`] = 'false';
      }
      const delivery = sendCode(user);
      users.add(user);
      return { UserConfirmed: false, UserSub: sub, ...(delivery ? { CodeDeliveryDetails: delivery } : {}) };
    },

    async ConfirmSignUp(input) {
      checkClient(input);
      const username = requireString(input, 'Username');
      const code = requireString(input, 'ConfirmationCode');
      const user = requireUser(username, 'Username/client id combination not found.');
      if (user.status === 'CONFIRMED') throw new CognitoError('NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED');
      if (!user.confirmation || user.confirmation.code !== code) {
        throw new CognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
      }
      if (user.confirmation.expiresAt <= now()) throw new CognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.');
      confirm(user, deliveryChannel(user)?.attribute);
      return {};
    },

    async AdminConfirmSignUp(input) {
      checkPool(input);
      const user = requireUser(requireString(input, 'Username'));
      if (user.status === 'CONFIRMED') throw new CognitoError('NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED');
      // An administrator vouches for the account, not for the email or phone number: nothing becomes verified.
      confirm(user);
      return {};
    },

    async ResendConfirmationCode(input) {
      checkClient(input);
      const user = requireUser(requireString(input, 'Username'), 'Username/client id combination not found.');
      if (user.status === 'CONFIRMED') throw new CognitoError('InvalidParameterException', 'User is already confirmed.');
      if (!deliveryChannel(user)) throw new CognitoError('InvalidParameterException', 'Auto verification not turned on.');
      let delivery: ReturnType<typeof sendCode>;
      users.update(user.username, (stored) => {
        delivery = sendCode(stored);
      });
      return { CodeDeliveryDetails: delivery! };
    },

    async InitiateAuth(input) {
      checkClient(input);
      const flow = requireFlow(input);
      if (flow === 'USER_PASSWORD_AUTH') {
        checkFlowEnabled('USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH flow not enabled for this client');
        return passwordLogin(input);
      }
      if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
        checkFlowEnabled('REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN_AUTH flow not enabled for this client');
        return refreshLogin(input);
      }
      if (flow.startsWith('ADMIN_')) throw new CognitoError('InvalidParameterException', 'Initiate Auth method not supported.');
      throw new CognitoError('InvalidParameterException', `${flow} flow not enabled for this client`);
    },

    async AdminInitiateAuth(input) {
      checkPool(input);
      checkClient(input);
      const flow = requireFlow(input);
      // ADMIN_NO_SRP_AUTH is the older name of the same flow (the seed tutorial uses it).
      if (flow === 'ADMIN_USER_PASSWORD_AUTH' || flow === 'ADMIN_NO_SRP_AUTH') {
        checkFlowEnabled('ADMIN_USER_PASSWORD_AUTH', 'Auth flow not enabled for this client');
        return passwordLogin(input);
      }
      if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
        checkFlowEnabled('REFRESH_TOKEN_AUTH', 'Auth flow not enabled for this client');
        return refreshLogin(input);
      }
      if (flow === 'USER_PASSWORD_AUTH') throw new CognitoError('InvalidParameterException', 'Initiate Auth method not supported.');
      throw new CognitoError('InvalidParameterException', 'Auth flow not enabled for this client');
    },

    async GetUser(input) {
      const { user } = await userFromAccessToken(input);
      return { Username: user.username, UserAttributes: toAttributeList(user.attributes) };
    },

    async AdminGetUser(input) {
      checkPool(input);
      const user = requireUser(requireString(input, 'Username'));
      return {
        Username: user.username,
        UserAttributes: toAttributeList(user.attributes),
        // The JSON protocol carries timestamps as epoch seconds.
        UserCreateDate: user.createdAt / 1000,
        UserLastModifiedDate: user.modifiedAt / 1000,
        Enabled: true,
        UserStatus: user.status,
      };
    },

    async AdminDeleteUser(input) {
      checkPool(input);
      const username = requireString(input, 'Username');
      requireUser(username);
      users.remove(username);
      return {};
    },

    async RevokeToken(input) {
      checkClient(input);
      const token = requireString(input, 'Token');
      const found = users.findByRefreshToken(token);
      // As in OAuth token revocation (RFC 7009), an unknown token is not an error: there is nothing left to revoke.
      if (!found || found.record.revoked) return {};
      const until = now() + tokenSettings.accessTokenSeconds * 1000;
      users.update(found.user.username, (stored) => {
        for (const record of stored.refreshTokens) if (record.originJti === found.record.originJti) record.revoked = true;
        stored.revokedOrigins.push({ originJti: found.record.originJti, until });
      });
      return {};
    },

    async GlobalSignOut(input) {
      const { user, payload } = await userFromAccessToken(input);
      // Access tokens cannot be recalled, so remember their sign-ins until the longest one could still be valid.
      const until = now() + tokenSettings.accessTokenSeconds * 1000;
      users.update(user.username, (stored) => {
        const origins = new Set(stored.refreshTokens.filter((token) => !token.revoked).map((token) => token.originJti));
        if (typeof payload.origin_jti === 'string') origins.add(payload.origin_jti);
        for (const token of stored.refreshTokens) token.revoked = true;
        for (const originJti of origins) stored.revokedOrigins.push({ originJti, until });
      });
      return {};
    },
  };

  async function handle(target: string, body: string): Promise<StandInResponse> {
    const requestId = randomUUID();
    try {
      const operation = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
      const run = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
      if (!run) throw new CognitoError('UnknownOperationException', `Unknown operation ${String(target)}`);
      const result = await run(parseBody(body));
      return { status: 200, headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId }, body: JSON.stringify(result) };
    } catch (error) {
      const known = error instanceof CognitoError;
      const name = known ? error.errorName : 'InternalErrorException';
      const message = known ? error.message : 'Internal error in the local Cognito stand-in';
      if (!known) console.error('cognito stand-in:', error);
      return {
        status: known ? 400 : 500,
        headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId, 'x-amzn-ErrorType': name },
        body: JSON.stringify({ __type: name, message }),
      };
    }
  }

  return {
    poolId,
    clientId,
    issuer,
    jwks: () => ({ keys: [{ ...signingKey.publicJwk }] }),
    openidConfiguration: () => ({
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['token'],
      scopes_supported: ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'token_use', 'cognito:username', 'email', 'email_verified', 'phone_number', 'phone_number_verified'],
    }),
    handle,
    close: () => users.flush(),
  };
}

function parseBody(body: string): Input {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body === '' ? '{}' : body);
  } catch {
    throw new CognitoError('SerializationException', 'The request body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CognitoError('SerializationException', 'The request body must be a JSON object');
  }
  return parsed as Input;
}

function requireString(input: Input, member: string): string {
  const value = input[member];
  if (typeof value !== 'string' || value === '') {
    const name = member.charAt(0).toLowerCase() + member.slice(1);
    throw validationError(name, value, value === undefined || value === null ? 'Member must not be null' : 'Member must have length greater than or equal to 1');
  }
  return value;
}

function requireFlow(input: Input): string {
  const flow = requireString(input, 'AuthFlow');
  if (!KNOWN_FLOWS.includes(flow)) throw validationError('authFlow', flow, `Member must satisfy enum value set: [${KNOWN_FLOWS.join(', ')}]`);
  return flow;
}

function authParameters(input: Input): Record<string, unknown> {
  const parameters = input.AuthParameters;
  if (parameters === undefined || parameters === null) return {};
  if (typeof parameters !== 'object' || Array.isArray(parameters)) throw new CognitoError('InvalidParameterException', 'AuthParameters must be a map');
  return parameters as Record<string, unknown>;
}

function randomString(alphabet: string, length: number): string {
  let text = '';
  for (let i = 0; i < length; i += 1) text += alphabet[randomInt(alphabet.length)];
  return text;
}

/** Pool and client ids look like Cognito's and stay the same for a data directory, so clients keep their config. */
function loadOrCreatePoolIds(directory: string | null, region: string): { poolId: string; clientId: string } {
  const file = directory === null ? null : join(directory, 'pool.json');
  const stored = file ? readJsonIfExists<{ poolId?: unknown; clientId?: unknown }>(file) : undefined;
  if (typeof stored?.poolId === 'string' && stored.poolId.startsWith(`${region}_`) && typeof stored.clientId === 'string') {
    return { poolId: stored.poolId, clientId: stored.clientId };
  }
  const ids = { poolId: `${region}_${randomString(ALPHANUMERIC, 9)}`, clientId: randomString(LOWER_ALPHANUMERIC, 26) };
  if (file) writeJsonAtomic(file, ids);
  return ids;
}
