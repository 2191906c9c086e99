// The typed AST of a .ffpolicy file, built directly by the parser (no CST). Every node
// carries its exact source range. A node the parser had to invent while recovering from
// a syntax error is marked `missing` (names) or simply absent (optional parts), so later
// layers never see half-built nodes: they see either a complete node or none.

import type { Range } from "../base/range.js";

export interface Node {
  readonly range: Range;
}

/** A bare word: identifier, number or quantity (`editor`, `libvpx-vp9`, `8M`, `3840x2160`). */
export interface Word extends Node {
  readonly kind: "Word";
  readonly text: string;
  /** True when the parser inserted it to recover from an error (text is ""). */
  readonly missing: boolean;
}

export interface StringLit extends Node {
  readonly kind: "String";
  /** The value with escapes decoded. */
  readonly value: string;
  /** The source text, quotes included (the formatter prints it unchanged). */
  readonly raw: string;
}

export type Scalar = Word | StringLit;

export interface ListLit extends Node {
  readonly kind: "List";
  readonly items: readonly Scalar[];
}

/** Where a list is expected: a literal list, a set's name, or a single value. */
export type ValueRef = ListLit | Word | StringLit;

// ── claims objects (`as okta { sub: "alice", groups: ["video-editors"] }`) ──────────

export type JsonValue = Word | StringLit | JsonList | JsonObject;

export interface JsonList extends Node {
  readonly kind: "JsonList";
  readonly items: readonly JsonValue[];
}

export interface JsonEntry extends Node {
  readonly key: Scalar;
  readonly value: JsonValue;
}

export interface JsonObject extends Node {
  readonly kind: "JsonObject";
  readonly entries: readonly JsonEntry[];
}

// ── top level ─────────────────────────────────────────────────────────────────────────

export interface PolicyFile extends Node {
  readonly statements: readonly Statement[];
}

export type Statement = PolicyDecl | ImportDecl | ModeDecl | ProviderDecl | MapRule | SetDecl | RoleDecl | ForbidDecl | AlertDecl | AuditDecl | TestDecl;

export interface PolicyDecl extends Node {
  readonly kind: "PolicyDecl";
  readonly name: Word;
}

export interface ImportDecl extends Node {
  readonly kind: "ImportDecl";
  readonly path: StringLit;
}

export interface ModeDecl extends Node {
  readonly kind: "ModeDecl";
  readonly value: Word;
}

/** `key value…` inside a provider or audit block; the value's shape depends on the key. */
export interface Setting extends Node {
  readonly kind: "Setting";
  readonly key: Word;
  readonly values: readonly (Scalar | ListLit)[];
}

export interface ProviderDecl extends Node {
  readonly kind: "ProviderDecl";
  readonly name: Word;
  readonly providerKind: Word;
  readonly settings: readonly Setting[];
  readonly closeRange: Range;
}

export type MapOperator = "==" | "contains" | "in";

/** `claim groups contains "x"` / `attribute memberOf contains "CN=…"`. */
export interface ClaimMatch extends Node {
  readonly kind: "ClaimMatch";
  readonly source: "claim" | "attribute";
  /** The claim's path: `groups`, `realm_access.roles` (two segments), or a quoted name (one). */
  readonly path: Scalar;
  readonly operator: MapOperator;
  readonly operatorRange: Range;
  readonly value: ValueRef;
}

export interface SubjectMatch extends Node {
  readonly kind: "SubjectMatch";
  readonly subject: StringLit;
}

export interface MapRule extends Node {
  readonly kind: "MapRule";
  readonly provider: Word;
  readonly match: ClaimMatch | SubjectMatch;
  readonly role: Word;
}

export interface SetDecl extends Node {
  readonly kind: "SetDecl";
  readonly name: Word;
  readonly value: ListLit;
}

export interface RoleDecl extends Node {
  readonly kind: "RoleDecl";
  readonly name: Word;
  readonly parents: readonly Word[];
  readonly rules: readonly RoleRule[];
  readonly closeRange: Range;
}

export type MediaKind = "video" | "audio" | "subtitle" | "data";

/** `read T`, `write T`, `publish T`, `write stdout`. */
export interface PathGrant extends Node {
  readonly kind: "PathGrant";
  readonly action: "read" | "write" | "publish";
  /** Null for `write stdout`. */
  readonly targets: ValueRef | null;
}

