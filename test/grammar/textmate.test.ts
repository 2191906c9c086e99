// The editor's grammar (grammar/ffpolicy.tmLanguage.json), language configuration and
// snippets, checked with the engine VS Code itself uses (vscode-textmate + oniguruma).
// Scopes are asserted on a fixture, and cross-checked against the real lexer: every
// comment and every string the lexer finds in the samples must be scoped as one.

import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Lexer, type IToken } from "chevrotain";
import oniguruma from "vscode-oniguruma";
import textmate, { type IGrammar } from "vscode-textmate";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { allTokens, StringToken } from "../../src/syntax/tokens.js";
import { checkText } from "../helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const read = (...path: string[]): string => readFileSync(join(root, ...path), "utf8");
const readJson = (...path: string[]): any => JSON.parse(read(...path));

const GRAMMAR_PATH = "grammar/ffpolicy.tmLanguage.json";
const SCOPE = "source.ffpolicy";

interface Token {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

let grammar: IGrammar;

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) => (scopeName === SCOPE ? textmate.parseRawGrammar(read(GRAMMAR_PATH), join(root, GRAMMAR_PATH)) : null),
  });
  const loaded = await registry.loadGrammar(SCOPE);
  if (loaded === null) throw new Error(`${GRAMMAR_PATH} did not load`);
  grammar = loaded;
});

/** Tokenize a document line by line, as the editor does (the state carries across lines). */
function tokenize(text: string): Token[][] {
  let state = textmate.INITIAL;
  return text.split(/\r?\n/).map((line, lineNo) => {
    const result = grammar.tokenizeLine(line, state);
    if (result.stoppedEarly) throw new Error(`tokenizing line ${lineNo + 1} stopped early`);
    state = result.ruleStack;
    return result.tokens.map((t) => ({
      line: lineNo,
      start: t.startIndex,
      end: Math.min(t.endIndex, line.length),
      text: line.slice(t.startIndex, t.endIndex),
      scopes: t.scopes,
    }));
  });
}

/** The scopes of one character. */
function scopesAt(lines: Token[][], line: number, column: number): readonly string[] {
  const token = lines[line]?.find((t) => t.start <= column && column < t.end);
  if (token === undefined) throw new Error(`no token at ${line + 1}:${column + 1}`);
  return token.scopes;
}

const has = (scopes: readonly string[], prefix: string): boolean => scopes.some((s) => s === prefix || s.startsWith(`${prefix}.`));

