// AST → IR for a program that checks without errors: sets resolved, units converted,
// `extends` flattened, format aliases (`mkv`) resolved to muxers. Extends semantics: path
// and `allow` grants accumulate from the parents; every other rule kind is replaced by the
// last definition — parents in the order written, then the role's own rules.

import { LineIndex } from "../base/line-index.js";
import type { Range } from "../base/range.js";
import type { CatalogueIndex } from "../ffmpeg/catalogue/index.js";
import type { StreamFacts } from "../ffmpeg/job/model.js";
import { splitShellWords } from "../ffmpeg/shell-words.js";
import type * as IR from "../ir/policy.js";
import type * as Ast from "../syntax/ast.js";
import { checkPattern } from "./patterns.js";
import type { Program } from "./program.js";
import { parseBitrate, parseCount, parseDuration, parseFactor, parseFrameRate, parseResolution, parseSize } from "./quantities.js";
import type { Symbols } from "./symbols.js";
import { factKind } from "./validate/tests.js";
import { resolveValueRef, scalarText } from "./values.js";

/** Display names for files in source references (relative paths, as the user wrote them). */
export type DisplayName = (file: string) => string;

export function lowerProgram(program: Program, symbols: Symbols, catalogue: CatalogueIndex, display: DisplayName = (f) => f): IR.PolicyIR {
  const lowering = new Lowering(program, symbols, catalogue, display);
  return lowering.policy();
}

type MutableRole = { -readonly [K in keyof IR.RoleIR]: IR.RoleIR[K] };

class Lowering {
  private readonly indexes = new Map<string, LineIndex>();
  private readonly roles = new Map<string, IR.RoleIR>();

  constructor(
    private readonly program: Program,
    private readonly symbols: Symbols,
    private readonly catalogue: CatalogueIndex,
    private readonly display: DisplayName,
  ) {}

  policy(): IR.PolicyIR {
    const statements = this.symbols.statements;
    const of = <K extends Ast.Statement["kind"]>(kind: K) =>
      statements.filter((s): s is { file: string; node: Extract<Ast.Statement, { kind: K }> } => s.node.kind === kind);
    const root = this.program.files.get(this.program.root)?.syntax.file.statements.find((s): s is Ast.PolicyDecl => s.kind === "PolicyDecl");
    const mode = of("ModeDecl")[0]?.node.value.text;
    const audit = of("AuditDecl")[0];
    for (const name of this.symbols.roles.keys()) this.role(name, []);
    return {
      version: 1,
      name: root?.name.text ?? null,
      mode: mode === "audit_only" ? "audit_only" : "enforce",
      catalogue: this.catalogue.id,
      providers: Object.fromEntries(of("ProviderDecl").map(({ file, node }) => [node.name.text, this.provider(file, node)])),
      maps: of("MapRule").map(({ file, node }) => this.map(file, node)),
      roles: Object.fromEntries(this.roles),
      forbids: of("ForbidDecl").map(({ file, node }) => this.forbid(file, node)),
      alerts: of("AlertDecl").map(({ file, node }) => this.alert(file, node)),
      audit: audit === undefined ? null : { settings: this.settings(audit.node.settings), at: this.at(audit.file, audit.node.range) },
      tests: of("TestDecl").map(({ file, node }) => this.test(file, node)),
    };
  }