/** `video codec in L`, `audio encoder in L`. */
export interface CodecRule extends Node {
  readonly kind: "CodecRule";
  readonly media: MediaKind;
  readonly what: "codec" | "encoder";
  readonly values: ValueRef;
}

/** `format in L` (output formats) */
export interface FormatRule extends Node {
  readonly kind: "FormatRule";
  readonly values: ValueRef;
}

export type LimitKind = "bitrate" | "resolution" | "frame_rate" | "duration" | "size";

/** `video bitrate <= 8M`, `resolution <= 3840x2160`, `frame_rate <= 60`, `duration <= 2h`, `size <= 10GB`. */
export interface LimitRule extends Node {
  readonly kind: "LimitRule";
  readonly limit: LimitKind;
  /** Only for bitrate limits. */
  readonly media: MediaKind | null;
  readonly value: Word;
}

/** `deny filter L` (local to the role), `filter in L` (only these filters). */
export interface FilterRule extends Node {
  readonly kind: "FilterRule";
  readonly mode: "deny" | "only";
  readonly values: ValueRef;
}

export type AllowTarget = "filter" | "protocol" | "device" | "option" | "listen";

/** `allow device v4l2`, `allow filter [zmq]`, `allow protocol [concat]`, `allow listen "rtmp://0.0.0.0:1935/**"`. */
export interface AllowRule extends Node {
  readonly kind: "AllowRule";
  readonly what: AllowTarget;
  readonly values: ValueRef;
}

/** `limit 100 jobs per 1h` */
export interface RateRule extends Node {
  readonly kind: "RateRule";
  readonly count: Word;
  readonly window: Word;
}

export type RoleRule = PathGrant | CodecRule | FormatRule | LimitRule | FilterRule | AllowRule | RateRule;

/** What a `forbid` may name: the same grants a role gives, for everyone. */
export type ForbidTarget = PathGrant | CodecRule | FormatRule | AllowRule;

export interface ForbidDecl extends Node {
  readonly kind: "ForbidDecl";
  readonly rule: ForbidTarget;
}

/** `when jobs > 3x baseline over 10m` */
export interface ThresholdCondition extends Node {
  readonly kind: "ThresholdCondition";
  readonly metric: Word;
  readonly threshold: Word;
  /** True for `3x baseline`: the threshold is a factor of the metric's baseline. */
  readonly baseline: boolean;
  readonly window: Word;
}

/** `when codec unseen over 30d` */
export interface UnseenCondition extends Node {
  readonly kind: "UnseenCondition";
  readonly subject: Word;
  readonly window: Word;
}

export interface AlertDecl extends Node {
  readonly kind: "AlertDecl";
  readonly name: StringLit;
  readonly condition: ThresholdCondition | UnseenCondition;
  readonly action: Word;
}

export interface AuditDecl extends Node {
  readonly kind: "AuditDecl";
  readonly settings: readonly Setting[];
  readonly closeRange: Range;
}

// ── tests ──────────────────────────────────────────────────────────────────────────────

export interface AsItem extends Node {
  readonly kind: "As";
  readonly provider: Word;
  readonly claims: JsonObject;
}

/** One stream of an input's facts: `video h264 1920x1080 8M`. */
export interface StreamFact extends Node {
  readonly media: Word;
  readonly values: readonly Scalar[];
}

export interface InputItem extends Node {
  readonly kind: "Input";
  readonly path: StringLit;
  readonly streams: readonly StreamFact[];
}

/** `jobs 99 in 1h` inside `with history { … }` */
export interface HistoryEntry extends Node {
  readonly metric: Word;
  readonly count: Word;
  readonly window: Word;
}

export interface HistoryItem extends Node {
  readonly kind: "History";
  readonly entries: readonly HistoryEntry[];
}

export interface CwdItem extends Node {
  readonly kind: "Cwd";
  readonly path: StringLit;
}

export interface RunItem extends Node {
  readonly kind: "Run";
  /** A shell-style string, or the argv as a list of strings. */
  readonly command: StringLit | ListLit;
}

export interface ExpectItem extends Node {
  readonly kind: "Expect";
  readonly verdict: "allow" | "deny";
  readonly strict: boolean;
}

export type TestItem = AsItem | InputItem | HistoryItem | CwdItem | RunItem | ExpectItem;

export interface TestDecl extends Node {
  readonly kind: "TestDecl";
  readonly name: StringLit;
  readonly items: readonly TestItem[];
  readonly closeRange: Range;
}

export interface Comment extends Node {
  readonly text: string;
}