/** Offset → (line, column), for ranges reported by the lexer. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) };
}

// ── the fixture ─────────────────────────────────────────────────────────────────────

describe("TextMate grammar: scopes on the fixture", () => {
  const fixture = read("test/grammar/fixtures/highlight.ffpolicy");
  const fixtureLines = fixture.split("\n");
  let lines: Token[][];
  beforeAll(() => {
    lines = tokenize(fixture);
  });

  /** Every character of `token` (the nth occurrence on the one line containing `context`). */
  function charScopes(context: string, token: string, nth = 0): (readonly string[])[] {
    const candidates = fixtureLines.flatMap((l, i) => (l.includes(context) ? [i] : []));
    expect(candidates, `exactly one fixture line contains ${JSON.stringify(context)}`).toHaveLength(1);
    const line = candidates[0]!;
    let column = -1;
    for (let k = 0; k <= nth; k++) column = fixtureLines[line]!.indexOf(token, column + 1);
    expect(column, `${JSON.stringify(token)} on line ${line + 1}`).toBeGreaterThanOrEqual(0);
    return [...token].map((_, i) => scopesAt(lines, line, column + i));
  }
  function expectScope(context: string, token: string, scope: string, nth = 0): void {
    for (const scopes of charScopes(context, token, nth)) expect(scopes, `${JSON.stringify(token)} in ${JSON.stringify(context)}`).toContainEqual(scope);
  }
  function expectNotScope(context: string, token: string, scopePrefix: string, nth = 0): void {
    for (const scopes of charScopes(context, token, nth))
      expect(has(scopes, scopePrefix), `${JSON.stringify(token)} in ${JSON.stringify(context)}: ${scopes.join(" ")}`).toBe(false);
  }
  /** `token` is one whole token (not split, not merged with its neighbours). */
  function expectWholeToken(context: string, token: string): void {
    const line = fixtureLines.findIndex((l) => l.includes(context));
    const column = fixtureLines[line]!.indexOf(token);
    const covering = lines[line]!.filter((t) => t.start < column + token.length && t.end > column);
    expect(covering.map((t) => t.text)).toEqual([token]);
  }

  it("is a syntactically valid policy apart from its one invalid escape", () => {
    expect(parse(fixture).diagnostics.map((d) => d.code)).toEqual(["FFP1004"]);
  });

  it("scopes comments, and a url's '#' inside a string is not a comment", () => {
    expectScope("# highlight fixture", "# highlight fixture: textmate.test.ts", "comment.line.number-sign.ffpolicy");
    expectScope("# highlight fixture", "#", "punctuation.definition.comment.ffpolicy");
    expectScope("a url keeps", "# a url keeps its '#'", "comment.line.number-sign.ffpolicy");
    expectScope("# everyone", "# everyone, whatever their roles", "comment.line.number-sign.ffpolicy");
    // '#' inside strings: a url fragment, a stream key, an output name.
    expectScope("issuer", "https://login.example.com/#/realms/main", "string.quoted.double.ffpolicy");
    expectNotScope("issuer", "#/realms/main", "comment");
    expectNotScope('publish "rtmp', "key#1", "comment");
    expectNotScope("run ", "a#1.mp4", "comment");
    expectScope("run ", "a#1.mp4", "string.quoted.double.ffpolicy");
    // The string ends where it should: the code after it is not string.
    expectNotScope("issuer", "# a url", "string");
  });

  it("scopes statement keywords and rule keywords", () => {
    expectScope("policy fixture", "policy", "keyword.other.statement.ffpolicy");
    expectScope("role base {", "role", "keyword.other.statement.ffpolicy");
    expectScope("provider okta", "provider", "keyword.other.statement.ffpolicy");
    expectScope("set read", "set", "keyword.other.statement.ffpolicy");
    expectScope("map ci", "map", "keyword.other.statement.ffpolicy");
    expectScope('forbid publish "udp', "forbid", "keyword.other.statement.ffpolicy");
    expectScope('alert "spike"', "alert", "keyword.other.statement.ffpolicy");
    expectScope("audit {", "audit", "keyword.other.statement.ffpolicy");
    expectScope('test "escapes', "test", "keyword.other.statement.ffpolicy");
    expectScope("mode audit_only", "mode", "keyword.other.statement.ffpolicy");
    expectScope("import", "import", "keyword.control.import.ffpolicy");
    const rules: [string, string][] = [
      ["read data", "read"],
      ["write stdout", "write"],
      ["write stdout", "stdout"],
      ['publish "rtmp', "publish"],
      ["video codec in [h264", "video"],
      ["video codec in [h264", "codec"],
      ["video codec in [h264", "in"],
      ["audio encoder in read", "encoder"],
      ["video bitrate <= 8M", "bitrate"],
      ["resolution <=", "resolution"],
      ["frame_rate <=", "frame_rate"],
      ["size <=", "size"],
      ["duration <=", "duration"],
      ["format in [mp4", "format"],
      ["deny filter", "deny"],
      ["deny filter", "filter"],
      ["filter in [scale]", "filter"],
      ["allow device", "allow"],
      ["limit 100", "limit"],
      ["limit 100", "jobs"],
      ["limit 100", "per"],
      ["role tenant extends", "extends"],
      ["realm_access.roles contains", "claim"],
      ["realm_access.roles contains", "contains"],
      ['subject "ci-bot"', "subject"],
      ["jobs > 3x", "when"],
      ["jobs > 3x", "baseline"],
      ["jobs > 3x", "over"],
      ["codec unseen", "unseen"],
      ["as okta {", "as"],
      ['input "/data', "input"],
      ["with history", "with"],
      ["with history", "history"],
      ['cwd "/data', "cwd"],
      ['run "ffmpeg', "run"],
      ["expect allow strict", "expect"],
      ["expect allow strict", "allow"],
      ["expect allow strict", "strict"],
    ];
    for (const [context, word] of rules) expectScope(context, word, "keyword.other.ffpolicy");
  });

  it("keywords are contextual: a keyword in a name position is a name", () => {
    // `set read = …` names a set; `read data` reads the set `data`; `audio encoder in read` uses the set `read`.
    expectScope("set read", "read", "entity.name.variable.set.ffpolicy");
    expectNotScope("set read", "read", "keyword");
    expectScope("read data", "data", "variable.other.ffpolicy");
    expectNotScope("read data", "data", "keyword");
    expectScope("audio encoder in read", "read", "variable.other.ffpolicy");
    expectNotScope("audio encoder in read", "read", "keyword");
    // In a list, `data` and `video` are codec names.
    expectScope("video codec in [h264", "data", "constant.other.ffpolicy");
    expectNotScope("video codec in [h264", "data", "keyword");
    expectNotScope("video codec in [h264", "video", "keyword", 1);
  });

  it("scopes entity names after role, set, provider, policy and extends", () => {
    expectScope("policy fixture", "fixture", "entity.name.namespace.policy.ffpolicy");
    expectScope("role base {", "base", "entity.name.type.role.ffpolicy");
    expectScope("role tenant extends", "tenant", "entity.name.type.role.ffpolicy");
    expectScope("role tenant extends", "base", "entity.other.inherited-class.ffpolicy");
    expectScope("role tenant extends", "other-role", "entity.other.inherited-class.ffpolicy");
    expectWholeToken("role tenant extends", "other-role");
    expectScope("provider okta", "okta", "entity.name.type.provider.ffpolicy");
    expectScope("provider okta", "oidc", "support.type.provider-kind.ffpolicy");
    expectScope("provider ci", "ci", "entity.name.type.provider.ffpolicy");
    expectScope("provider ci", "api_token", "support.type.provider-kind.ffpolicy");
    expectScope("provider ci", "tokens", "support.type.property-name.setting.ffpolicy");
    expectScope("set read", "read", "entity.name.variable.set.ffpolicy");
    // References: the role a map gives, the provider of a map or a test identity.
    expectScope("realm_access.roles contains", "tenant", "entity.name.type.role.ffpolicy");
    expectScope("realm_access.roles contains", "okta", "entity.name.type.provider.ffpolicy");
    expectScope("realm_access.roles contains", "realm_access.roles", "variable.other.property.claim.ffpolicy");
    expectScope("as okta {", "okta", "entity.name.type.provider.ffpolicy");
    expectScope("max_token_age", "max_token_age", "support.type.property-name.setting.ffpolicy");
    expectScope("sign_key env", "FFPOLICY_AUDIT_KEY", "variable.other.environment.ffpolicy");
    expectScope("=> block", "block", "constant.language.action.ffpolicy");
    expectScope("mode audit_only", "audit_only", "constant.language.mode.ffpolicy");
  });

  it("scopes quantities as constant.numeric, and names that start with a digit as names", () => {
    const quantities: [string, string][] = [
      ["video bitrate <= 8M", "8M"],
      ["audio bitrate <= 320k", "320k"],
      ["max_token_age", "15m"],
      ["limit 100", "1h"],
      ["limit 100", "100"],
      ["resolution <=", "3840x2160"],
      ["jobs > 3x", "3x"],
      ["frame_rate <=", "60fps"],
      ["size <=", "10GB"],
      ["duration <=", "90s"],
      ["codec unseen", "30d"],
      ['input "/data', "1920x1080"],
      ['input "/data', "25fps"],
      ["with history", "99"],
    ];
    for (const [context, quantity] of quantities) {
      for (const scopes of charScopes(context, quantity)) expect(has(scopes, "constant.numeric"), `${quantity}: ${scopes.join(" ")}`).toBe(true);
    }
    expectScope("resolution <=", "x", "keyword.other.unit.ffpolicy");
    expectScope("video bitrate <= 8M", "M", "keyword.other.unit.ffpolicy");
    for (const name of ["libvpx-vp9", "8bps", "4xm", "3gp"]) {
      expectScope("set read", name, "constant.other.ffpolicy");
      expectNotScope("set read", name, "constant.numeric");
      expectWholeToken("set read", name);
    }
  });

  it("highlights templates inside strings", () => {
    for (const [context, template, path] of [
      ['read "/data/{claims', "{claims.tenant}", "claims.tenant"],
      ['write "/data/{subject}', "{subject}", "subject"],
      ['publish "rtmp', "{claims.org.unit}", "claims.org.unit"],
    ] as const) {
      expectScope(context, template, "meta.template.expression.ffpolicy");
      expectScope(context, template, "string.quoted.double.ffpolicy");
      expectScope(context, path, "variable.other.template.ffpolicy");
      expectScope(context, "{", "punctuation.definition.template-expression.begin.ffpolicy");
    }
    expectNotScope('read "/data/{claims', "/in/**", "meta.template");
  });

  it("scopes valid escapes, and marks an invalid escape invalid.illegal", () => {
    for (const escape of ['\\"', "\\\\", "\\n", "\\t", "\\r", "\\u00e9"]) {
      expectScope('test "escapes', escape, "constant.character.escape.ffpolicy");
      expectNotScope('test "escapes', escape, "invalid");
    }
    expectScope('test "escapes', "\\q", "invalid.illegal.escape.ffpolicy");
    // The escaped quote does not end the string: the text after it is still string.
    expectScope('test "escapes', "and a bad one", "string.quoted.double.ffpolicy");
    expectNotScope('test "escapes', "{", "string");
  });

  it("scopes operators and punctuation", () => {
    expectScope("video bitrate <= 8M", "<=", "keyword.operator.comparison.ffpolicy");
    expectScope("client_id ==", "==", "keyword.operator.comparison.ffpolicy");
    expectScope("client_id ==", "=>", "keyword.operator.arrow.ffpolicy");
    expectScope("set read", "=", "keyword.operator.assignment.ffpolicy");
    expectScope("jobs > 3x", ">", "keyword.operator.comparison.ffpolicy");
    expectScope("role base {", "{", "punctuation.section.block.begin.ffpolicy");
    expectScope("set read", "[", "punctuation.section.brackets.begin.ffpolicy");
    expectScope("set read", "]", "punctuation.section.brackets.end.ffpolicy");
    expectScope("set read", ",", "punctuation.separator.comma.ffpolicy");
    expectScope("as okta {", ":", "punctuation.separator.key-value.ffpolicy");
    expectScope("as okta {", "sub", "support.type.property-name.ffpolicy");
  });

  it("closes every block: nothing after a statement is scoped as inside it", () => {
    expectNotScope('forbid publish "udp', "forbid", "meta.block");
    expectNotScope("audit {", "audit", "meta.statement.forbid");
    expectNotScope("audit {", "audit", "meta.statement.alert");
    // The last line's '}' leaves the document at the top level.
    const last = lines.at(-2)!;
    expect(last.map((t) => t.text).join("")).toBe("}");
    expect(has(last[0]!.scopes, "punctuation.section.block.end")).toBe(true);
    expect(tokenize(`${fixture}\nrole after {`).at(-1)![0]!.scopes).toEqual([SCOPE, "meta.statement.role.ffpolicy", "keyword.other.statement.ffpolicy"]);
  });
});

