// Chevrotain's default messages name token types ("--> RBrace <--"); these speak the
// language of the policy author instead.

import type { IParserErrorMessageProvider, IToken, TokenType } from "chevrotain";

const RULE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  name: "a name",
  string: "a string",
  scalar: "a name or a string",
  valueRef: "a list, a set's name or a string",
  list: "a list",
  jsonValue: "a value",
  mediaKind: "video, audio, subtitle or data",
  mediaRule: "codec, encoder or bitrate",
  limitRule: "resolution, frame_rate, duration or size",
  claimMatch: "'==', 'contains' or 'in'",
  mapRule: "claim, attribute or subject",
  expectItem: "allow, allow strict or deny",
  alertDecl: "a condition like 'jobs > 100 over 1h' or 'codec unseen over 30d'",
  pathGrant: "what to grant",
  runItem: "a command string or a list of arguments",
};

function describe(token: IToken): string {
  return token.tokenType.name === "EOF" ? "the end of the file" : `'${token.image}'`;
}

function label(type: TokenType): string {
  return type.LABEL ?? type.name;
}

function alternatives(paths: TokenType[][][] | TokenType[][]): string {
  const firsts = new Set<string>();
  for (const path of paths.flat()) {
    const first = Array.isArray(path) ? path[0] : path;
    if (first !== undefined) firsts.add(label(first as TokenType));
  }
  return [...firsts].join(", ");
}

export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return `expected ${label(expected)} but found ${describe(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describe(firstRedundant)}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const wanted = RULE_DESCRIPTIONS[ruleName] ?? alternatives(expectedPathsPerAlt);
    return `expected ${wanted} but found ${describe(actual[0]!)}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }) {
    const wanted = RULE_DESCRIPTIONS[ruleName] ?? alternatives(expectedIterationPaths);
    return `expected at least one of ${wanted} but found ${describe(actual[0]!)}`;
  },
};
