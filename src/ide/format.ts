// Canonical formatting: a pure function from a parsed file (with its comments) to text.
// Every comment survives: each is printed before the next thing that starts after it, or
// at the end of the line it trailed. Blank lines the author left between items are kept
// (at most one), and blocks are set apart by one. Formatting is idempotent.

import { LineIndex } from "../base/line-index.js";
import type { Range } from "../base/range.js";
import type * as Ast from "../syntax/ast.js";
import type { ParseResult } from "../syntax/parse.js";

const WIDTH = 100;
const INDENT = "  ";

interface Line {
  readonly depth: number;
  code: string;
  comment: string | null;
}

/** Format a file without syntax errors (the caller checks: a broken file is left alone). */
export function formatPolicy(text: string, syntax: ParseResult): string {
  const printer = new Printer(text, syntax.comments);
  printer.statements(syntax.file.statements);
  return printer.finish();
}

class Printer {
  private readonly lines: Line[] = [];
  private readonly index: LineIndex;
  private depth = 0;
  private nextComment = 0;
  /** Source offset of the last printed item or comment, to see the author's blank lines. */
  private lastEnd = -1;

  constructor(
    private readonly text: string,
    private readonly comments: readonly Ast.Comment[],
  ) {
    this.index = new LineIndex(text);
  }

  finish(): string {
    this.flushComments(Infinity);
    alignTrailingComments(this.lines);
    const out = this.lines.map((l) =>
      l.code === "" && l.comment === null ? "" : INDENT.repeat(l.depth) + l.code + (l.comment === null ? "" : (l.code === "" ? "" : "  ") + l.comment),
    );
    while (out.at(-1) === "") out.pop();
    return out.length === 0 ? "" : `${out.join("\n")}\n`;
  }

  // ── layout primitives ─────────────────────────────────────────────────────────────

  private sourceLine(offset: number): number {
    return this.index.position(offset).line;
  }

  /** Keep one blank line where the author had at least one between two items. */
  private separate(start: number): void {
    const hadBlank = this.lastEnd >= 0 && /\n[ \t\r]*\n/.test(this.text.slice(this.lastEnd, start));
    if (hadBlank) this.blankLine();
  }

  private blankLine(): void {
    const last = this.lines.at(-1);
    if (last !== undefined && !last.code.endsWith("{") && !last.code.endsWith("[") && !this.isBlank(last))
      this.lines.push({ depth: 0, code: "", comment: null });
  }

  private isBlank(line: Line): boolean {
    return line.code === "" && line.comment === null;
  }

  /** Print, on their own lines, the comments that start before `offset`. */
  private flushComments(offset: number): void {
    while (this.nextComment < this.comments.length && this.comments[this.nextComment]!.range.start < offset) {
      const comment = this.comments[this.nextComment++]!;
      this.separate(comment.range.start);
      this.lines.push({ depth: this.depth, code: "", comment: comment.text.trimEnd() });
      this.lastEnd = comment.range.end;
    }
  }

  /** A comment on the same source line as `end`, before anything else, trails the printed line. */
  private trailing(end: number): void {
    const comment = this.comments[this.nextComment];
    if (comment === undefined || this.sourceLine(comment.range.start) !== this.sourceLine(Math.max(end - 1, 0))) return;
    // Only blanks (and a list's comma) may stand between the item and its comment.
    if (!/^[ \t,]*$/.test(this.text.slice(end, comment.range.start))) return;
    this.lines.at(-1)!.comment = comment.text.trimEnd();
    this.nextComment++;
    this.lastEnd = comment.range.end;
  }

  private commentsInside(range: Range): boolean {
    const comment = this.comments[this.nextComment];
    return comment !== undefined && comment.range.start < range.end;
  }

  /** Begin an item: a blank line first for blocks, then its leading comments. */
  private begin(range: Range, block = false): void {
    if (block) this.blankLine();
    this.flushComments(range.start);
    this.separate(range.start);
  }

  /** A whole item on one line (comments inside it move above it). */
  private item(range: Range, code: string): void {
    this.begin(range);
    this.flushComments(range.end);
    this.emit(code, range.end);
  }