// ── robustness ──────────────────────────────────────────────────────────────────────

describe("TextMate grammar: robustness", () => {
  it("recovers from an unclosed block or list at the next statement", () => {
    const lines = tokenize('role a {\n  read "x"\nrole b {\n  read ["y",\nset s = [a]\n# done\n');
    expect(scopesAt(lines, 2, 0)).toEqual([SCOPE, "meta.statement.role.ffpolicy", "keyword.other.statement.ffpolicy"]);
    expect(scopesAt(lines, 4, 0)).toEqual([SCOPE, "meta.statement.set.ffpolicy", "keyword.other.statement.ffpolicy"]);
    expect(scopesAt(lines, 5, 0)).toEqual([SCOPE, "comment.line.number-sign.ffpolicy", "punctuation.definition.comment.ffpolicy"]);
  });

  it("ends an unterminated string at the end of its line, as the lexer does", () => {
    const lines = tokenize('forbid read "/etc # not a comment\nforbid read "/root/**" # a comment\n');
    expect(has(scopesAt(lines, 0, 19), "string.quoted.double")).toBe(true);
    expect(has(scopesAt(lines, 0, 19), "comment")).toBe(false);
    expect(scopesAt(lines, 1, 0)).toContain("keyword.other.statement.ffpolicy");
    expect(has(scopesAt(lines, 1, 23), "comment")).toBe(true);
  });

  it("marks characters the lexer rejects", () => {
    const lines = tokenize("role a { read; }");
    expect(scopesAt(lines, 0, 13)).toContain("invalid.illegal.character.ffpolicy");
  });

  it("tokenizes very long and pathological lines", () => {
    const long = [
      `set s = [${Array.from({ length: 3000 }, (_, i) => `n${i}-a.b`).join(", ")}]`,
      `read "${"\\".repeat(5001)}`,
      `role ${"a-".repeat(5000)}`,
      `${"8".repeat(5000)}x`,
      `${'"{claims.'.repeat(2000)}`,
      "{[".repeat(3000),
    ];
    for (const line of long) expect(() => tokenize(line)).not.toThrow();
  });
});

