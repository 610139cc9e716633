/** Small shared pieces: the error line every screen uses, and a labelled input. */
import type { FormEvent, InputHTMLAttributes, ReactNode } from 'react';
import type { ApiError } from './api.js';

/** The API's message, exactly; errorType kept as a data attribute for tests and styling. */
export function ErrorText({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <p className="error" role="alert" data-error-type={error.errorType ?? ''}>
      {error.message}
    </p>
  );
}

type InputProps = InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; hint?: ReactNode };

export function Field({ label, name, hint, ...input }: InputProps) {
  const id = `field-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      {hint ? (
        <div id={`${id}-hint`} className="hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}

export function formValues(event: FormEvent<HTMLFormElement>): Record<string, string> {
  event.preventDefault();
  const data = new FormData(event.currentTarget);
  return Object.fromEntries([...data.entries()].map(([key, value]) => [key, String(value)]));
}

export function describeItem(item: { type: string; properties: Record<string, number | null | undefined> }): string {
  const properties = Object.entries(item.properties)
    .filter(([, value]) => typeof value === 'number')
    .map(([name, value]) => `${name} ${value}`);
  return `${item.type.toLowerCase()} (${properties.join(', ') || 'no properties'})`;
}
