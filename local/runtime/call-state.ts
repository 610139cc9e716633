/**
 * What one handler run records while it executes: appended errors, extension calls, log lines and
 * the control signal (util.error, runtime.earlyReturn, the time limit) that ended it.
 * Runs are synchronous and never nested, so one "current call" is enough.
 */
import type { ExtensionCalls, ResolverError } from './contract.js';

export type ControlSignal =
  | { kind: 'error'; error: ResolverError }
  | { kind: 'earlyReturn'; value: unknown; skipTo: 'END' | 'NEXT' }
  | { kind: 'crash'; message: string };

export interface CallState {
  authType: string | null;
  fieldName: string;
  parentTypeName: string;
  appendedErrors: ResolverError[];
  extensions: ExtensionCalls;
  logs: string[];
  /** The first signal wins; later ones (e.g. after user code swallowed the first) are ignored. */
  control: ControlSignal | null;
}

/** Thrown to unwind resolver code; the real information lives in `CallState.control`. */
export const controlThrowable: object = Object.freeze({ name: 'AppSyncControlSignal', message: 'handler ended by the runtime' });

let current: CallState | null = null;

export function newCallState(authType: string | null, fieldName: string, parentTypeName: string): CallState {
  return {
    authType,
    fieldName,
    parentTypeName,
    appendedErrors: [],
    extensions: { invalidations: [], evictions: [] },
    logs: [],
    control: null,
  };
}

export function beginCall(state: CallState): void {
  current = state;
}

export function endCall(): void {
  current = null;
}

/** The state of the run in progress; library functions called outside a run get a throwaway state. */
export function currentCall(): CallState {
  if (current === null) current = newCallState(null, '', '');
  return current;
}

/** Records the signal (unless one is already recorded) and unwinds the handler. */
export function endHandler(signal: ControlSignal): never {
  const state = currentCall();
  if (state.control === null) state.control = signal;
  throw controlThrowable;
}
