// Settings (`issuer "…"`, `max_token_age 15m`, `sign_key env NAME`) are newline-free like
// the rest of the language, so how many values a key takes must be known while parsing:
// this table says it. Which keys a provider kind or the audit block accepts is checked
// later, in semantics.

import type { IToken, TokenType } from "chevrotain";
import { Kw, LBracket, StringToken, Word } from "./tokens.js";

export type SettingShape =
  | "string" // issuer "…"
  | "string-or-list" // audience "a"  |  audience ["a", "b"]
  | "word" // max_token_age 15m, accept id_tokens
  | "list" // algorithms [RS256, ES256]
  | "flag" // one_time
  | "source"; // sign_key env NAME | sign_key file "path"

export const SETTING_SHAPES: ReadonlyMap<string, SettingShape> = new Map<string, SettingShape>([
  ["issuer", "string"],
  ["audience", "string-or-list"],
  ["jwks", "string"],
  ["max_token_age", "word"],
  ["clock_skew", "word"],
  ["algorithms", "list"],
  ["accept", "word"],
  ["one_time", "flag"],
  ["idp_certificate", "string"],
  ["recipient", "string"],
  ["tokens", "string"],
  ["log", "string"],
  ["sign_key", "source"],
  ["node", "string"],
]);

export const wordTypes: ReadonlySet<TokenType> = new Set<TokenType>([Word, ...Object.values(Kw)]);

/** Whether a setting with this shape, holding `count` values, takes the next token as another value. */
export function settingAccepts(shape: SettingShape | undefined, count: number, token: IToken): boolean {
  const next = token.tokenType;
  const isString = next === StringToken || next.CATEGORIES?.includes(StringToken) === true;
  const isList = next === LBracket;
  const isWord = wordTypes.has(next);
  switch (shape) {
    case undefined:
      // An unknown key takes what follows up to the next known key or keyword, so a typo is one error.
      return isString || isList || (next === Word && !SETTING_SHAPES.has(token.image));
    case "string":
      return count === 0 && isString;
    case "string-or-list":
      return count === 0 && (isString || isList);
    case "word":
      return count === 0 && isWord;
    case "list":
      return count === 0 && isList;
    case "flag":
      return false;
    case "source":
      return (count === 0 && (isWord || isString)) || (count === 1 && (isWord || isString));
  }
}
