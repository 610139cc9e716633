/**
 * `util.time.*`. Formats follow Java's DateTimeFormatter pattern letters (the common ones:
 * y u M L d D H h k K m s S a E Z X x z O VV and 'quoted text'); time zones go through Intl.
 */
import { hostNow } from './capabilities.js';

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Token = { letter: string; count: number } | { literal: string };

function tokenize(pattern: string): Token[] {
  if (typeof pattern !== 'string') throw new TypeError('A date format must be a string');
  const tokens: Token[] = [];
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index];
    if (char === "'") {
      let end = index + 1;
      let text = '';
      for (;;) {
        if (end >= pattern.length) throw new RangeError(`Unterminated quote in date format "${pattern}"`);
        if (pattern[end] === "'") {
          if (pattern[end + 1] === "'") {
            text += "'";
            end += 2;
            continue;
          }
          break;
        }
        text += pattern[end];
        end += 1;
      }
      tokens.push({ literal: end === index + 1 ? "'" : text });
      index = end + 1;
    } else if (/[A-Za-z]/.test(char)) {
      let count = 1;
      while (pattern[index + count] === char) count += 1;
      tokens.push({ letter: char, count });
      index += count;
    } else {
      tokens.push({ literal: char });
      index += 1;
    }
  }
  return tokens;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw new RangeError(`Unknown time zone "${timeZone}"`);
    }
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Minutes east of UTC that `timeZone` is at the instant `epochMs`; fractional when the offset has
 * seconds (a fixed zone such as "-07:00:30", or a historical local mean time).
 */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Z' || timeZone === 'GMT') return 0;
  const fixed = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(timeZone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0) + Number(fixed[4] ?? 0) / 60);
  const parts: Record<string, string> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  const year = parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year);
  const wallClock = Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000;
  return Math.round((wallClock - wholeSeconds) / 1000) / 60;
}

function zoneName(epochMs: number, timeZone: string, style: 'short' | 'long'): string {
  if (timeZone === 'UTC' || timeZone === 'Z') return style === 'short' ? 'UTC' : 'Coordinated Universal Time';
  const formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: style });
  return formatter.formatToParts(new Date(epochMs)).find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

function pad(value: number, width: number): string {
  const text = String(Math.abs(value));
  const sign = value < 0 ? '-' : '';
  return sign + (text.length >= width ? text : '0'.repeat(width - text.length) + text);
}

/**
 * An offset as Java's DateTimeFormatterBuilder.appendOffset patterns write it: `+HH`, `+HHmm`
 * (minutes only if non-zero), `+HHMM`, `+HH:MM`, `+HHMMss` / `+HH:MM:ss` (seconds only if non-zero).
 * Patterns without seconds drop them, as Java does.
 */
function offsetText(minutes: number, pattern: '+HH' | '+HHmm' | '+HHMM' | '+HH:MM' | '+HHMMss' | '+HH:MM:ss'): string {
  const totalSeconds = Math.round(Math.abs(minutes) * 60);
  const sign = minutes < 0 && totalSeconds >= (pattern.includes('ss') ? 1 : 60) ? '-' : '+';
  const hours = pad(Math.floor(totalSeconds / 3600), 2);
  const mins = pad(Math.floor(totalSeconds / 60) % 60, 2);
  const secs = pad(totalSeconds % 60, 2);
  const colon = pattern.includes(':') ? ':' : '';
  if (pattern === '+HH' || (pattern === '+HHmm' && mins === '00')) return `${sign}${hours}`;
  if (pattern.endsWith('ss') && secs !== '00') return `${sign}${hours}${colon}${mins}${colon}${secs}`;
  return `${sign}${hours}${colon}${mins}`;
}

/** Java's localized offset (`O`, `ZZZZ`): GMT, GMT+8 (short) or GMT+08:00 (full), with seconds when there are any. */
function localizedOffset(minutes: number, full: boolean): string {
  if (Math.round(minutes * 60) === 0) return 'GMT';
  const text = offsetText(minutes, '+HH:MM:ss');
  return `GMT${full ? text : text.replace(/^([+-])0?(\d+):00$/, '$1$2').replace(/^([+-])0(\d)/, '$1$2')}`;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
  dayOfYear: number;
  offset: number;
}

function fieldsAt(epochMs: number, timeZone: string): Fields {
  const offset = zoneOffsetMinutes(epochMs, timeZone);
  const shifted = new Date(epochMs + Math.round(offset * 60) * 1000);
  const startOfYear = Date.UTC(shifted.getUTCFullYear(), 0, 1);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
    weekday: shifted.getUTCDay(),
    dayOfYear: Math.floor((shifted.getTime() - startOfYear) / 86400000) + 1,
    offset,
  };
}

