// The syntax layer's entry point: text in, AST + comments + diagnostics out. Never throws.

import { Lexer, type IRecognitionException, type IToken } from "chevrotain";
import { range, type Range } from "../base/range.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Comment, PolicyFile } from "./ast.js";
import { PolicyParser } from "./parser.js";
import { allTokens, keywordize, LBrace, LBracket, RBrace, RBracket } from "./tokens.js";

export interface ParseResult {
  readonly file: PolicyFile;
  readonly comments: readonly Comment[];
  readonly diagnostics: readonly Diagnostic[];
}

const lexer = new Lexer(allTokens, { positionTracking: "onlyOffset", ensureOptimizations: false });
let parser: PolicyParser | null = null;

export function parse(text: string): ParseResult {
  const lexed = lexer.tokenize(text);
  keywordize(lexed.tokens);
  const diagnostics: Diagnostic[] = lexed.errors.map((error) => {
    const bad = text.slice(error.offset, error.offset + error.length);
    return diagnostic("FFP1003", range(error.offset, error.offset + error.length), `unexpected character${bad.length > 1 ? "s" : ""} '${bad}'`);
  });

  parser ??= new PolicyParser();
  parser.diagnostics = [];
  parser.input = limitNesting(lexed.tokens, diagnostics);
  const statements = parser.file() ?? [];
  diagnostics.push(...parser.diagnostics, ...parser.errors.map((e) => recognitionDiagnostic(e, text.length)));

  const comments = (lexed.groups["comments"] ?? []).map((token: IToken) => ({
    text: token.image,
    range: range(token.startOffset, token.startOffset + token.image.length),
  }));
  return { file: { statements, range: range(0, text.length) }, comments, diagnostics };
}

/**
 * Brackets and braces nested deeper than this are cut, with what they hold: the parser
 * recurses once per level, and no file may exhaust the stack (policies nest two or three).
 */
const MAX_NESTING = 64;

function limitNesting(tokens: IToken[], diagnostics: Diagnostic[]): IToken[] {
  let depth = 0;
  /** While cutting: the depth of the opener cut first, whose closer ends the cut. */
  let cutFrom: number | null = null;
  return tokens.filter((token) => {
    const type = token.tokenType;
    if (type === LBrace || type === LBracket) {
      depth++;
      if (depth > MAX_NESTING && cutFrom === null) {
        cutFrom = depth;
        diagnostics.push(
          diagnostic("FFP1001", range(token.startOffset, token.startOffset + 1), `nested more than ${MAX_NESTING} levels deep; what is inside is skipped`),
        );
      }
    } else if ((type === RBrace || type === RBracket) && depth > 0) {
      const closing = depth--;
      if (closing === cutFrom) {
        cutFrom = null;
        return false;
      }
    }
    return cutFrom === null;
  });
}

function recognitionDiagnostic(error: IRecognitionException, textLength: number): Diagnostic {
  return diagnostic("FFP1001", tokenRange(error.token, textLength), error.message);
}

function tokenRange(token: IToken, textLength: number): Range {
  if (Number.isNaN(token.startOffset) || token.tokenType.name === "EOF") return range(textLength, textLength);
  return range(token.startOffset, token.startOffset + token.image.length);
}