// ── the samples, cross-checked against the real lexer ───────────────────────────────

const policyFiles = [
  ...readdirSync(join(root, "samples"))
    .filter((f) => f.endsWith(".ffpolicy"))
    .map((f) => `samples/${f}`),
  ...readdirSync(join(root, "test/fixtures/format"))
    .filter((f) => f.endsWith(".ffpolicy"))
    .map((f) => `test/fixtures/format/${f}`),
  "test/grammar/fixtures/highlight.ffpolicy",
];
const sampleFiles = policyFiles.filter((f) => f.startsWith("samples/"));
const diagnosticFixtures = readdirSync(join(root, "test/fixtures/diagnostics"))
  .filter((f) => /\.ffpolicy(\.inc)?$/.test(f))
  .map((f) => `test/fixtures/diagnostics/${f}`);

const lexer = new Lexer(allTokens, { positionTracking: "onlyOffset", ensureOptimizations: false });
const isString = (t: IToken): boolean => t.tokenType === StringToken || t.tokenType.CATEGORIES?.includes(StringToken) === true;

describe("TextMate grammar: samples", () => {
  it("finds the samples", () => {
    expect(sampleFiles.length).toBeGreaterThanOrEqual(3);
  });

  it.each(policyFiles)("%s: every comment the lexer finds is scoped as a comment, and nothing else is", (file) => {
    const text = read(file);
    const lines = tokenize(text);
    const comments = parse(text).comments;
    if (sampleFiles.includes(file)) expect(comments.length).toBeGreaterThan(0);
    const inComment = new Set<string>();
    for (const comment of comments) {
      for (let offset = comment.range.start; offset < comment.range.end; offset++) {
        const { line, column } = positionOf(text, offset);
        inComment.add(`${line}:${column}`);
        expect(has(scopesAt(lines, line, column), "comment.line.number-sign"), `${file}:${line + 1}:${column + 1} is in a comment`).toBe(true);
      }
    }
    for (const token of lines.flat()) {
      if (!has(token.scopes, "comment")) continue;
      for (let column = token.start; column < token.end; column++) {
        expect(inComment.has(`${token.line}:${column}`), `${file}:${token.line + 1}:${column + 1} is scoped comment but is not one`).toBe(true);
      }
    }
  });

  it.each(policyFiles)("%s: every string the lexer finds is scoped as a string, with its '#'s", (file) => {
    const text = read(file);
    const lines = tokenize(text);
    const strings = lexer.tokenize(text).tokens.filter(isString);
    expect(strings.length).toBeGreaterThan(0);
    let hashes = 0;
    for (const token of strings) {
      for (let offset = token.startOffset; offset < token.startOffset + token.image.length; offset++) {
        const { line, column } = positionOf(text, offset);
        const scopes = scopesAt(lines, line, column);
        expect(has(scopes, "string.quoted.double"), `${file}:${line + 1}:${column + 1} is in a string`).toBe(true);
        expect(has(scopes, "comment"), `${file}:${line + 1}:${column + 1} is in a string, not a comment`).toBe(false);
        if (text[offset] === "#") hashes++;
      }
    }
    if (file.endsWith("highlight.ffpolicy")) expect(hashes).toBe(3);
  });

  it.each(policyFiles)("%s: no token is marked invalid except the fixture's bad escape", (file) => {
    const invalid = tokenize(read(file))
      .flat()
      .filter((t) => has(t.scopes, "invalid"))
      .map((t) => t.text);
    expect(invalid).toEqual(file.endsWith("highlight.ffpolicy") ? ["\\q"] : []);
  });

  it.each(diagnosticFixtures)("%s: tokenizes, and its comments agree with the lexer", (file) => {
    const text = read(file);
    const lines = tokenize(text);
    for (const comment of parse(text).comments) {
      const { line, column } = positionOf(text, comment.range.start);
      expect(has(scopesAt(lines, line, column), "comment"), `${file}:${line + 1}:${column + 1}`).toBe(true);
    }
  });

  it("marks exactly the escapes the parser rejects (FFP1004)", () => {
    const files = [...policyFiles, ...diagnosticFixtures];
    let checked = 0;
    for (const file of files) {
      const text = read(file);
      const lines = tokenize(text);
      const rejected = parse(text)
        .diagnostics.filter((d) => d.code === "FFP1004")
        .map((d) => positionOf(text, d.range.start))
        .map(({ line, column }) => `${line}:${column}`);
      const marked = lines
        .flat()
        .filter((t) => has(t.scopes, "invalid.illegal.escape"))
        .map((t) => `${t.line}:${t.start}`);
      expect(marked, file).toEqual(rejected);
      checked += rejected.length;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });
});

// ── snippets ────────────────────────────────────────────────────────────────────────

interface Snippet {
  readonly prefix: string | string[];
  readonly body: string | string[];
  readonly description: string;
}

const snippets: Record<string, Snippet> = readJson("grammar/snippets.json");
const bodyOf = (snippet: Snippet): string => (Array.isArray(snippet.body) ? snippet.body.join("\n") : snippet.body);

/**
 * Expand a VS Code snippet as if every placeholder were accepted: `${1:default}` → its
 * default (nested placeholders expanded), `${1|a,b|}` → the choice numbered `choice` for
 * tab stop `choiceStop` and else the first, `$1`/`${1}`/`$0` → nothing. Tabs stay tabs.
 */
function expandSnippet(body: string, choiceStop?: number, choice = 0): string {
  let i = 0;
  const expand = (inside: boolean): string => {
    let out = "";
    while (i < body.length) {
      const c = body[i]!;
      if (c === "\\" && "$}\\,|".includes(body[i + 1] ?? "")) {
        out += body[i + 1];
        i += 2;
        continue;
      }
      if (inside && c === "}") return out;
      if (c !== "$") {
        out += c;
        i++;
        continue;
      }
      const rest = body.slice(i);
      let m: RegExpExecArray | null;
      if ((m = /^\$\d+|^\$\{\d+\}/.exec(rest)) !== null) {
        i += m[0].length;
      } else if ((m = /^\$\{(\d+)\|([^|]*)\|\}/.exec(rest)) !== null) {
        const options = m[2]!.split(",");
        out += Number(m[1]) === choiceStop ? options[choice]! : options[0]!;
        i += m[0].length;
      } else if ((m = /^\$\{\d+:/.exec(rest)) !== null) {
        i += m[0].length;
        out += expand(true);
        if (body[i] !== "}") throw new Error(`unclosed placeholder in ${JSON.stringify(body)}`);
        i++;
      } else {
        throw new Error(`snippet syntax this test does not know at ${JSON.stringify(rest.slice(0, 20))}`);
      }
    }
    if (inside) throw new Error(`unclosed placeholder in ${JSON.stringify(body)}`);
    return out;
  };
  return expand(false);
}

/** Every variant of a snippet: defaults, then each other option of each choice. */
function variants(body: string): string[] {
  const out = [expandSnippet(body)];
  for (const m of body.matchAll(/\$\{(\d+)\|([^|]*)\|\}/g)) {
    const count = m[2]!.split(",").length;
    for (let k = 1; k < count; k++) out.push(expandSnippet(body, Number(m[1]), k));
  }
  return out;
}

describe("snippets", () => {
  it("has the snippets the editor offers", () => {
    const prefixes = Object.values(snippets).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
    for (const wanted of ["role", "provider oidc", "provider saml", "provider api_token", "map claim", "test", "forbid", "alert", "audit"]) {
      expect(prefixes).toContain(wanted);
    }
    for (const [name, snippet] of Object.entries(snippets)) {
      expect(snippet.description.length, name).toBeGreaterThan(0);
      expect(bodyOf(snippet), name).toMatch(/\$\{1[:|]/);
    }
  });

  it("the expander does what VS Code does with defaults", () => {
    expect(expandSnippet('a ${1:x ${2:y}} "${3|p,q|}" $0\\$ ${4}.')).toBe('a x y "p" $ .');
    expect(expandSnippet("${1|p,q|}", 1, 1)).toBe("q");
    expect(() => expandSnippet("${1:x")).toThrow();
  });

  it.each(Object.keys(snippets))("%s: every expansion parses without a syntax error", (name) => {
    const body = bodyOf(snippets[name]!);
    for (const text of variants(body)) {
      expect(text).not.toMatch(/\$/);
      const result = parse(text);
      expect(
        result.diagnostics.map((d) => `${d.code} ${d.message}`),
        text,
      ).toEqual([]);
      expect(result.file.statements.length, text).toBe(1);
      const invalid = tokenize(text)
        .flat()
        .filter((t) => has(t.scopes, "invalid"));
      expect(invalid, text).toEqual([]);
    }
  });

  it("together, with their defaults, they make a policy that `check` accepts", () => {
    const document = ["policy snippets", ...Object.values(snippets).map((s) => expandSnippet(bodyOf(s)))].join("\n\n");
    const errors = checkText(document).filter((line) => / error /.test(line));
    expect(errors, document).toEqual([]);
  });
});

// ── language configuration and the extension manifest ───────────────────────────────

describe("language configuration", () => {
  const config = readJson("grammar/language-configuration.json");

  it("comments with '#' and pairs braces, brackets and quotes", () => {
    expect(config.comments).toEqual({ lineComment: "#" });
    expect(config.brackets).toEqual([
      ["{", "}"],
      ["[", "]"],
    ]);
    const closing = config.autoClosingPairs.map((p: { open: string; close: string }) => p.open + p.close);
    expect(closing).toEqual(expect.arrayContaining(["{}", "[]", '""']));
    expect(config.surroundingPairs).toEqual(
      expect.arrayContaining([
        ["{", "}"],
        ["[", "]"],
        ['"', '"'],
      ]),
    );
  });

  it("takes whole names as words", () => {
    const words = "map okta claim realm_access.roles contains libvpx-vp9 => 8M".match(new RegExp(config.wordPattern, "g"));
    expect(words).toEqual(["map", "okta", "claim", "realm_access.roles", "contains", "libvpx-vp9", "8M"]);
  });

  it.each(sampleFiles)("%s: the indentation rules reproduce the sample's indentation", (file) => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    let level = 0;
    let indented = 0;
    for (const [i, line] of read(file).split("\n").entries()) {
      if (line.trim() === "") continue;
      if (decrease.test(line)) level--;
      expect(line.length - line.trimStart().length, `${file}:${i + 1}`).toBe(2 * level);
      if (level > 0) indented++;
      if (increase.test(line)) level++;
    }
    expect(level).toBe(0);
    expect(indented).toBeGreaterThan(0);
  });

  it("does not indent after a brace inside a string or a comment", () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    expect(increase.test('  read "/data/{" # {')).toBe(false);
    expect(increase.test('  as okta { sub: "a" }')).toBe(false);
    expect(increase.test('test "a # b" {  # open')).toBe(true);
  });
});

describe("package.json contributes the language", () => {
  const manifest = readJson("package.json");

  it("declares the language, grammar and snippets, pointing at files that exist", () => {
    expect(manifest.engines.vscode).toBe("^1.100.0");
    const language = manifest.contributes.languages.find((l: { id: string }) => l.id === "ffpolicy");
    expect(language.extensions).toEqual([".ffpolicy"]);
    expect(language.aliases.length).toBeGreaterThan(0);
    expect(readJson(language.configuration)).toEqual(readJson("grammar/language-configuration.json"));
    const grammarEntry = manifest.contributes.grammars.find((g: { language: string }) => g.language === "ffpolicy");
    expect(grammarEntry.scopeName).toBe(SCOPE);
    expect(readJson(grammarEntry.path).scopeName).toBe(SCOPE);
    const snippetEntry = manifest.contributes.snippets.find((s: { language: string }) => s.language === "ffpolicy");
    expect(readJson(snippetEntry.path)).toEqual(snippets);
  });
});
