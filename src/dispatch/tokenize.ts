/**
 * Splits a typed command line into words. Single and double quotes group words; a backslash escapes the next
 * character. Nothing here is ever handed to a shell: the words only feed the option parser.
 */
export function tokenize(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === '\\' && i + 1 < line.length && quote !== "'") {
      current += line[++i];
      inWord = true;
    } else if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** Accepts `/ops health`, `ops health` and `health` alike. */
export function stripCommandPrefix(words: string[]): string[] {
  const first = words[0];
  return first === '/ops' || first === 'ops' ? words.slice(1) : words;
}