function formatToken(token: { letter: string; count: number }, f: Fields, epochMs: number, timeZone: string): string {
  const { letter, count } = token;
  switch (letter) {
    case 'y':
    case 'u':
      return count === 2 ? pad(f.year % 100, 2) : pad(f.year, count);
    case 'M':
    case 'L':
      if (count >= 4) return monthNames[f.month - 1];
      if (count === 3) return monthNames[f.month - 1].slice(0, 3);
      return pad(f.month, count);
    case 'd':
      return pad(f.day, count);
    case 'D':
      return pad(f.dayOfYear, count);
    case 'H':
      return pad(f.hour, count);
    case 'k':
      return pad(f.hour === 0 ? 24 : f.hour, count);
    case 'K':
      return pad(f.hour % 12, count);
    case 'h':
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
    case 'm':
      return pad(f.minute, count);
    case 's':
      return pad(f.second, count);
    case 'S':
      return (pad(f.millisecond, 3) + '0'.repeat(Math.max(0, count - 3))).slice(0, count);
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'E':
      return count >= 4 ? dayNames[f.weekday] : dayNames[f.weekday].slice(0, 3);
    case 'Z':
      if (count <= 3) return offsetText(f.offset, '+HHMM');
      if (count === 4) return localizedOffset(f.offset, true);
      return Math.round(f.offset * 60) === 0 ? 'Z' : offsetText(f.offset, '+HH:MM:ss');
    case 'X':
    case 'x': {
      if (letter === 'X' && Math.round(f.offset * 60) === 0) return 'Z';
      const patterns = ['+HHmm', '+HHMM', '+HH:MM', '+HHMMss', '+HH:MM:ss'] as const;
      return offsetText(f.offset, patterns[Math.min(count, 5) - 1]);
    }
    case 'O':
      return localizedOffset(f.offset, count >= 4);
    case 'z':
      return zoneName(epochMs, timeZone, count >= 4 ? 'long' : 'short');
    case 'V':
      return timeZone;
    default:
      throw new RangeError(`Unsupported date format letter "${letter}"`);
  }
}

export function formatEpochMillis(epochMs: number, pattern: string, timeZone = 'UTC'): string {
  if (typeof epochMs !== 'number' || !Number.isFinite(epochMs)) throw new TypeError('Expected epoch milliseconds as a number');
  const fields = fieldsAt(epochMs, timeZone);
  return tokenize(pattern)
    .map((token) => ('literal' in token ? token.literal : formatToken(token, fields, epochMs, timeZone)))
    .join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const offsetPattern = '(Z|[+-]\\d{2}(?::?\\d{2})?(?::?\\d{2})?)';

function tokenPattern(token: { letter: string; count: number }): string {
  const { letter, count } = token;
  switch (letter) {
    case 'M':
    case 'L':
      if (count >= 3) return `(${monthNames.map((name) => (count === 3 ? name.slice(0, 3) : name)).join('|')})`;
      return count === 2 ? '(\\d{2})' : '(\\d{1,2})';
    case 'E':
      return `(${dayNames.map((name) => (count >= 4 ? name : name.slice(0, 3))).join('|')})`;
    case 'a':
      return '(AM|PM|am|pm)';
    case 'y':
    case 'u':
      return count === 2 ? '(\\d{2})' : `([+-]?\\d{${Math.max(count, 1)},9})`;
    case 'S':
      return `(\\d{${count}})`;
    case 'Z':
    case 'X':
    case 'x':
      return `(?:GMT)?${offsetPattern}?`;
    case 'z':
    case 'V':
    case 'O':
      return '([A-Za-z_/+\\-:0-9]+)';
    default:
      if ('dDHhkKms'.includes(letter)) return count === 1 ? '(\\d{1,3})' : `(\\d{${count}})`;
      throw new RangeError(`Unsupported date format letter "${letter}"`);
  }
}

function monthFromName(name: string): number {
  const lower = name.toLowerCase();
  return monthNames.findIndex((month) => month.toLowerCase().startsWith(lower.slice(0, 3))) + 1;
}

function parseOffset(text: string): number {
  if (text === 'Z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?:?(\d{2})?$/.exec(text);
  if (!match) throw new RangeError(`Invalid offset "${text}"`);
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0) + Number(match[4] ?? 0) / 60);
}