  at(file: string, range: Range): IR.SourceRef {
    let index = this.indexes.get(file);
    if (index === undefined) this.indexes.set(file, (index = new LineIndex(this.program.files.get(file)!.text)));
    const start = index.position(range.start);
    const end = index.position(range.end);
    return { file: this.display(file), line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  }

  private values(file: string, ref: Ast.ValueRef): string[] {
    return resolveValueRef(ref, file, this.symbols).map((item) => item.value);
  }

  private list(file: string, rule: Ast.Node, ref: Ast.ValueRef, normalise: (v: string) => string = (v) => v): IR.ListIR {
    return { values: this.values(file, ref).map(normalise), at: this.at(file, rule.range) };
  }

  private patterns(file: string, rule: Ast.Node, ref: Ast.ValueRef): IR.PatternIR[] {
    return this.values(file, ref).map((pattern) => {
      const syntax = checkPattern(pattern);
      return { pattern, kind: syntax.kind, templated: syntax.templates.length > 0, at: this.at(file, rule.range) };
    });
  }

  // ── roles ─────────────────────────────────────────────────────────────────────────

  /** The flattened role (parents first), memoised; a cycle (already reported) stops the walk. */
  private role(name: string, visiting: readonly string[]): IR.RoleIR | null {
    const done = this.roles.get(name);
    if (done !== undefined) return done;
    const declared = this.symbols.roles.get(name);
    if (declared === undefined || visiting.includes(name)) return null;
    const role: MutableRole = emptyRole(name, this.at(declared.file, declared.node.name.range));
    for (const parent of declared.node.parents) {
      const flattened = this.role(parent.text, [...visiting, name]);
      if (flattened !== null) inherit(role, flattened);
    }
    for (const rule of declared.node.rules) this.rule(role, declared.file, rule);
    this.roles.set(name, role);
    return role;
  }

  private rule(role: MutableRole, file: string, rule: Ast.RoleRule): void {
    const at = this.at(file, rule.range);
    switch (rule.kind) {
      case "PathGrant":
        if (rule.targets === null) role.stdout = at;
        else role[rule.action] = [...role[rule.action], ...this.patterns(file, rule, rule.targets)];
        return;
      case "CodecRule":
        role[rule.what === "codec" ? "codecs" : "encoders"] = {
          ...role[rule.what === "codec" ? "codecs" : "encoders"],
          [rule.media]: this.list(file, rule, rule.values),
        };
        return;
      case "FormatRule":
        role.formats = this.list(file, rule, rule.values, (v) => this.catalogue.muxer(v) ?? v);
        return;
      case "FilterRule":
        role[rule.mode === "deny" ? "denyFilters" : "onlyFilters"] = this.list(file, rule, rule.values);
        return;
      case "AllowRule":
        this.allow(role, file, rule, at);
        return;
      case "LimitRule":
        this.limit(role, rule, at);
        return;
      case "RateRule":
        role.jobLimit = { value: { count: value(parseCount(rule.count.text)), windowMs: value(parseDuration(rule.window.text)) }, at };
        return;
    }
  }

  private allow(role: MutableRole, file: string, rule: Ast.AllowRule, at: IR.SourceRef): void {
    if (rule.what === "listen") {
      role.allowListen = [...role.allowListen, ...this.patterns(file, rule, rule.values)];
      return;
    }
    const grants = this.values(file, rule.values).map((v) => ({ value: v, at }));
    const key = ({ filter: "allowFilters", protocol: "allowProtocols", device: "allowDevices", option: "allowOptions" } as const)[rule.what];
    role[key] = [...role[key], ...grants];
  }

  private limit(role: MutableRole, rule: Ast.LimitRule, at: IR.SourceRef): void {
    const text = rule.value.text;
    switch (rule.limit) {
      case "bitrate":
        role.bitrate = { ...role.bitrate, [rule.media as IR.Media]: { value: value(parseBitrate(text)), at } };
        return;
      case "resolution":
        role.resolution = { value: value(parseResolution(text)), at };
        return;
      case "frame_rate":
        role.frameRate = { value: value(parseFrameRate(text)), at };
        return;
      case "duration":
        role.duration = { value: value(parseDuration(text)), at };
        return;
      case "size":
        role.size = { value: value(parseSize(text)), at };
        return;
    }
  }

  // ── other statements ──────────────────────────────────────────────────────────────

  private provider(file: string, node: Ast.ProviderDecl): IR.ProviderIR {
    return {
      name: node.name.text,
      kind: node.providerKind.text as IR.ProviderIR["kind"],
      settings: this.settings(node.settings),
      at: this.at(file, node.name.range),
    };
  }

  private settings(settings: readonly Ast.Setting[]): Record<string, IR.JsonValue> {
    return Object.fromEntries(
      settings.map((s) => {
        const values = s.values.map((v) => (v.kind === "List" ? v.items.map(scalarText) : scalarText(v)));
        return [s.key.text, values.length === 0 ? true : values.length === 1 ? values[0]! : values];
      }),
    );
  }

  private map(file: string, node: Ast.MapRule): IR.MapIR {
    const at = this.at(file, node.range);
    if (node.match.kind === "SubjectMatch")
      return { provider: node.provider.text, role: node.role.text, at, match: { kind: "subject", value: node.match.subject.value } };
    const match = node.match;
    const path = match.path.kind === "Word" ? match.path.text.split(".") : [match.path.value];
    const values =
      match.value.kind === "String" ? [match.value.value] : match.value.kind === "List" ? match.value.items.map(jsonScalar) : this.wordValues(match.value);
    return { provider: node.provider.text, role: node.role.text, at, match: { kind: "claim", source: match.source, path, operator: match.operator, values } };
  }

  /** A bare word: a set's items, or one literal (typed: numbers and booleans as JSON). */
  private wordValues(word: Ast.Word): IR.JsonValue[] {
    const set = this.symbols.sets.get(word.text);
    return set === undefined ? [jsonScalar(word)] : set.node.value.items.map(jsonScalar);
  }

  private forbid(file: string, node: Ast.ForbidDecl): IR.ForbidIR {
    const rule = node.rule;
    const at = this.at(file, node.range);
    switch (rule.kind) {
      case "PathGrant":
        return rule.targets === null ? { kind: "stdout", at } : { kind: rule.action, patterns: this.patterns(file, rule, rule.targets), at };
      case "CodecRule":
        return { kind: rule.what, media: rule.media as IR.Media, values: this.values(file, rule.values), at };
      case "FormatRule":
        return { kind: "format", values: this.values(file, rule.values).map((v) => this.catalogue.muxer(v) ?? v), at };
      case "AllowRule":
        return rule.what === "listen"
          ? { kind: "listen", patterns: this.patterns(file, rule, rule.values), at }
          : { kind: rule.what, values: this.values(file, rule.values), at };
    }
  }

  private alert(file: string, node: Ast.AlertDecl): IR.AlertIR {
    const c = node.condition;
    const condition: IR.AlertConditionIR =
      c.kind === "ThresholdCondition"
        ? {
            kind: "threshold",
            metric: "jobs",
            threshold: value(c.baseline ? parseFactor(c.threshold.text) : parseCount(c.threshold.text)),
            baseline: c.baseline,
            windowMs: value(parseDuration(c.window.text)),
          }
        : { kind: "unseen", subject: c.subject.text as "codec", windowMs: value(parseDuration(c.window.text)) };
    return { name: node.name.value, condition, action: node.action.text as "block" | "notify", at: this.at(file, node.range) };
  }

  private test(file: string, node: Ast.TestDecl): IR.TestIR {
    const item = <K extends Ast.TestItem["kind"]>(kind: K) => node.items.find((i): i is Extract<Ast.TestItem, { kind: K }> => i.kind === kind);
    const as = item("As")!;
    const run = item("Run")!;
    const expect = item("Expect")!;
    const argv = run.command.kind === "String" ? ((r) => (r.ok ? [...r.words] : []))(splitShellWords(run.command.value)) : run.command.items.map(scalarText);
    return {
      name: node.name.value,
      at: this.at(file, node.name.range),
      provider: as.provider.text,
      claims: jsonObject(as.claims),
      inputs: node.items.filter((i): i is Ast.InputItem => i.kind === "Input").map((i) => ({ url: i.path.value, streams: i.streams.map(streamFacts) })),
      history: node.items.flatMap((i) =>
        i.kind === "History" ? i.entries.map((e) => ({ jobs: value(parseCount(e.count.text)), windowMs: value(parseDuration(e.window.text)) })) : [],
      ),
      cwd: item("Cwd")?.path.value ?? null,
      argv,
      expect: { verdict: expect.verdict, strict: expect.strict },
    };
  }
}

function emptyRole(name: string, at: IR.SourceRef): MutableRole {
  return {
    name,
    at,
    read: [],
    write: [],
    publish: [],
    stdout: null,
    codecs: {},
    encoders: {},
    formats: null,
    bitrate: {},
    resolution: null,
    frameRate: null,
    duration: null,
    size: null,
    denyFilters: null,
    onlyFilters: null,
    allowFilters: [],
    allowProtocols: [],
    allowDevices: [],
    allowOptions: [],
    allowListen: [],
    jobLimit: null,
  };
}

/** Grants accumulate; every other kind of rule is the parent's until the child redefines it. */
function inherit(role: MutableRole, parent: IR.RoleIR): void {
  for (const key of ["read", "write", "publish", "allowFilters", "allowProtocols", "allowDevices", "allowOptions", "allowListen"] as const) {
    (role as Record<string, unknown>)[key] = [...(role[key] as readonly unknown[]), ...(parent[key] as readonly unknown[])];
  }
  role.stdout ??= parent.stdout;
  role.codecs = { ...role.codecs, ...parent.codecs };
  role.encoders = { ...role.encoders, ...parent.encoders };
  role.bitrate = { ...role.bitrate, ...parent.bitrate };
  for (const key of ["formats", "resolution", "frameRate", "duration", "size", "denyFilters", "onlyFilters", "jobLimit"] as const) {
    (role as Record<string, unknown>)[key] = parent[key] ?? role[key];
  }
}

/** A quantity that validation already accepted. */
function value<T>(parsed: { ok: true; value: T } | { ok: false }): T {
  if (!parsed.ok) throw new Error("lowering a policy with errors");
  return parsed.value;
}

function jsonScalar(node: Ast.Scalar): IR.JsonValue {
  if (node.kind === "String") return node.value;
  if (node.text === "true" || node.text === "false") return node.text === "true";
  if (node.text === "null") return null;
  return /^-?\d+(\.\d+)?$/.test(node.text) ? Number(node.text) : node.text;
}

function jsonValue(node: Ast.JsonValue): IR.JsonValue {
  switch (node.kind) {
    case "JsonList":
      return node.items.map(jsonValue);
    case "JsonObject":
      return jsonObject(node);
    default:
      return jsonScalar(node);
  }
}

function jsonObject(node: Ast.JsonObject): { [key: string]: IR.JsonValue } {
  return Object.fromEntries(node.entries.map((e) => [scalarText(e.key), jsonValue(e.value)]));
}

/** `video h264 1920x1080 8M 30fps 10s` → facts. */
function streamFacts(fact: Ast.StreamFact): StreamFacts {
  const facts: { -readonly [K in keyof StreamFacts]: StreamFacts[K] } = {
    media: fact.media.text as IR.Media,
    codec: null,
    width: null,
    height: null,
    frameRate: null,
    bitrate: null,
    duration: null,
  };
  for (const item of fact.values) {
    const text = scalarText(item);
    switch (factKind(text)) {
      case "resolution": {
        const size = value(parseResolution(text));
        facts.width = size.width;
        facts.height = size.height;
        break;
      }
      case "frame_rate":
        facts.frameRate = value(parseFrameRate(text));
        break;
      case "duration":
        facts.duration = value(parseDuration(text));
        break;
      case "bitrate":
        facts.bitrate = value(parseBitrate(text));
        break;
      case null:
        facts.codec = text;
        break;
    }
  }
  return facts;
}