  private emit(code: string, end: number): void {
    this.lines.push({ depth: this.depth, code, comment: null });
    this.lastEnd = end;
    this.trailing(end);
  }

  /** `head {` items `}`. */
  private block(head: string, open: number, close: Range, body: () => void): void {
    this.flushComments(open);
    this.emit(`${head} {`, open + 1);
    this.depth++;
    body();
    this.flushComments(close.start);
    this.depth--;
    this.emit("}", close.end);
    this.blockEnded = true;
  }

  /** Set after a block so the next item at the same depth gets a blank line before it. */
  private blockEnded = false;

  private startItem(range: Range, block = false): void {
    const force = block || this.blockEnded;
    this.blockEnded = false;
    this.begin(range, force);
  }

  // ── statements ────────────────────────────────────────────────────────────────────

  statements(statements: readonly Ast.Statement[]): void {
    for (const statement of statements) this.statement(statement);
  }

  private statement(s: Ast.Statement): void {
    this.startItem(s.range, s.kind === "ProviderDecl" || s.kind === "AuditDecl" || s.kind === "RoleDecl" || s.kind === "TestDecl");
    switch (s.kind) {
      case "PolicyDecl":
        return this.simple(s.range, `policy ${s.name.text}`);
      case "ImportDecl":
        return this.simple(s.range, `import ${s.path.raw}`);
      case "ModeDecl":
        return this.simple(s.range, `mode ${s.value.text}`);
      case "MapRule":
        return this.mapRule(s);
      case "SetDecl":
        return this.withList(s.range, `set ${s.name.text} = `, s.value, "");
      case "ForbidDecl":
        return this.rule(s.rule, "forbid ", s.range);
      case "AlertDecl":
        return this.simple(s.range, `alert ${s.name.raw} when ${condition(s.condition)} => ${s.action.text}`);
      case "ProviderDecl":
        return this.settingsBlock(`provider ${s.name.text} ${s.providerKind.text}`, s.providerKind.range.end, s.settings, s.closeRange);
      case "AuditDecl":
        return this.settingsBlock("audit", s.range.start + "audit".length, s.settings, s.closeRange);
      case "RoleDecl":
        return this.role(s);
      case "TestDecl":
        return this.test(s);
    }
  }

  private simple(range: Range, code: string): void {
    this.flushComments(range.end);
    this.emit(code, range.end);
  }

  private mapRule(s: Ast.MapRule): void {
    const m = s.match;
    const match = m.kind === "SubjectMatch" ? `subject ${m.subject.raw}` : `${m.source} ${scalar(m.path)} ${m.operator} `;
    if (m.kind === "ClaimMatch" && m.value.kind === "List") return this.withList(s.range, `map ${s.provider.text} ${match}`, m.value, ` => ${s.role.text}`);
    const value = m.kind === "ClaimMatch" ? valueRef(m.value) : "";
    this.simple(s.range, `map ${s.provider.text} ${match}${value} => ${s.role.text}`);
  }

  private settingsBlock(head: string, headEnd: number, settings: readonly Ast.Setting[], close: Range): void {
    this.block(head, this.openBrace(headEnd), close, () => {
      for (const setting of settings) {
        const last = setting.values.at(-1);
        const prefix = [setting.key.text, ...setting.values.slice(0, -1).map(settingValue)].join(" ");
        if (last?.kind === "List") this.withList(setting.range, `${prefix} `, last, "");
        else this.item(setting.range, last === undefined ? prefix : `${prefix} ${settingValue(last)}`);
      }
    });
  }

  /** The offset of the '{' that follows `from` (skipping comments and space). */
  private openBrace(from: number): number {
    let i = from;
    while (i < this.text.length && this.text[i] !== "{") {
      if (this.text[i] === "#") while (i < this.text.length && this.text[i] !== "\n") i++;
      else i++;
    }
    return i;
  }

