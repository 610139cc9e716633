/**
 * Who is calling (request-level auth, from the headers) and whether that caller may touch a field
 * (field-level auth, from the `@aws_*` directives), the way AppSync decides both.
 */
import type { ConstDirectiveNode, GraphQLField, GraphQLObjectType } from 'graphql';
import type { AuthMode } from '../../description/types.js';
import { AUTH_MESSAGES } from '../auth/errors.js';
import { isSigV4, type SignedRequest, type SigV4Verifier } from '../auth/sigv4.js';
import type { AuthTypeName, CognitoIdentity, Identity } from '../runtime/contract.js';

export interface ApiKeyChecker {
  check(key: string): 'ok' | 'expired' | 'unknown';
}

export interface TokenVerifier {
  verify(token: string, sourceIp: string[]): Promise<CognitoIdentity>;
}

export type Caller = { mode: AuthMode; identity: Identity };
/** A refusal carries AppSync's message for the caller and the exact reason for the engine's log. */
export type Authentication = { ok: true; caller: Caller } | { ok: false; message: string; reason: string };

export const authTypeNames: Record<AuthMode, AuthTypeName> = {
  API_KEY: 'API Key Authorization',
  AMAZON_COGNITO_USER_POOLS: 'User Pool Authorization',
  AWS_IAM: 'IAM Authorization',
};

const NOT_AUTHORIZED = AUTH_MESSAGES.notAuthorized;

export class RequestAuthenticator {
  private readonly modes: Set<AuthMode>;

  constructor(
    modes: AuthMode[],
    private readonly apiKeys: ApiKeyChecker | undefined,
    private readonly tokens: TokenVerifier | undefined,
    private readonly iam?: SigV4Verifier,
  ) {
    this.modes = new Set(modes);
  }

  /**
   * Picks the mode from the shape of the headers (reference §1.2). When both a token and an API key
   * are sent, the token wins: it identifies the caller, and a user-pool field would otherwise be refused.
   * A SigV4 `Authorization` header means AWS_IAM; verifying it needs the whole request (`signed`),
   * which only the HTTP endpoint passes: IAM on the real-time endpoint is refused here.
   */
  async authenticate(headers: Record<string, string | undefined>, sourceIp: string[], signed?: SignedRequest): Promise<Authentication> {
    const token = headers['authorization'];
    const apiKey = headers['x-api-key'];
    if (isSigV4(token) && this.modes.has('AWS_IAM') && this.iam) {
      if (!signed) return { ok: false, message: NOT_AUTHORIZED, reason: 'a SigV4 signature where the engine cannot verify one (IAM is supported on POST /graphql only)' };
      try {
        return { ok: true, caller: { mode: 'AWS_IAM', identity: this.iam.verify(signed, sourceIp) } };
      } catch (error) {
        const { message, reason } = error as Error & { reason?: string };
        return { ok: false, message: message || NOT_AUTHORIZED, reason: reason ?? message };
      }
    }
    if (token !== undefined && token !== '' && this.modes.has('AMAZON_COGNITO_USER_POOLS') && this.tokens) {
      try {
        return { ok: true, caller: { mode: 'AMAZON_COGNITO_USER_POOLS', identity: await this.tokens.verify(token, sourceIp) } };
      } catch (error) {
        const { message, reason } = error as Error & { reason?: string };
        return { ok: false, message: message || NOT_AUTHORIZED, reason: reason ?? message };
      }
    }
    if (apiKey !== undefined && this.modes.has('API_KEY') && this.apiKeys) {
      const state = this.apiKeys.check(apiKey);
      if (state === 'ok') return { ok: true, caller: { mode: 'API_KEY', identity: null } };
      if (state === 'expired') return { ok: false, message: 'API key has expired.', reason: 'the API key has expired' };
      return { ok: false, message: NOT_AUTHORIZED, reason: 'unknown API key (a key from another engine, or from before a --memory restart?)' };
    }
    if (token === undefined && apiKey === undefined) return { ok: false, message: AUTH_MESSAGES.noHeader, reason: 'no Authorization or x-api-key header' };
    return { ok: false, message: NOT_AUTHORIZED, reason: this.unacceptedReason(token, apiKey) };
  }

  private unacceptedReason(token: string | undefined, apiKey: string | undefined): string {
    if (token === '') return 'the Authorization header is empty';
    if (apiKey !== undefined && !this.modes.has('API_KEY')) return 'an x-api-key header, but this API takes no API keys';
    return 'an Authorization header, but this API takes no user-pool tokens';
  }
}

interface FieldRule {
  /** Modes named by directives; empty means "the default mode only". */
  modes: Set<AuthMode>;
  /** `cognito_groups` of `@aws_cognito_user_pools` / `@aws_auth`, if restricted. */
  groups: string[] | null;
}

const directiveModes: Record<string, AuthMode> = {
  aws_api_key: 'API_KEY',
  aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
  aws_auth: 'AMAZON_COGNITO_USER_POOLS',
  aws_iam: 'AWS_IAM',
};

function ruleOf(directives: readonly ConstDirectiveNode[]): FieldRule | null {
  const modes = new Set<AuthMode>();
  let groups: string[] | null = null;
  for (const directive of directives) {
    const mode = directiveModes[directive.name.value];
    if (!mode) continue;
    modes.add(mode);
    const groupArg = directive.arguments?.find((a) => a.name.value === 'cognito_groups');
    if (groupArg && groupArg.value.kind === 'ListValue') {
      groups = groupArg.value.values.flatMap((v) => (v.kind === 'StringValue' ? [v.value] : []));
    }
  }
  return modes.size > 0 ? { modes, groups } : null;
}

/** Field-level auth: field directives override type directives, which override the API's default mode. */
export class FieldAuthorizer {
  /** By field object: each object type has its own, so it stands for the pair type and field without building a key. */
  private readonly cache = new WeakMap<GraphQLField<unknown, unknown>, FieldRule>();

  constructor(private readonly defaultMode: AuthMode) {}

  private rule(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): FieldRule {
    let rule = this.cache.get(field);
    if (!rule) {
      const typeDirectives = [type.astNode, ...type.extensionASTNodes].flatMap((node) => node?.directives ?? []);
      rule = ruleOf(field.astNode?.directives ?? []) ?? ruleOf(typeDirectives) ?? { modes: new Set([this.defaultMode]), groups: null };
      this.cache.set(field, rule);
    }
    return rule;
  }

  allows(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, caller: Caller): boolean {
    if (field.name.startsWith('__')) return true;
    const rule = this.rule(type, field);
    if (!rule.modes.has(caller.mode)) return false;
    if (caller.mode === 'AMAZON_COGNITO_USER_POOLS' && rule.groups) {
      const groups = (caller.identity && 'groups' in caller.identity ? caller.identity.groups : null) ?? [];
      return rule.groups.some((g) => groups.includes(g));
    }
    return true;
  }
}
