/**
 * The Cognito user pool, built from the same `userPool` object the local identity provider
 * enforces: password policy, required attributes, self sign-up, verification, client flows.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import type { AuthFlow, PasswordPolicy, StandardAttribute, UserPoolConfig } from '../description/types.js';
import { acknowledgeWildcardResource } from './nag.js';

/** Cognito attribute name → the key CDK's `standardAttributes` uses for it. */
const standardAttributeKeys: Record<StandardAttribute, keyof cognito.StandardAttributes> = {
  email: 'email',
  phone_number: 'phoneNumber',
  name: 'fullname',
  given_name: 'givenName',
  family_name: 'familyName',
  preferred_username: 'preferredUsername',
};

function standardAttributes(required: StandardAttribute[]): cognito.StandardAttributes {
  const attributes: Record<string, cognito.StandardAttribute> = {};
  for (const name of required) {
    const key = standardAttributeKeys[name];
    if (!key) throw new Error(`userPool.requiredAttributes: "${name}" is not a supported standard attribute`);
    attributes[key] = { required: true, mutable: true };
  }
  return attributes as cognito.StandardAttributes;
}

function authFlows(flows: AuthFlow[]): cognito.AuthFlow {
  for (const flow of flows) {
    if (!['ADMIN_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH'].includes(flow)) {
      throw new Error(`userPool.client.authFlows: "${flow}" is not supported`);
    }
  }
  // CDK always adds ALLOW_REFRESH_TOKEN_AUTH, which Cognito requires anyway.
  return { adminUserPassword: flows.includes('ADMIN_USER_PASSWORD_AUTH'), userPassword: flows.includes('USER_PASSWORD_AUTH') };
}

export function createUserPool(scope: Construct, config: UserPoolConfig, retain: boolean): { pool: cognito.UserPool; client: cognito.UserPoolClient } {
  const verify = config.autoVerify ?? [];
  const pool = new cognito.UserPool(scope, 'UserPool', {
    userPoolName: config.name,
    selfSignUpEnabled: config.selfSignUp,
    autoVerify: { email: verify.includes('email'), phone: verify.includes('phone_number') },
    standardAttributes: standardAttributes(config.requiredAttributes),
    passwordPolicy: {
      minLength: config.passwordPolicy.minLength,
      requireUppercase: config.passwordPolicy.requireUppercase,
      requireLowercase: config.passwordPolicy.requireLowercase,
      requireDigits: config.passwordPolicy.requireNumbers,
      requireSymbols: config.passwordPolicy.requireSymbols,
    },
    deletionProtection: retain,
    removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  acknowledgePoolFindings(pool, config.passwordPolicy);
  const client = pool.addClient('Client', {
    userPoolClientName: config.client.name,
    authFlows: authFlows(config.client.authFlows),
    generateSecret: false,
    disableOAuth: true,
    accessTokenValidity: config.client.accessTokenValidityMinutes ? Duration.minutes(config.client.accessTokenValidityMinutes) : undefined,
    idTokenValidity: config.client.idTokenValidityMinutes ? Duration.minutes(config.client.idTokenValidityMinutes) : undefined,
    refreshTokenValidity: config.client.refreshTokenValidityDays ? Duration.days(config.client.refreshTokenValidityDays) : undefined,
  });
  return { pool, client };
}

/** What AwsSolutions-COG1 asks of a password policy. */
function isStrongPolicy(policy: PasswordPolicy): boolean {
  return policy.minLength >= 8 && policy.requireUppercase && policy.requireNumbers && policy.requireSymbols;
}

function acknowledgePoolFindings(pool: cognito.UserPool, policy: PasswordPolicy): void {
  Validations.of(pool).acknowledge(
    { id: 'AwsSolutions-COG2', reason: 'Players sign up to play a game; MFA would be a barrier the game does not need, and the pool holds no sensitive data.' },
    { id: 'AwsSolutions-COG8', reason: 'The Plus feature plan (threat protection) is billed per active user; not worth it for a game pool. Passwords follow the described policy.' },
  );
  if (!isStrongPolicy(policy)) {
    Validations.of(pool).acknowledge({
      id: 'AwsSolutions-COG1',
      reason: 'The password policy is the one the API description declares, the same one the local identity provider enforces; it is chosen there on purpose.',
    });
  }
  // Cognito creates this role only when it sends SMS (phone verification or a required phone number).
  const smsRole = pool.node.tryFindChild('smsRole');
  if (smsRole) acknowledgeWildcardResource(smsRole, '*', 'Cognito sends verification codes by SMS: sns:Publish to a phone number has no resource ARN, so the role needs Resource "*".');
}
