/**
 * Reading command options the same way in every command: a word from a fixed set, a required value, a whole
 * number, a duration. Each refusal names the option and what it accepts, and exits 2.
 */
import type { Context } from './command.js';
import { usage } from './errors.js';

/** `--name WORD` where WORD is a key of `choices` (in any case); undefined when the option is absent. */
export function choice<T>(context: Context, name: string, choices: Record<string, T>): T | undefined {
  const text = context.options[name];
  if (typeof text !== 'string') return undefined;
  const key = text.toLowerCase();
  if (Object.hasOwn(choices, key)) return choices[key];
  const words = Object.keys(choices);
  throw usage(`--${name} must be ${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}, not "${text}".`);
}

/** A string option that must be there, not empty. */
export function required(context: Context, name: string, command: string): string {
  const value = context.options[name];
  if (typeof value !== 'string' || value === '') throw usage(`--${name} is required (see \`turnbase ${command} --help\`).`);
  return value;
}

/** A positive whole number from the command line. */
export function count(name: string, text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1) throw usage(`${name} must be a whole number from 1 up, not "${text}".`);
  return value;
}

/** A whole number, of any sign. */
export function integer(name: string, text: string): number {
  const number = Number(text);
  if (text === '' || !Number.isInteger(number)) throw usage(`--${name} must be a whole number.`);
  return number;
}

const units: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** "90", "90s", "5m", "1h", "2d" in seconds; the API decides which are allowed. */
export function duration(name: string, text: string): number {
  const match = /^(\d+)\s*([smhd]?)$/i.exec(text.trim());
  if (!match || Number(match[1]) < 1) throw usage(`${name} must be a time such as 90s, 5m, 1h or 2d, not "${text}".`);
  return Number(match[1]) * units[match[2].toLowerCase()];
}
