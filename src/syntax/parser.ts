// The Chevrotain grammar. It builds the typed AST directly in embedded actions (no CST).
// Recovery is layered: Chevrotain's single-token insertion/deletion and re-sync handle
// small slips; unknown statements and unknown rules are consumed by catch-all
// alternatives that report a precise diagnostic and skip to the next thing that can
// start a statement or rule, so one typo never hides the rest of the file.

import { EmbeddedActionsParser, type IOrAlt, type IToken, type TokenType } from "chevrotain";
import { range, type Range } from "../base/range.js";
import { didYouMean } from "../base/suggest.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type * as Ast from "./ast.js";
import { decodeString } from "./strings.js";
import {
  allTokens,
  Arrow,
  Colon,
  Comma,
  EqualEqual,
  Equals,
  Greater,
  Kw,
  LBrace,
  LBracket,
  LessEqual,
  RBrace,
  RBracket,
  StringToken,
  UnterminatedString,
  Word,
} from "./tokens.js";
import { errorMessageProvider } from "./parse-errors.js";
import { SETTING_SHAPES, settingAccepts, wordTypes } from "./settings.js";

const STATEMENT_KEYWORDS = ["policy", "import", "mode", "provider", "map", "set", "role", "forbid", "alert", "audit", "test"] as const;
const ROLE_RULE_KEYWORDS = [
  "read",
  "write",
  "publish",
  "video",
  "audio",
  "subtitle",
  "data",
  "resolution",
  "frame_rate",
  "duration",
  "size",
  "format",
  "deny",
  "filter",
  "allow",
  "limit",
] as const;
const TEST_ITEM_KEYWORDS = ["as", "input", "with", "cwd", "run", "expect"] as const;
const ALLOW_TARGETS: readonly Ast.AllowTarget[] = ["filter", "protocol", "device", "option", "listen"];
const FORBID_TARGETS: readonly string[] = ["read", "write", "publish", "video", "audio", "subtitle", "data", "format", ...ALLOW_TARGETS];

const statementStarts = new Set<TokenType>(STATEMENT_KEYWORDS.map((k) => Kw[k]));
const ruleStarts = new Set<TokenType>([...ROLE_RULE_KEYWORDS.map((k) => Kw[k]), ...statementStarts]);
const testItemStarts = new Set<TokenType>([...TEST_ITEM_KEYWORDS.map((k) => Kw[k]), ...statementStarts]);

/**
 * Parts of an item (names, values, lists, conditions) do not recover on their own: an
 * error inside one unwinds to the enclosing statement, rule, setting or test item, which
 * re-syncs and is dropped whole (its error is reported). So no node is ever half-built.
 */
const NO_RESYNC = { resyncEnabled: false } as const;

