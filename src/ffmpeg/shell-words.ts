// POSIX shell word splitting without expansion, for `run "…"` strings in tests and for
// `--commands` files: quotes and backslashes are honoured, `$`, `~` and globs stay
// literal. Shell operators (`|`, `;`, `&`, `<`, `>`, `(`, `)`) are refused rather than
// silently kept: a pipeline is not one ffmpeg command, and guessing would hide that.

export type ShellWordsResult =
  | { readonly ok: true; readonly words: readonly string[] }
  | { readonly ok: false; readonly message: string; readonly offset: number };

const OPERATORS = new Set(["|", ";", "&", "<", ">", "(", ")"]);
const BLANKS = new Set([" ", "\t", "\n", "\r"]);
/** Inside double quotes a backslash escapes only these (POSIX 2.2.3). */
const DOUBLE_QUOTE_ESCAPES = new Set(["$", "`", '"', "\\", "\n"]);

export function splitShellWords(text: string): ShellWordsResult {
  const words: string[] = [];
  let word: string | null = null;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (BLANKS.has(c)) {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (c === "#" && word === null) {
      // A comment runs to the end of the line.
      while (i < text.length && text[i] !== "\n") i++;
    } else if (OPERATORS.has(c)) {
      return { ok: false, message: `the shell operator '${c}' is not supported here; quote it to pass it to ffmpeg`, offset: i };
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return { ok: false, message: "unterminated single quote", offset: i };
      word = (word ?? "") + text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      const quoted = readDoubleQuoted(text, i);
      if (quoted === null) return { ok: false, message: "unterminated double quote", offset: i };
      word = (word ?? "") + quoted.value;
      i = quoted.end;
    } else if (c === "\\") {
      const next = text[i + 1];
      if (next === undefined) return { ok: false, message: "a backslash at the end escapes nothing", offset: i };
      // Backslash-newline is a line continuation; any other escaped character is literal.
      if (next !== "\n") word = (word ?? "") + next;
      i += 2;
    } else {
      word = (word ?? "") + c;
      i++;
    }
  }
  if (word !== null) words.push(word);
  return { ok: true, words };
}

function readDoubleQuoted(text: string, start: number): { value: string; end: number } | null {
  let value = "";
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') return { value, end: i + 1 };
    if (c === "\\" && i + 1 < text.length && DOUBLE_QUOTE_ESCAPES.has(text[i + 1]!)) {
      if (text[i + 1] !== "\n") value += text[i + 1];
      i += 2;
    } else {
      value += c;
      i++;
    }
  }
  return null;
}
