/** Register (with the pool's password policy checked as it is typed), confirm with a code, sign in. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { signIn } from 'aws-amplify/auth';
import { ConfirmSignUpDocument, RegisterDocument } from '../../client/generated/graphql.js';
import { ApiError, call, toApiError } from './api.js';
import type { PasswordPolicy } from './config.js';
import { ErrorText, Field, formValues } from './ui.js';

type SignedIn = (username: string) => void;

/** Signs in with the password flow the pool's client allows; 'confirm' when sign-up still needs its code. */
async function passwordSignIn(username: string, password: string): Promise<'done' | 'confirm'> {
  const result = await signIn({ username, password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
  if (result.isSignedIn) return 'done';
  if (result.nextStep.signInStep === 'CONFIRM_SIGN_UP') return 'confirm';
  throw new ApiError(`This account needs a sign-in step the app does not support (${result.nextStep.signInStep}).`);
}

export function SignIn({ onSignedIn, onConfirm }: { onSignedIn: SignedIn; onConfirm: (username: string, password: string) => void }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    const { username, password } = formValues(event);
    setBusy(true);
    setError(null);
    try {
      if ((await passwordSignIn(username, password)) === 'confirm') onConfirm(username, password);
      else onSignedIn(username);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="signin-title">
      <h2 id="signin-title">Sign in</h2>
      <Field label="Username" name="username" autoComplete="username" required />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <ErrorText error={error} />
      <button type="submit" disabled={busy}>
        Sign in
      </button>
    </form>
  );
}

export function policyRules(policy: PasswordPolicy | undefined): Array<{ text: string; test(password: string): boolean }> {
  const rules: Array<{ text: string; test(password: string): boolean }> = [];
  const min = policy?.min_length ?? 8;
  rules.push({ text: `at least ${min} characters`, test: (p) => p.length >= min });
  if (policy?.require_uppercase) rules.push({ text: 'an upper-case letter', test: (p) => /[A-Z]/.test(p) });
  if (policy?.require_lowercase) rules.push({ text: 'a lower-case letter', test: (p) => /[a-z]/.test(p) });
  if (policy?.require_numbers) rules.push({ text: 'a number', test: (p) => /[0-9]/.test(p) });
  if (policy?.require_symbols) rules.push({ text: 'a symbol', test: (p) => /[^A-Za-z0-9]/.test(p) });
  return rules;
}

/**
 * The policy is shown, not enforced: whatever is submitted goes to the API, and its refusal is what
 * the player reads, so the app can never disagree with the pool.
 */
export function Register({ policy, onSignedIn, onConfirm }: { policy?: PasswordPolicy; onSignedIn: SignedIn; onConfirm: (username: string, password: string) => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const rules = policyRules(policy);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    const values = formValues(event);
    setBusy(true);
    setError(null);
    try {
      await call(
        RegisterDocument,
        {
          input: {
            username: values.username,
            password: values.password,
            email: values.email,
            phoneNumber: values.phoneNumber,
            height: Number(values.height),
            weight: Number(values.weight),
          },
        },
        'apiKey',
      );
      if ((await passwordSignIn(values.username, values.password)) === 'confirm') onConfirm(values.username, values.password);
      else onSignedIn(values.username);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const policyList = (
    <ul className="policy" aria-live="polite">
      {rules.map((rule) => {
        const met = rule.test(password);
        return (
          <li key={rule.text} className={met ? 'met' : 'unmet'} data-met={met ? 'yes' : 'no'}>
            <span aria-hidden="true">{met ? '✓' : '✗'}</span> {rule.text}
            <span className="visually-hidden">{met ? ' (met)' : ' (not yet)'}</span>
          </li>
        );
      })}
    </ul>
  );
  return (
    <form className="card" onSubmit={submit} aria-labelledby="register-title">
      <h2 id="register-title">Register</h2>
      <Field label="Username" name="username" autoComplete="username" required />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        hint={policyList}
      />
      <Field label="Email" name="email" type="email" autoComplete="email" required />
      <Field label="Phone (E.164, e.g. +15555550100)" name="phoneNumber" type="tel" autoComplete="tel" required placeholder="+15555550100" />
      <div className="row">
        <Field label="Character height" name="height" type="number" min={1} max={1000} required />
        <Field label="Character weight" name="weight" type="number" min={1} max={10000} required />
      </div>
      <ErrorText error={error} />
      <button type="submit" disabled={busy}>
        Register
      </button>
    </form>
  );
}

export function Confirm({ username, password, onSignedIn }: { username: string; password: string; onSignedIn: SignedIn }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    const { code } = formValues(event);
    setBusy(true);
    setError(null);
    try {
      await call(ConfirmSignUpDocument, { username, code }, 'apiKey');
      await passwordSignIn(username, password);
      onSignedIn(username);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="confirm-title">
      <h2 id="confirm-title">Confirm your registration</h2>
      <p>We sent a code to the email address of {username}. Enter it to finish signing up.</p>
      <Field label="Confirmation code" name="code" inputMode="numeric" autoComplete="one-time-code" required />
      <ErrorText error={error} />
      <button type="submit" disabled={busy}>
        Confirm
      </button>
    </form>
  );
}