export class PolicyParser extends EmbeddedActionsParser {
  /** Diagnostics found by the grammar's own checks (Chevrotain's errors are converted separately). */
  diagnostics: Diagnostic[] = [];

  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider });
    this.performSelfAnalysis();
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────

  /** The range of a token; an invented one (recovery) sits, empty, after the previous token. */
  private tokenRange(token: IToken): Range {
    if (token.isInsertedInRecovery || Number.isNaN(token.startOffset)) {
      const previous = this.LA(0);
      const at = previous !== undefined && !Number.isNaN(previous.startOffset) ? previous.startOffset + previous.image.length : 0;
      return range(at, at);
    }
    return range(token.startOffset, token.startOffset + token.image.length);
  }

  private word(token: IToken): Ast.Word {
    const missing = token.isInsertedInRecovery === true || Number.isNaN(token.startOffset);
    return { kind: "Word", text: missing ? "" : token.image, missing, range: this.tokenRange(token) };
  }

  private stringLit(token: IToken): Ast.StringLit {
    const r = this.tokenRange(token);
    if (token.isInsertedInRecovery || Number.isNaN(token.startOffset)) return { kind: "String", value: "", raw: '""', range: r };
    const closed = token.tokenType !== UnterminatedString;
    if (!closed) this.diagnostics.push(diagnostic("FFP1002", r, "this string has no closing quote; add '\"' before the end of the line"));
    const inner = token.image.slice(1, closed ? -1 : undefined);
    const decoded = decodeString(inner, r.start + 1);
    this.diagnostics.push(...decoded.diagnostics);
    return { kind: "String", value: decoded.value, raw: closed ? token.image : `${token.image}"`, range: r };
  }

  private span(first: IToken, last: Range | IToken): Range {
    const start = this.tokenRange(first).start;
    const end = "tokenType" in last ? this.tokenRange(last).end : last.end;
    return range(start, Math.max(start, end));
  }

  /** Consume the rest of a malformed construct: every token until `stop` holds, a '}' or EOF. */
  private skipUntil(stop: (next: TokenType) => boolean): void {
    this.MANY({
      GATE: () => this.LA(1).tokenType !== RBrace && !stop(this.LA(1).tokenType),
      DEF: () => this.SUBRULE2(this.anyToken),
    });
  }

  /**
   * The items of a `{ … }` block, one alternative per kind of item and a catch-all last; an
   * item that could not be parsed is dropped (its error is reported).
   */
  private blockItems<T>(alternatives: IOrAlt<T | null>[]): T[] {
    const items: T[] = [];
    this.MANY({
      GATE: () => this.insideBlock(),
      DEF: () => {
        const item = this.OR({ MAX_LOOKAHEAD: 1, DEF: alternatives });
        this.ACTION(() => {
          if (item !== undefined && item !== null) items.push(item);
        });
      },
    });
    return items;
  }

  /** The catch-all of a block: report the unknown item once, skip to the next one. */
  private unknownItem(starts: ReadonlySet<TokenType>, keywords: readonly string[], what: string, holds: string): null {
    const first = this.SUBRULE(this.anyToken);
    this.skipUntil((next) => starts.has(next));
    this.ACTION(() => {
      const hint = (first.tokenType === Word ? didYouMean(first.image, keywords) : "") || `; ${holds}: ${keywords.join(", ")}`;
      this.diagnostics.push(diagnostic("FFP1006", this.tokenRange(first), `'${first.image}' is not ${what}${hint}`));
    });
    return null;
  }

  /** True while a block's items continue: not at its '}' and not at a statement keyword. */
  private insideBlock(): boolean {
    const next = this.LA(1).tokenType;
    return next !== RBrace && !statementStarts.has(next);
  }

  // ── values ────────────────────────────────────────────────────────────────────────

  private anyToken = this.RULE(
    "anyToken",
    (): IToken => {
      return this.OR([
        { ALT: () => this.CONSUME(Word) },
        { ALT: () => this.CONSUME(StringToken) },
        { ALT: () => this.CONSUME(LBrace) },
        { ALT: () => this.CONSUME(LBracket) },
        { ALT: () => this.CONSUME(RBracket) },
        { ALT: () => this.CONSUME(Comma) },
        { ALT: () => this.CONSUME(Colon) },
        { ALT: () => this.CONSUME(Arrow) },
        { ALT: () => this.CONSUME(EqualEqual) },
        { ALT: () => this.CONSUME(Equals) },
        { ALT: () => this.CONSUME(LessEqual) },
        { ALT: () => this.CONSUME(Greater) },
      ]);
    },
    NO_RESYNC,
  );

  private name = this.RULE(
    "name",
    (): Ast.Word => {
      const token = this.CONSUME(Word);
      return this.ACTION(() => this.word(token));
    },
    NO_RESYNC,
  );

  private string = this.RULE(
    "string",
    (): Ast.StringLit => {
      const token = this.CONSUME(StringToken);
      return this.ACTION(() => this.stringLit(token));
    },
    NO_RESYNC,
  );

  private scalar = this.RULE(
    "scalar",
    (): Ast.Scalar => {
      return this.OR([{ ALT: () => this.SUBRULE(this.name) }, { ALT: () => this.SUBRULE(this.string) }]);
    },
    NO_RESYNC,
  );

  /** `[a, b, "c"]`. */
  private list = this.RULE(
    "list",
    (): Ast.ListLit => {
      const { items, open, close } = this.bracketed(() => this.SUBRULE(this.scalar));
      return this.ACTION(() => ({ kind: "List" as const, items, range: this.span(open, close) }));
    },
    NO_RESYNC,
  );

  /** `[item, item, …]` for list literals and claim lists: trailing comma allowed; a missing comma is reported, not fatal. */
  private bracketed<T extends { readonly range: Range }>(item: () => T): { items: T[]; open: IToken; close: IToken } {
    const open = this.CONSUME(LBracket);
    const items: T[] = [];
    let separated = true;
    this.MANY(() => {
      const next = item();
      this.ACTION(() => this.requireSeparator(separated, next.range, "list items"));
      items.push(next);
      separated = this.OPTION(() => this.CONSUME(Comma)) !== undefined;
    });
    const close = this.CONSUME(RBracket);
    return { items, open, close };
  }

  private requireSeparator(separated: boolean, at: Range, what: string): void {
    if (!separated) this.diagnostics.push(diagnostic("FFP1001", range(at.start, at.start), `expected ',' between ${what}`));
  }

  private valueRef = this.RULE(
    "valueRef",
    (): Ast.ValueRef => {
      return this.OR([{ ALT: () => this.SUBRULE(this.list) }, { ALT: () => this.SUBRULE(this.scalar) }]);
    },
    NO_RESYNC,
  );

  private jsonValue = this.RULE(
    "jsonValue",
    (): Ast.JsonValue => {
      return this.OR([{ ALT: () => this.SUBRULE(this.scalar) }, { ALT: () => this.SUBRULE(this.jsonList) }, { ALT: () => this.SUBRULE(this.jsonObject) }]);
    },
    NO_RESYNC,
  );

  private jsonList = this.RULE(
    "jsonList",
    (): Ast.JsonList => {
      const { items, open, close } = this.bracketed(() => this.SUBRULE(this.jsonValue));
      return this.ACTION(() => ({ kind: "JsonList" as const, items, range: this.span(open, close) }));
    },
    NO_RESYNC,
  );

  private jsonObject = this.RULE(
    "jsonObject",
    (): Ast.JsonObject => {
      const open = this.CONSUME(LBrace);
      const entries: Ast.JsonEntry[] = [];
      let separated = true;
      this.MANY(() => {
        const key = this.SUBRULE(this.scalar);
        this.CONSUME(Colon);
        const value = this.SUBRULE(this.jsonValue);
        this.ACTION(() => {
          this.requireSeparator(separated, key.range, "entries");
          entries.push({ key, value, range: range(key.range.start, value.range.end) });
        });
        separated = this.OPTION(() => this.CONSUME(Comma)) !== undefined;
      });
      const close = this.CONSUME(RBrace);
      return this.ACTION(() => ({ kind: "JsonObject" as const, entries, range: this.span(open, close) }));
    },
    NO_RESYNC,
  );

  // ── file and statements ───────────────────────────────────────────────────────────

  file = this.RULE("file", (): Ast.Statement[] => {
    const statements: Ast.Statement[] = [];
    this.MANY(() => {
      // One token of lookahead: a statement is chosen by its keyword, so a malformed one
      // reports what is missing inside it instead of falling to the catch-all.
      const statement = this.OR({
        MAX_LOOKAHEAD: 1,
        DEF: [
          { ALT: () => this.SUBRULE(this.policyDecl) },
          { ALT: () => this.SUBRULE(this.importDecl) },
          { ALT: () => this.SUBRULE(this.modeDecl) },
          { ALT: () => this.SUBRULE(this.providerDecl) },
          { ALT: () => this.SUBRULE(this.mapRule) },
          { ALT: () => this.SUBRULE(this.setDecl) },
          { ALT: () => this.SUBRULE(this.roleDecl) },
          { ALT: () => this.SUBRULE(this.forbidDecl) },
          { ALT: () => this.SUBRULE(this.alertDecl) },
          { ALT: () => this.SUBRULE(this.auditDecl) },
          { ALT: () => this.SUBRULE(this.testDecl) },
          { ALT: () => this.SUBRULE(this.unknownStatement), IGNORE_AMBIGUITIES: true },
        ],
      });
      this.ACTION(() => {
        if (statement !== undefined && statement !== null) statements.push(statement);
      });
    });
    return statements;
  });

  /** Anything that cannot start a statement: reported once, skipped up to the next statement. */
  private unknownStatement = this.RULE("unknownStatement", (): null => {
    const first = this.OR([{ ALT: () => this.SUBRULE(this.anyToken) }, { ALT: () => this.CONSUME(RBrace) }]);
    // At the top level a '}' ends nothing, so it is skipped like any other token.
    this.MANY({
      GATE: () => !statementStarts.has(this.LA(1).tokenType),
      DEF: () => this.OR2([{ ALT: () => this.SUBRULE2(this.anyToken) }, { ALT: () => this.CONSUME2(RBrace) }]),
    });
    this.ACTION(() => {
      const hint = first.tokenType === Word ? didYouMean(first.image, STATEMENT_KEYWORDS) : "";
      const message = `'${first.image}' cannot start a statement${hint || `; expected one of: ${STATEMENT_KEYWORDS.join(", ")}`}`;
      this.diagnostics.push(diagnostic("FFP1005", this.tokenRange(first), message));
    });
    return null;
  });

  private policyDecl = this.RULE("policyDecl", (): Ast.PolicyDecl => {
    const keyword = this.CONSUME(Kw.policy);
    const name = this.SUBRULE(this.name);
    return this.ACTION(() => ({ kind: "PolicyDecl" as const, name, range: this.span(keyword, name.range) }));
  });

  private importDecl = this.RULE("importDecl", (): Ast.ImportDecl => {
    const keyword = this.CONSUME(Kw.import);
    const path = this.SUBRULE(this.string);
    return this.ACTION(() => ({ kind: "ImportDecl" as const, path, range: this.span(keyword, path.range) }));
  });

  private modeDecl = this.RULE("modeDecl", (): Ast.ModeDecl => {
    const keyword = this.CONSUME(Kw.mode);
    const value = this.SUBRULE(this.name);
    return this.ACTION(() => ({ kind: "ModeDecl" as const, value, range: this.span(keyword, value.range) }));
  });

  /** `key value…`: how many values, and of which shape, depends on the key (settings.ts). */
  private setting = this.RULE("setting", (): Ast.Setting => {
    const key = this.SUBRULE(this.name);
    const values: (Ast.Scalar | Ast.ListLit)[] = [];
    this.MANY({
      GATE: () => settingAccepts(SETTING_SHAPES.get(key.text), values.length, this.LA(1)),
      DEF: () => {
        values.push(this.SUBRULE(this.valueRef));
      },
    });
    return this.ACTION(() => ({ kind: "Setting" as const, key, values, range: range(key.range.start, (values.at(-1) ?? key).range.end) }));
  });

  private settingsBlock = this.RULE(
    "settingsBlock",
    (): { settings: Ast.Setting[]; close: IToken } => {
      this.CONSUME(LBrace);
      const settings: Ast.Setting[] = [];
      this.MANY({
        GATE: () => this.insideBlock(),
        DEF: () => {
          // One token decides (a name starts a setting; anything else is stray): deeper lookahead
          // over every setting's value shapes cost a third of a second at start-up.
          const setting = this.OR({
            MAX_LOOKAHEAD: 1,
            DEF: [{ ALT: () => this.SUBRULE(this.setting) }, { ALT: () => this.SUBRULE(this.strayValue), IGNORE_AMBIGUITIES: true }],
          });
          this.ACTION(() => {
            if (setting !== null && setting !== undefined) settings.push(setting);
          });
        },
      });
      const close = this.CONSUME(RBrace);
      return { settings, close };
    },
    NO_RESYNC,
  );

  /** A value where a setting's name belongs: reported, skipped up to the next name. */
  private strayValue = this.RULE("strayValue", (): null => {
    const first = this.SUBRULE(this.anyToken);
    this.skipUntil((next) => wordTypes.has(next));
    this.ACTION(() => {
      this.diagnostics.push(diagnostic("FFP1001", this.tokenRange(first), `expected a setting name, found '${first.image}'`));
    });
    return null;
  });

  private providerDecl = this.RULE("providerDecl", (): Ast.ProviderDecl => {
    const keyword = this.CONSUME(Kw.provider);
    const name = this.SUBRULE(this.name);
    const providerKind = this.SUBRULE2(this.name);
    const block = this.SUBRULE(this.settingsBlock);
    return this.ACTION(() => ({
      kind: "ProviderDecl" as const,
      name,
      providerKind,
      settings: block.settings,
      closeRange: this.tokenRange(block.close),
      range: this.span(keyword, block.close),
    }));
  });

  private auditDecl = this.RULE("auditDecl", (): Ast.AuditDecl => {
    const keyword = this.CONSUME(Kw.audit);
    const block = this.SUBRULE(this.settingsBlock);
    return this.ACTION(() => ({
      kind: "AuditDecl" as const,
      settings: block.settings,
      closeRange: this.tokenRange(block.close),
      range: this.span(keyword, block.close),
    }));
  });

  private mapRule = this.RULE("mapRule", (): Ast.MapRule => {
    const keyword = this.CONSUME(Kw.map);
    const provider = this.SUBRULE(this.name);
    const match = this.OR([{ ALT: () => this.SUBRULE(this.claimMatch) }, { ALT: () => this.SUBRULE(this.subjectMatch) }]);
    this.CONSUME(Arrow);
    const role = this.SUBRULE2(this.name);
    return this.ACTION(() => ({ kind: "MapRule" as const, provider, match, role, range: this.span(keyword, role.range) }));
  });

  private claimMatch = this.RULE(
    "claimMatch",
    (): Ast.ClaimMatch => {
      const source = this.OR([{ ALT: () => this.CONSUME(Kw.claim) }, { ALT: () => this.CONSUME(Kw.attribute) }]);
      const path = this.SUBRULE(this.scalar);
      const operator = this.OR2([{ ALT: () => this.CONSUME(EqualEqual) }, { ALT: () => this.CONSUME(Kw.contains) }, { ALT: () => this.CONSUME(Kw.in) }]);
      const value = this.SUBRULE(this.valueRef);
      return this.ACTION(() => ({
        kind: "ClaimMatch" as const,
        source: source.image === "attribute" ? ("attribute" as const) : ("claim" as const),
        path,
        operator: operator.tokenType === EqualEqual ? ("==" as const) : operator.image === "in" ? ("in" as const) : ("contains" as const),
        operatorRange: this.tokenRange(operator),
        value,
        range: this.span(source, value.range),
      }));
    },
    NO_RESYNC,
  );

  private subjectMatch = this.RULE(
    "subjectMatch",
    (): Ast.SubjectMatch => {
      const keyword = this.CONSUME(Kw.subject);
      const subject = this.SUBRULE(this.string);
      return this.ACTION(() => ({ kind: "SubjectMatch" as const, subject, range: this.span(keyword, subject.range) }));
    },
    NO_RESYNC,
  );

  private setDecl = this.RULE("setDecl", (): Ast.SetDecl => {
    const keyword = this.CONSUME(Kw.set);
    const name = this.SUBRULE(this.name);
    this.CONSUME(Equals);
    const value = this.SUBRULE(this.list);
    return this.ACTION(() => ({ kind: "SetDecl" as const, name, value, range: this.span(keyword, value.range) }));
  });

  // ── roles ─────────────────────────────────────────────────────────────────────────

  private roleDecl = this.RULE("roleDecl", (): Ast.RoleDecl => {
    const keyword = this.CONSUME(Kw.role);
    const name = this.SUBRULE(this.name);
    const parents: Ast.Word[] = [];
    this.OPTION(() => {
      this.CONSUME(Kw.extends);
      this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => parents.push(this.SUBRULE2(this.name)) });
    });
    this.CONSUME(LBrace);
    const rules = this.blockItems<Ast.RoleRule>([
      { ALT: () => this.SUBRULE(this.pathGrant) },
      { ALT: () => this.SUBRULE(this.mediaRule) },
      { ALT: () => this.SUBRULE(this.limitRule) },
      { ALT: () => this.SUBRULE(this.formatRule) },
      { ALT: () => this.SUBRULE(this.denyFilterRule) },
      { ALT: () => this.SUBRULE(this.onlyFilterRule) },
      { ALT: () => this.SUBRULE(this.allowRule) },
      { ALT: () => this.SUBRULE(this.rateRule) },
      { ALT: () => this.SUBRULE(this.unknownRule), IGNORE_AMBIGUITIES: true },
    ]);
    const close = this.CONSUME(RBrace);
    return this.ACTION(() => ({
      kind: "RoleDecl" as const,
      name,
      parents,
      rules,
      closeRange: this.tokenRange(close),
      range: this.span(keyword, close),
    }));
  });

  private unknownRule = this.RULE("unknownRule", (): null => this.unknownItem(ruleStarts, ROLE_RULE_KEYWORDS, "a role rule", "a role holds"));

  private pathGrant = this.RULE("pathGrant", (): Ast.PathGrant => {
    const keyword = this.OR([{ ALT: () => this.CONSUME(Kw.read) }, { ALT: () => this.CONSUME(Kw.write) }, { ALT: () => this.CONSUME(Kw.publish) }]);
    let stdout: IToken | undefined;
    const targets = this.OR2([
      {
        GATE: () => keyword.image === "write",
        ALT: () => {
          stdout = this.CONSUME(Kw.stdout);
          return null;
        },
      },
      { ALT: () => this.SUBRULE(this.valueRef), IGNORE_AMBIGUITIES: true },
    ]);
    return this.ACTION(() => ({
      kind: "PathGrant" as const,
      action: keyword.image as Ast.PathGrant["action"],
      targets,
      range: this.span(keyword, targets?.range ?? stdout ?? keyword),
    }));
  });

  private mediaKind = this.RULE(
    "mediaKind",
    (): IToken => {
      return this.OR([
        { ALT: () => this.CONSUME(Kw.video) },
        { ALT: () => this.CONSUME(Kw.audio) },
        { ALT: () => this.CONSUME(Kw.subtitle) },
        { ALT: () => this.CONSUME(Kw.data) },
      ]);
    },
    NO_RESYNC,
  );

  /** `video codec in L`, `video encoder in L`, `video bitrate <= 8M`. */
  private mediaRule = this.RULE("mediaRule", (): Ast.CodecRule | Ast.LimitRule => {
    const media = this.SUBRULE(this.mediaKind);
    return this.OR([
      {
        ALT: () => {
          const what = this.OR2([{ ALT: () => this.CONSUME(Kw.codec) }, { ALT: () => this.CONSUME(Kw.encoder) }]);
          this.CONSUME(Kw.in);
          const values = this.SUBRULE(this.valueRef);
          return this.ACTION(() => ({
            kind: "CodecRule" as const,
            media: media.image as Ast.MediaKind,
            what: what.image as "codec" | "encoder",
            values,
            range: this.span(media, values.range),
          }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(Kw.bitrate);
          this.CONSUME(LessEqual);
          const value = this.SUBRULE(this.name);
          return this.ACTION(() => ({
            kind: "LimitRule" as const,
            limit: "bitrate" as const,
            media: media.image as Ast.MediaKind,
            value,
            range: this.span(media, value.range),
          }));
        },
      },
    ]);
  });

  private limitRule = this.RULE("limitRule", (): Ast.LimitRule => {
    const keyword = this.OR([
      { ALT: () => this.CONSUME(Kw.resolution) },
      { ALT: () => this.CONSUME(Kw.frame_rate) },
      { ALT: () => this.CONSUME(Kw.duration) },
      { ALT: () => this.CONSUME(Kw.size) },
    ]);
    this.CONSUME(LessEqual);
    const value = this.SUBRULE(this.name);
    return this.ACTION(() => ({
      kind: "LimitRule" as const,
      limit: keyword.image as Ast.LimitKind,
      media: null,
      value,
      range: this.span(keyword, value.range),
    }));
  });

  private formatRule = this.RULE("formatRule", (): Ast.FormatRule => {
    const keyword = this.CONSUME(Kw.format);
    this.CONSUME(Kw.in);
    const values = this.SUBRULE(this.valueRef);
    return this.ACTION(() => ({ kind: "FormatRule" as const, values, range: this.span(keyword, values.range) }));
  });

  private denyFilterRule = this.RULE("denyFilterRule", (): Ast.FilterRule => {
    const keyword = this.CONSUME(Kw.deny);
    this.CONSUME(Kw.filter);
    const values = this.SUBRULE(this.valueRef);
    return this.ACTION(() => ({ kind: "FilterRule" as const, mode: "deny" as const, values, range: this.span(keyword, values.range) }));
  });

  private onlyFilterRule = this.RULE("onlyFilterRule", (): Ast.FilterRule => {
    const keyword = this.CONSUME(Kw.filter);
    this.CONSUME(Kw.in);
    const values = this.SUBRULE(this.valueRef);
    return this.ACTION(() => ({ kind: "FilterRule" as const, mode: "only" as const, values, range: this.span(keyword, values.range) }));
  });

  /** `allow device v4l2`; the second word is checked here so the AST only holds known targets. */
  private allowRule = this.RULE("allowRule", (): Ast.AllowRule | null => {
    const keyword = this.CONSUME(Kw.allow);
    return this.SUBRULE(this.grantTarget, { ARGS: [keyword] });
  });

  /** `filter L`, `protocol L`, `device L`, `option L`, `listen L` after `allow` or `forbid`. */
  private grantTarget = this.RULE(
    "grantTarget",
    (keyword: IToken): Ast.AllowRule | null => {
      const what = this.SUBRULE(this.name);
      const values = this.SUBRULE(this.valueRef);
      return this.ACTION(() => {
        if (!ALLOW_TARGETS.includes(what.text as Ast.AllowTarget)) {
          if (!what.missing) {
            const expected = keyword.image === "forbid" ? FORBID_TARGETS : ALLOW_TARGETS;
            const hint = didYouMean(what.text, expected) || `; expected one of: ${expected.join(", ")}`;
            this.diagnostics.push(diagnostic("FFP1006", what.range, `'${keyword.image} ${what.text}' is not a rule${hint}`));
          }
          return null;
        }
        return { kind: "AllowRule" as const, what: what.text as Ast.AllowTarget, values, range: this.span(keyword, values.range) };
      });
    },
    NO_RESYNC,
  );

  private rateRule = this.RULE("rateRule", (): Ast.RateRule => {
    const keyword = this.CONSUME(Kw.limit);
    const count = this.SUBRULE(this.name);
    this.CONSUME(Kw.jobs);
    this.CONSUME(Kw.per);
    const window = this.SUBRULE2(this.name);
    return this.ACTION(() => ({ kind: "RateRule" as const, count, window, range: this.span(keyword, window.range) }));
  });

  private forbidDecl = this.RULE("forbidDecl", (): Ast.ForbidDecl | null => {
    const keyword = this.CONSUME(Kw.forbid);
    const rule = this.OR([
      { ALT: () => this.SUBRULE(this.pathGrant) },
      { ALT: () => this.SUBRULE(this.forbidMediaRule) },
      { ALT: () => this.SUBRULE(this.formatRule) },
      { ALT: () => this.SUBRULE(this.grantTarget, { ARGS: [keyword] }), IGNORE_AMBIGUITIES: true },
    ]);
    return this.ACTION(() => (rule === null || rule === undefined ? null : { kind: "ForbidDecl" as const, rule, range: this.span(keyword, rule.range) }));
  });

  /** Like mediaRule, but a forbid has no limits: only codec and encoder lists. */
  private forbidMediaRule = this.RULE(
    "forbidMediaRule",
    (): Ast.CodecRule => {
      const media = this.SUBRULE(this.mediaKind);
      const what = this.OR([{ ALT: () => this.CONSUME(Kw.codec) }, { ALT: () => this.CONSUME(Kw.encoder) }]);
      this.CONSUME(Kw.in);
      const values = this.SUBRULE(this.valueRef);
      return this.ACTION(() => ({
        kind: "CodecRule" as const,
        media: media.image as Ast.MediaKind,
        what: what.image as "codec" | "encoder",
        values,
        range: this.span(media, values.range),
      }));
    },
    NO_RESYNC,
  );

  // ── alerts ────────────────────────────────────────────────────────────────────────

  private alertDecl = this.RULE("alertDecl", (): Ast.AlertDecl => {
    const keyword = this.CONSUME(Kw.alert);
    const name = this.SUBRULE(this.string);
    this.CONSUME(Kw.when);
    const condition = this.OR([{ ALT: () => this.SUBRULE(this.thresholdCondition) }, { ALT: () => this.SUBRULE(this.unseenCondition) }]);
    this.CONSUME(Arrow);
    const action = this.SUBRULE(this.name);
    return this.ACTION(() => ({ kind: "AlertDecl" as const, name, condition, action, range: this.span(keyword, action.range) }));
  });

  private thresholdCondition = this.RULE(
    "thresholdCondition",
    (): Ast.ThresholdCondition => {
      const metric = this.SUBRULE(this.name);
      this.CONSUME(Greater);
      const threshold = this.SUBRULE2(this.name);
      const baseline = this.OPTION(() => this.CONSUME(Kw.baseline)) !== undefined;
      this.CONSUME(Kw.over);
      const window = this.SUBRULE3(this.name);
      return this.ACTION(() => ({
        kind: "ThresholdCondition" as const,
        metric,
        threshold,
        baseline,
        window,
        range: range(metric.range.start, window.range.end),
      }));
    },
    NO_RESYNC,
  );

  private unseenCondition = this.RULE(
    "unseenCondition",
    (): Ast.UnseenCondition => {
      const subject = this.SUBRULE(this.name);
      this.CONSUME(Kw.unseen);
      this.CONSUME(Kw.over);
      const window = this.SUBRULE2(this.name);
      return this.ACTION(() => ({ kind: "UnseenCondition" as const, subject, window, range: range(subject.range.start, window.range.end) }));
    },
    NO_RESYNC,
  );

  // ── tests ─────────────────────────────────────────────────────────────────────────

  private testDecl = this.RULE("testDecl", (): Ast.TestDecl => {
    const keyword = this.CONSUME(Kw.test);
    const name = this.SUBRULE(this.string);
    this.CONSUME(LBrace);
    const items = this.blockItems<Ast.TestItem>([
      { ALT: () => this.SUBRULE(this.asItem) },
      { ALT: () => this.SUBRULE(this.inputItem) },
      { ALT: () => this.SUBRULE(this.historyItem) },
      { ALT: () => this.SUBRULE(this.cwdItem) },
      { ALT: () => this.SUBRULE(this.runItem) },
      { ALT: () => this.SUBRULE(this.expectItem) },
      { ALT: () => this.SUBRULE(this.unknownTestItem), IGNORE_AMBIGUITIES: true },
    ]);
    const close = this.CONSUME(RBrace);
    return this.ACTION(() => ({
      kind: "TestDecl" as const,
      name,
      items,
      closeRange: this.tokenRange(close),
      range: this.span(keyword, close),
    }));
  });

  private unknownTestItem = this.RULE("unknownTestItem", (): null => this.unknownItem(testItemStarts, TEST_ITEM_KEYWORDS, "part of a test", "a test holds"));

  private asItem = this.RULE("asItem", (): Ast.AsItem => {
    const keyword = this.CONSUME(Kw.as);
    const provider = this.SUBRULE(this.name);
    const claims = this.SUBRULE(this.jsonObject);
    return this.ACTION(() => ({ kind: "As" as const, provider, claims, range: this.span(keyword, claims.range) }));
  });

  private inputItem = this.RULE("inputItem", (): Ast.InputItem => {
    const keyword = this.CONSUME(Kw.input);
    const path = this.SUBRULE(this.string);
    this.CONSUME(LBrace);
    const streams: Ast.StreamFact[] = [];
    let separated = true;
    this.MANY(() => {
      const media = this.SUBRULE(this.name);
      const values: Ast.Scalar[] = [];
      this.MANY2(() => {
        values.push(this.SUBRULE(this.scalar));
      });
      this.ACTION(() => {
        this.requireSeparator(separated, media.range, "streams");
        streams.push({ media, values, range: range(media.range.start, (values.at(-1) ?? media).range.end) });
      });
      separated = this.OPTION(() => this.CONSUME(Comma)) !== undefined;
    });
    const close = this.CONSUME(RBrace);
    return this.ACTION(() => ({ kind: "Input" as const, path, streams, range: this.span(keyword, close) }));
  });

  private historyItem = this.RULE("historyItem", (): Ast.HistoryItem => {
    const keyword = this.CONSUME(Kw.with);
    this.CONSUME(Kw.history);
    this.CONSUME(LBrace);
    const entries: Ast.HistoryEntry[] = [];
    let separated = true;
    this.MANY(() => {
      const metric = this.SUBRULE(this.name);
      const count = this.SUBRULE2(this.name);
      this.CONSUME(Kw.in);
      const window = this.SUBRULE3(this.name);
      this.ACTION(() => {
        this.requireSeparator(separated, metric.range, "history entries");
        entries.push({ metric, count, window, range: range(metric.range.start, window.range.end) });
      });
      separated = this.OPTION(() => this.CONSUME(Comma)) !== undefined;
    });
    const close = this.CONSUME(RBrace);
    return this.ACTION(() => ({ kind: "History" as const, entries, range: this.span(keyword, close) }));
  });

  private cwdItem = this.RULE("cwdItem", (): Ast.CwdItem => {
    const keyword = this.CONSUME(Kw.cwd);
    const path = this.SUBRULE(this.string);
    return this.ACTION(() => ({ kind: "Cwd" as const, path, range: this.span(keyword, path.range) }));
  });

  private runItem = this.RULE("runItem", (): Ast.RunItem => {
    const keyword = this.CONSUME(Kw.run);
    const command = this.OR([{ ALT: () => this.SUBRULE(this.string) }, { ALT: () => this.SUBRULE(this.list) }]);
    return this.ACTION(() => ({ kind: "Run" as const, command, range: this.span(keyword, command.range) }));
  });

  private expectItem = this.RULE("expectItem", (): Ast.ExpectItem => {
    const keyword = this.CONSUME(Kw.expect);
    return this.OR([
      {
        ALT: () => {
          const verdict = this.CONSUME(Kw.allow);
          const strict = this.OPTION(() => this.CONSUME(Kw.strict));
          return this.ACTION(() => ({
            kind: "Expect" as const,
            verdict: "allow" as const,
            strict: strict !== undefined,
            range: this.span(keyword, strict ?? verdict),
          }));
        },
      },
      {
        ALT: () => {
          const verdict = this.CONSUME(Kw.deny);
          return this.ACTION(() => ({ kind: "Expect" as const, verdict: "deny" as const, strict: false, range: this.span(keyword, verdict) }));
        },
      },
    ]);
  });
}