  private role(s: Ast.RoleDecl): void {
    const parents = s.parents.length === 0 ? "" : ` extends ${s.parents.map((p) => p.text).join(", ")}`;
    this.block(`role ${s.name.text}${parents}`, this.openBrace((s.parents.at(-1) ?? s.name).range.end), s.closeRange, () => {
      for (const rule of s.rules) this.rule(rule, "", rule.range);
    });
  }

  private rule(rule: Ast.RoleRule, prefix: string, range: Range): void {
    const [head, values] = ruleParts(rule, prefix !== "");
    if (prefix === "") this.startItem(range);
    if (values === null) {
      this.flushComments(range.end);
      this.emit(prefix + head, range.end);
    } else {
      this.valueLine(range, prefix + head, values, "");
    }
  }

  private test(s: Ast.TestDecl): void {
    this.block(`test ${s.name.raw}`, this.openBrace(s.name.range.end), s.closeRange, () => {
      for (const item of s.items) this.testItem(item);
    });
  }

  private testItem(item: Ast.TestItem): void {
    this.startItem(item.range);
    switch (item.kind) {
      case "As":
        return this.jsonLine(item.range, `as ${item.provider.text} `, item.claims);
      case "Input":
        return this.inputItem(item);
      case "History": {
        const entries = item.entries.map((e) => `${e.metric.text} ${e.count.text} in ${e.window.text}`);
        // Entries are separated by commas, like every other list.
        return this.simple(item.range, `with history { ${entries.join(", ")} }`.replace("{  }", "{}"));
      }
      case "Cwd":
        return this.simple(item.range, `cwd ${item.path.raw}`);
      case "Run":
        return item.command.kind === "String" ? this.simple(item.range, `run ${item.command.raw}`) : this.withList(item.range, "run ", item.command, "");
      case "Expect":
        return this.simple(item.range, `expect ${item.verdict}${item.strict ? " strict" : ""}`);
    }
  }

  private inputItem(item: Ast.InputItem): void {
    const streams = item.streams.map((f) => [f.media.text, ...f.values.map(scalar)].join(" "));
    const head = `input ${item.path.raw} `;
    const inline = streams.length === 0 ? `${head}{}` : `${head}{ ${streams.join(", ")} }`;
    if (!this.commentsInside(item.range) && this.fits(inline)) return this.simple(item.range, inline);
    this.flushComments(item.path.range.end);
    this.emit(`${head}{`, item.path.range.end);
    this.depth++;
    for (const [i, fact] of item.streams.entries()) this.item(fact.range, `${streams[i]},`);
    this.flushComments(item.range.end - 1);
    this.depth--;
    this.emit("}", item.range.end);
  }

  // ── lists and objects ─────────────────────────────────────────────────────────────

  private fits(code: string): boolean {
    return INDENT.length * this.depth + code.length <= WIDTH;
  }

  /** `head VALUE tail` where VALUE may be a list that needs several lines. */
  private valueLine(range: Range, head: string, value: Ast.ValueRef, tail: string): void {
    if (value.kind === "List") return this.withList(range, head, value, tail);
    this.flushComments(range.end);
    this.emit(`${head}${valueRef(value)}${tail}`, range.end);
  }

  private withList(range: Range, head: string, list: Ast.ListLit, tail: string): void {
    this.flushComments(list.range.start);
    const inline = `${head}${listText(list)}${tail}`;
    if (!this.commentsInside(list.range) && this.fits(inline)) {
      this.flushComments(range.end);
      return this.emit(inline, range.end);
    }
    this.emit(`${head}[`, list.range.start + 1);
    this.depth++;
    for (const item of list.items) this.item(item.range, `${scalar(item)},`);
    this.flushComments(list.range.end - 1);
    this.depth--;
    this.flushComments(range.end);
    this.emit(`]${tail}`, range.end);
  }

  private jsonLine(range: Range, head: string, value: Ast.JsonValue): void {
    this.flushComments(value.range.start);
    const inline = `${head}${jsonText(value)}`;
    if (!this.commentsInside(value.range) && this.fits(inline)) {
      this.flushComments(range.end);
      return this.emit(inline, range.end);
    }
    this.jsonMultiline(range, head, value, "");
  }

