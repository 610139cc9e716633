/**
 * `util.matches` uses java.util.regex.Pattern.matches: the whole input must match. Java syntax is
 * translated to JavaScript where a faithful equivalent exists; anything else is a clear error.
 * Possessive quantifiers and atomic groups become their ordinary forms: same matches for the
 * patterns resolvers use, without the backtracking guarantees.
 */
const posixClasses: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'A-Za-z',
  Digit: '0-9',
  Alnum: 'A-Za-z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
};

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export function translateJavaRegex(pattern: string): { source: string; flags: string } {
  if (typeof pattern !== 'string') throw new TypeError('util.matches expects the pattern as a string');
  let flags = '';
  let rest = pattern;
  const leadingFlags = /^\(\?([imsu]+)\)/.exec(rest);
  if (leadingFlags) {
    for (const flag of leadingFlags[1]) {
      if (flag === 'i' && !flags.includes('i')) flags += 'i';
      if (flag === 's' && !flags.includes('s')) flags += 's';
      if (flag === 'm' && !flags.includes('m')) flags += 'm';
    }
    rest = rest.slice(leadingFlags[0].length);
  }
  let out = '';
  let inClass = false;
  /** Whether the last thing emitted outside a class was a quantifier (so a following '+' is possessive). */
  let afterQuantifier = false;
  let index = 0;
  while (index < rest.length) {
    const char = rest[index];
    const wasAfterQuantifier = afterQuantifier;
    afterQuantifier = false;
    if (char === '\\') {
      const next = rest[index + 1];
      if (next === undefined) throw new SyntaxError(`Pattern "${pattern}" ends with a lone backslash`);
      if (next === 'Q') {
        const end = rest.indexOf('\\E', index + 2);
        const quoted = end === -1 ? rest.slice(index + 2) : rest.slice(index + 2, end);
        out += escapeLiteral(quoted);
        index = end === -1 ? rest.length : end + 2;
        continue;
      }
      if (next === 'p' || next === 'P') {
        const match = /^\{(?:Is)?([A-Za-z]+)\}/.exec(rest.slice(index + 2));
        const body = match ? posixClasses[match[1]] : undefined;
        if (!match || body === undefined) throw new SyntaxError(`Pattern "${pattern}": this \\${next}{…} class is not supported by the local engine`);
        out += inClass && next === 'p' ? body : `[${next === 'P' ? '^' : ''}${body}]`;
        index += 2 + match[0].length;
        continue;
      }
      if (!inClass && next === 'A') out += '^';
      else if (!inClass && next === 'z') out += '$';
      else if (!inClass && next === 'Z') out += '(?=\\n?$)';
      else out += char + next;
      index += 2;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      if (char === '[' && rest[index + 1] !== ':') {
        throw new SyntaxError(`Pattern "${pattern}": nested character classes are not supported by the local engine`);
      }
      if (char === '&' && rest[index + 1] === '&') {
        throw new SyntaxError(`Pattern "${pattern}": character class intersection (&&) is not supported by the local engine`);
      }
      out += char;
      index += 1;
      continue;
    }
    if (char === '[') {
      inClass = true;
      out += char;
      if (rest[index + 1] === '^') {
        out += '^';
        index += 1;
      }
      if (rest[index + 1] === ']') {
        out += '\\]';
        index += 1;
      }
      index += 1;
      continue;
    }
    if (char === '(' && rest.startsWith('(?>', index)) {
      out += '(?:';
      index += 3;
      continue;
    }
    if (char === '(' && /^\(\?[a-zA-Z-]+[):]/.test(rest.slice(index))) {
      throw new SyntaxError(`Pattern "${pattern}": inline flags are only supported at the start of the pattern`);
    }
    if (char === '+' && wasAfterQuantifier) {
      // A possessive quantifier (a*+, a++, a?+, a{2}+): drop the possessive mark.
      index += 1;
      continue;
    }
    afterQuantifier = char === '*' || char === '+' || char === '?' || char === '}';
    out += char;
    index += 1;
  }
  return { source: out, flags };
}

const compiled = new Map<string, RegExp>();

export function javaMatches(pattern: string, value: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    const { source, flags } = translateJavaRegex(pattern);
    try {
      regex = new RegExp(`^(?:${source})$`, flags);
    } catch (error) {
      throw new SyntaxError(`Invalid pattern "${pattern}": ${(error as Error).message}`);
    }
    // A bounded cache: resolvers use a handful of constant patterns.
    if (compiled.size >= 256) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex.test(String(value));
}
