/**
 * Measuring and wrapping text for a terminal of a given width. Every character this tool prints
 * (box drawing, blocks, shades, Δ, ±, →) takes one column, so a line's width is its code points
 * once colour codes are removed.
 */

// eslint-disable-next-line no-control-regex -- ANSI colour codes
const ANSI = /\x1b\[[0-9;]*m/g;

/** Columns `line` takes on a terminal: its code points, colour codes left out. */
export function displayWidth(line: string): number {
  return [...line.replace(ANSI, '')].length;
}

/** The width of the widest line of `text`. */
export function widestLine(text: string): number {
  return Math.max(0, ...text.split('\n').map(displayWidth));
}

/** The longest word of `text` (words split at spaces): no wrapping can make text narrower than this. */
export function longestWord(text: string): number {
  return Math.max(0, ...text.split(/[ \n]+/).map(displayWidth));
}

/**
 * `text` wrapped at spaces into lines of at most `width` columns; continuation lines start with
 * `indent`. A word longer than a line is never broken (a path or a command must stay pasteable): it
 * gets a line of its own. No width: the text as it is.
 */
export function wrapWords(text: string, width: number | undefined, indent = ''): string[] {
  if (width === undefined || displayWidth(text) <= width) return [text];
  // Each word keeps the spaces after it, so column padding inside a line survives.
  const words = text.split(/(?<= )(?=\S)/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line.trim() !== '' && displayWidth(`${line}${word}`.trimEnd()) > width) {
      lines.push(line.trimEnd());
      line = `${indent}${word}`;
    } else {
      line += word;
    }
  }
  lines.push(line.trimEnd());
  return lines;
}

/** Each line of `text` wrapped as wrapWords does, joined again; a final newline is kept. */
export function wrapLines(text: string, width: number | undefined, indent = ''): string {
  if (width === undefined) return text;
  const trailing = text.endsWith('\n');
  const lines = (trailing ? text.slice(0, -1) : text).split('\n').flatMap((line) => wrapWords(line, width, indent));
  return `${lines.join('\n')}${trailing ? '\n' : ''}`;
}