/** Epoch milliseconds of a wall-clock time in `timeZone` (resolving the zone's offset at that time). */
function wallClockToEpoch(wallClockUtc: number, timeZone: string): number {
  let guess = wallClockUtc - Math.round(zoneOffsetMinutes(wallClockUtc, timeZone) * 60) * 1000;
  guess = wallClockUtc - Math.round(zoneOffsetMinutes(guess, timeZone) * 60) * 1000;
  return guess;
}

export function parseFormattedToEpochMillis(text: string, pattern: string, timeZone = 'UTC'): number {
  const tokens = tokenize(pattern);
  const letters: Array<{ letter: string; count: number }> = [];
  let source = '^';
  for (const token of tokens) {
    if ('literal' in token) {
      source += escapeRegExp(token.literal);
    } else {
      source += tokenPattern(token);
      letters.push(token);
    }
  }
  const match = new RegExp(`${source}$`).exec(String(text));
  if (!match) throw new RangeError(`"${text}" does not match the date format "${pattern}"`);
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millisecond = 0;
  let pm: boolean | null = null;
  let dayOfYear: number | null = null;
  let offset: number | null = null;
  let zone = timeZone;
  letters.forEach((token, index) => {
    const value = match[index + 1];
    if (value === undefined) return;
    switch (token.letter) {
      case 'y':
      case 'u':
        year = token.count === 2 ? 2000 + Number(value) : Number(value);
        break;
      case 'M':
      case 'L':
        month = token.count >= 3 ? monthFromName(value) : Number(value);
        break;
      case 'd':
        day = Number(value);
        break;
      case 'D':
        dayOfYear = Number(value);
        break;
      case 'H':
      case 'k':
        hour = Number(value) % 24;
        break;
      case 'h':
      case 'K':
        hour = Number(value) % 12;
        break;
      case 'm':
        minute = Number(value);
        break;
      case 's':
        second = Number(value);
        break;
      case 'S':
        millisecond = Math.floor(Number(`0.${value}`) * 1000);
        break;
      case 'a':
        pm = value.toUpperCase() === 'PM';
        break;
      case 'Z':
      case 'X':
      case 'x':
        offset = parseOffset(value);
        break;
      case 'z':
      case 'V':
      case 'O':
        zone = value === 'GMT' ? 'UTC' : value;
        break;
      default:
        break;
    }
  });
  if (pm === true) hour += 12;
  const wallClock =
    dayOfYear === null
      ? Date.UTC(year, month - 1, day, hour, minute, second, millisecond)
      : Date.UTC(year, 0, dayOfYear, hour, minute, second, millisecond);
  if (Number.isNaN(wallClock)) throw new RangeError(`"${text}" is not a valid date for "${pattern}"`);
  return offset !== null ? wallClock - Math.round((offset as number) * 60) * 1000 : wallClockToEpoch(wallClock, zone);
}

export function parseISO8601ToEpochMillis(text: string): number {
  // Java's ISO parser takes offsets with seconds (-07:00:30); Date.parse does not, so they are applied here.
  const withSeconds = /^(.*[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([+-]\d{2}:\d{2}:\d{2})$/.exec(String(text));
  const value = withSeconds ? Date.parse(`${withSeconds[1]}Z`) - Math.round(parseOffset(withSeconds[2]) * 60) * 1000 : Date.parse(String(text));
  if (Number.isNaN(value)) throw new RangeError(`"${text}" is not an ISO 8601 timestamp`);
  return value;
}

export const timeUtil = {
  nowISO8601: (): string => new Date(hostNow()).toISOString(),
  nowEpochSeconds: (): number => Math.floor(hostNow() / 1000),
  nowEpochMilliSeconds: (): number => hostNow(),
  nowFormatted: (pattern: string, timeZone?: string): string => formatEpochMillis(hostNow(), pattern, timeZone ?? 'UTC'),
  parseFormattedToEpochMilliSeconds: (text: string, pattern: string, timeZone?: string): number =>
    parseFormattedToEpochMillis(text, pattern, timeZone ?? 'UTC'),
  parseISO8601ToEpochMilliSeconds: parseISO8601ToEpochMillis,
  epochMilliSecondsToSeconds: (epochMs: number): number => Math.floor(Number(epochMs) / 1000),
  epochMilliSecondsToISO8601: (epochMs: number): string => new Date(Number(epochMs)).toISOString(),
  epochMilliSecondsToFormatted: (epochMs: number, pattern: string, timeZone?: string): string =>
    formatEpochMillis(Number(epochMs), pattern, timeZone ?? 'UTC'),
};
