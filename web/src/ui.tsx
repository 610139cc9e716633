/** Small shared pieces: the error line every screen uses, a labelled input, and lists read page by page. */
import { useEffect, useState } from 'react';
import type { FormEvent, InputHTMLAttributes, ReactNode } from 'react';
import { type ApiError, toApiError } from './api.js';

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

interface Page<T> {
  items: T[];
  nextToken?: string | null;
}

export interface Paged<T> {
  /** null until the first page arrived. */
  items: T[] | null;
  error: ApiError | null;
  /** 1 for the first page. */
  page: number;
  hasNext: boolean;
  next(): void;
  previous(): void;
  /** Back to the first page (after a filter changed). */
  reset(): void;
}

/**
 * A list the API serves in pages addressed by nextToken. It keeps the tokens of the pages before the current
 * one, so "Previous page" needs no token of its own; `deps` reload the current page when they change.
 */
export function usePaged<T>(fetchPage: (nextToken: string | null) => Promise<Page<T> | null | undefined>, deps: unknown[]): Paged<T> {
  const [tokens, setTokens] = useState<Array<string | null>>([null]);
  const [items, setItems] = useState<T[] | null>(null);
  const [nextToken, setNextToken] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const token = tokens[tokens.length - 1];
  useEffect(() => {
    let current = true; // an older request answering late must not overwrite a newer page
    fetchPage(token).then(
      (page) => {
        if (!current) return;
        setItems(page?.items ?? []);
        setNextToken(page?.nextToken ?? null);
        setError(null);
      },
      (e) => current && setError(toApiError(e)),
    );
    return () => {
      current = false;
    };
  }, [token, ...deps]);
  return {
    items,
    error,
    page: tokens.length,
    hasNext: nextToken !== null,
    next: () => setTokens((t) => [...t, nextToken]),
    previous: () => setTokens((t) => t.slice(0, -1)),
    reset: () => setTokens([null]),
  };
}

export function Pager({ label, paged }: { label: string; paged: Paged<unknown> }) {
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={paged.page < 2} onClick={paged.previous}>
        Previous page
      </button>
      <span>Page {paged.page}</span>
      <button type="button" disabled={!paged.hasNext} onClick={paged.next}>
        Next page
      </button>
    </nav>
  );
}

/** The computer's reserved player name, shown as people say it. */
export function playerName(name: string, computer?: string | null): string {
  return computer && name === '@computer' ? `the computer (${computer.toLowerCase()})` : name;
}