  private jsonMultiline(range: Range, head: string, value: Ast.JsonValue, tail: string): void {
    if (value.kind !== "JsonList" && value.kind !== "JsonObject") {
      this.flushComments(range.end);
      return this.emit(`${head}${jsonText(value)}${tail}`, range.end);
    }
    const [open, close] = value.kind === "JsonList" ? ["[", "]"] : ["{", "}"];
    this.emit(`${head}${open}`, value.range.start + 1);
    this.depth++;
    const children =
      value.kind === "JsonList"
        ? value.items.map((v) => ({ range: v.range, head: "", value: v }))
        : value.entries.map((e) => ({ range: e.range, head: `${scalar(e.key)}: `, value: e.value }));
    for (const child of children) {
      this.begin(child.range);
      const inline = `${child.head}${jsonText(child.value)},`;
      if (!this.commentsInside(child.range) && this.fits(inline)) this.item(child.range, inline);
      else this.jsonMultiline(child.range, child.head, child.value, ",");
    }
    this.flushComments(value.range.end - 1);
    this.depth--;
    this.emit(`${close}${tail}`, range.end);
  }
}

// ── text of small nodes ─────────────────────────────────────────────────────────────

function scalar(node: Ast.Scalar): string {
  return node.kind === "Word" ? node.text : node.raw;
}

function listText(list: Ast.ListLit): string {
  return `[${list.items.map(scalar).join(", ")}]`;
}

function valueRef(value: Ast.ValueRef): string {
  return value.kind === "List" ? listText(value) : scalar(value);
}

function settingValue(value: Ast.Scalar | Ast.ListLit): string {
  return value.kind === "List" ? listText(value) : scalar(value);
}

function jsonText(value: Ast.JsonValue): string {
  switch (value.kind) {
    case "JsonList":
      return `[${value.items.map(jsonText).join(", ")}]`;
    case "JsonObject":
      return value.entries.length === 0 ? "{}" : `{ ${value.entries.map((e) => `${scalar(e.key)}: ${jsonText(e.value)}`).join(", ")} }`;
    default:
      return scalar(value);
  }
}

function condition(c: Ast.AlertDecl["condition"]): string {
  return c.kind === "ThresholdCondition"
    ? `${c.metric.text} > ${c.threshold.text}${c.baseline ? " baseline" : ""} over ${c.window.text}`
    : `${c.subject.text} unseen over ${c.window.text}`;
}

/** A rule as its fixed head and the list-like value after it (null when it has none). */
function ruleParts(rule: Ast.RoleRule, inForbid: boolean): [string, Ast.ValueRef | null] {
  switch (rule.kind) {
    case "PathGrant":
      return rule.targets === null ? [`${rule.action} stdout`, null] : [`${rule.action} `, rule.targets];
    case "CodecRule":
      return [`${rule.media} ${rule.what} in `, rule.values];
    case "FormatRule":
      return ["format in ", rule.values];
    case "LimitRule":
      return [`${rule.media === null ? "" : `${rule.media} `}${rule.limit} <= ${rule.value.text}`, null];
    case "FilterRule":
      return [rule.mode === "deny" ? "deny filter " : "filter in ", rule.values];
    case "AllowRule":
      return [`${inForbid ? "" : "allow "}${rule.what} `, rule.values];
    case "RateRule":
      return [`limit ${rule.count.text} jobs per ${rule.window.text}`, null];
  }
}

/** Consecutive lines with trailing comments at the same depth share one comment column. */
function alignTrailingComments(lines: Line[]): void {
  let i = 0;
  while (i < lines.length) {
    const depth = lines[i]!.depth;
    let j = i;
    while (j < lines.length && lines[j]!.comment !== null && lines[j]!.code !== "" && lines[j]!.depth === depth) j++;
    if (j - i > 1) {
      const column = Math.max(...lines.slice(i, j).map((l) => l.code.length));
      for (const line of lines.slice(i, j)) line.code = line.code.padEnd(column);
    }
    i = Math.max(j, i + 1);
  }
}
