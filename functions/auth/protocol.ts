/**
 * What the resolvers send to the auth function and what it answers. The function never throws
 * for a refusal: it answers `{ error }`, and the resolver turns that into a GraphQL error.
 */

export interface RegisterArguments {
  username: string;
  password: string;
  email: string;
  phoneNumber: string;
  height: number;
  weight: number;
}

export type AuthEvent =
  | { action: 'register'; arguments: RegisterArguments }
  | { action: 'confirmSignUp'; arguments: { username: string; code: string } }
  | { action: 'login'; arguments: { username: string; password: string } }
  | { action: 'refreshSession'; arguments: { refreshToken: string } };

export interface AuthError {
  type: string;
  message: string;
}

export interface Session {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export type AuthAnswer<T> = { data: T } | { error: AuthError };
