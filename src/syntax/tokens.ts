// Token types. Keywords are contextual: every keyword token is also a `Word` (Chevrotain
// token categories), so `read`, `video` or `copy` can still be a role, set or codec name
// wherever the grammar expects a name. The lexer produces plain Words; `keywordize`
// retypes the ones whose text is a keyword (cheaper than one regex per keyword).

import { createToken, Lexer, type IToken, type TokenType } from "chevrotain";

export const Word = createToken({ name: "Word", pattern: /[A-Za-z0-9_][A-Za-z0-9_.\-]*/, label: "a name" });
export const StringToken = createToken({ name: "String", pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*"/, label: "a string" });
/** A string that reaches the end of its line: reported, then parsed as if it were closed. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*\\?/,
  categories: [StringToken],
});
export const Comment = createToken({ name: "Comment", pattern: /#[^\n\r]*/, group: "comments" });
/** Blanks, and the byte-order mark some editors put at the start of a UTF-8 file. */
export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\f\v\uFEFF]+/, group: Lexer.SKIPPED, line_breaks: true });

export const LBrace = createToken({ name: "LBrace", pattern: "{", label: "'{'" });
export const RBrace = createToken({ name: "RBrace", pattern: "}", label: "'}'" });
export const LBracket = createToken({ name: "LBracket", pattern: "[", label: "'['" });
export const RBracket = createToken({ name: "RBracket", pattern: "]", label: "']'" });
export const Comma = createToken({ name: "Comma", pattern: ",", label: "','" });
export const Colon = createToken({ name: "Colon", pattern: ":", label: "':'" });
export const Arrow = createToken({ name: "Arrow", pattern: "=>", label: "'=>'" });
export const EqualEqual = createToken({ name: "EqualEqual", pattern: "==", label: "'=='" });
export const Equals = createToken({ name: "Equals", pattern: "=", label: "'='" });
export const LessEqual = createToken({ name: "LessEqual", pattern: "<=", label: "'<='" });
export const Greater = createToken({ name: "Greater", pattern: ">", label: "'>'" });

const KEYWORD_NAMES = [
  // statements
  "policy",
  "import",
  "mode",
  "provider",
  "map",
  "set",
  "role",
  "forbid",
  "alert",
  "audit",
  "test",
  // map rules
  "claim",
  "attribute",
  "subject",
  "contains",
  "in",
  // roles
  "extends",
  "read",
  "write",
  "publish",
  "stdout",
  "video",
  "audio",
  "subtitle",
  "data",
  "codec",
  "encoder",
  "format",
  "bitrate",
  "resolution",
  "frame_rate",
  "duration",
  "size",
  "deny",
  "allow",
  "filter",
  "limit",
  "jobs",
  "per",
  // alerts
  "when",
  "over",
  "unseen",
  "baseline",
  // tests
  "as",
  "input",
  "with",
  "history",
  "cwd",
  "run",
  "expect",
  "strict",
] as const;

export type Keyword = (typeof KEYWORD_NAMES)[number];

function keywordToken(name: Keyword): TokenType {
  // The pattern never matches on its own (Lexer.NA): keywords come from `keywordize`.
  return createToken({ name: `Kw_${name}`, pattern: Lexer.NA, categories: [Word], label: `'${name}'` });
}

export const Kw = Object.fromEntries(KEYWORD_NAMES.map((name) => [name, keywordToken(name)])) as Record<Keyword, TokenType>;

const keywordByText = new Map<string, TokenType>(KEYWORD_NAMES.map((name) => [name, Kw[name]]));

/** Retype Word tokens whose text is a keyword, in place. */
export function keywordize(tokens: IToken[]): void {
  for (const token of tokens) {
    if (token.tokenType !== Word) continue;
    const keyword = keywordByText.get(token.image);
    if (keyword !== undefined) {
      token.tokenType = keyword;
      token.tokenTypeIdx = keyword.tokenTypeIdx!;
    }
  }
}

export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  StringToken,
  UnterminatedString,
  LBrace,
  RBrace,
  LBracket,
  RBracket,
  Comma,
  Colon,
  Arrow,
  EqualEqual,
  Equals,
  LessEqual,
  Greater,
  Word,
  ...Object.values(Kw),
];
