// The policy IR: what the evaluator reads, in the editor, in CI and (from a signed bundle)
// in the enforcer. Plain JSON: sets resolved, `extends` flattened, units converted, every
// rule carrying the source location explanations cite. Nothing here refers to the parser.

import type { MediaType } from "../ffmpeg/catalogue/types.js";
import type { StreamFacts } from "../ffmpeg/job/model.js";

export const IR_VERSION = 1;

/** Where a rule is written: file (as the author named it), 1-based line and column. */
/** Where a rule is written: its file and its whole range (1-based lines and UTF-16 columns, end exclusive). */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export type Media = Exclude<MediaType, "attachment">;

/** A path or url pattern a grant or forbid names (`/mnt/renders/{claims.tenant}/**`). */
export interface PatternIR {
  readonly pattern: string;
  readonly kind: "path" | "url";
  /** Holds `{claims.…}`/`{subject}` templates, filled per identity. */
  readonly templated: boolean;
  readonly at: SourceRef;
}

export interface ListIR {
  readonly values: readonly string[];
  readonly at: SourceRef;
}

export interface LimitIR<T> {
  readonly value: T;
  readonly at: SourceRef;
}

export interface NamedGrant {
  readonly value: string;
  readonly at: SourceRef;
}

export interface RoleIR {
  readonly name: string;
  readonly at: SourceRef;
  readonly read: readonly PatternIR[];
  readonly write: readonly PatternIR[];
  readonly publish: readonly PatternIR[];
  readonly stdout: SourceRef | null;
  readonly codecs: Readonly<Partial<Record<Media, ListIR>>>;
  readonly encoders: Readonly<Partial<Record<Media, ListIR>>>;
  /** Muxer names (`mkv` already resolved to `matroska`). */
  readonly formats: ListIR | null;
  /** Bits per second, per stream kind. */
  readonly bitrate: Readonly<Partial<Record<Media, LimitIR<number>>>>;
  readonly resolution: LimitIR<{ readonly width: number; readonly height: number }> | null;
  readonly frameRate: LimitIR<number> | null;
  /** Milliseconds. */
  readonly duration: LimitIR<number> | null;
  /** Bytes. */
  readonly size: LimitIR<number> | null;
  readonly denyFilters: ListIR | null;
  readonly onlyFilters: ListIR | null;
  readonly allowFilters: readonly NamedGrant[];
  readonly allowProtocols: readonly NamedGrant[];
  readonly allowDevices: readonly NamedGrant[];
  readonly allowOptions: readonly NamedGrant[];
  readonly allowListen: readonly PatternIR[];
  readonly jobLimit: LimitIR<{ readonly count: number; readonly windowMs: number }> | null;
}

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export type MapMatchIR =
  | { readonly kind: "subject"; readonly value: string }
  | {
      readonly kind: "claim";
      readonly source: "claim" | "attribute";
      /** `realm_access.roles` → ["realm_access", "roles"]; a quoted name is one segment. */
      readonly path: readonly string[];
      readonly operator: "==" | "contains" | "in";
      readonly values: readonly JsonValue[];
    };

export interface MapIR {
  readonly provider: string;
  readonly match: MapMatchIR;
  readonly role: string;
  readonly at: SourceRef;
}

export type ForbidIR =
  | { readonly kind: "read" | "write" | "publish" | "listen"; readonly patterns: readonly PatternIR[]; readonly at: SourceRef }
  | { readonly kind: "stdout"; readonly at: SourceRef }
  | { readonly kind: "codec" | "encoder"; readonly media: Media; readonly values: readonly string[]; readonly at: SourceRef }
  | { readonly kind: "format" | "filter" | "protocol" | "device" | "option"; readonly values: readonly string[]; readonly at: SourceRef };

export type AlertConditionIR =
  | { readonly kind: "threshold"; readonly metric: "jobs"; readonly threshold: number; readonly baseline: boolean; readonly windowMs: number }
  | { readonly kind: "unseen"; readonly subject: "codec" | "encoder" | "format" | "filter" | "destination"; readonly windowMs: number };

export interface AlertIR {
  readonly name: string;
  readonly condition: AlertConditionIR;
  readonly action: "block" | "notify";
  readonly at: SourceRef;
}

export interface ProviderIR {
  readonly name: string;
  readonly kind: "oidc" | "saml" | "api_token";
  readonly settings: Readonly<Record<string, JsonValue>>;
  readonly at: SourceRef;
}

export interface HistoryIR {
  readonly jobs: number;
  readonly windowMs: number;
}

export interface TestIR {
  readonly name: string;
  readonly at: SourceRef;
  readonly provider: string;
  readonly claims: { readonly [key: string]: JsonValue };
  readonly inputs: readonly { readonly url: string; readonly streams: readonly StreamFacts[] }[];
  readonly history: readonly HistoryIR[];
  readonly cwd: string | null;
  readonly argv: readonly string[];
  readonly expect: { readonly verdict: "allow" | "deny"; readonly strict: boolean };
}

export interface PolicyIR {
  readonly version: typeof IR_VERSION;
  readonly name: string | null;
  readonly mode: "enforce" | "audit_only";
  /** The pinned ffmpeg catalogue the policy was checked against. */
  readonly catalogue: string;
  readonly providers: Readonly<Record<string, ProviderIR>>;
  readonly maps: readonly MapIR[];
  readonly roles: Readonly<Record<string, RoleIR>>;
  readonly forbids: readonly ForbidIR[];
  readonly alerts: readonly AlertIR[];
  readonly audit: { readonly settings: Readonly<Record<string, JsonValue>>; readonly at: SourceRef } | null;
  readonly tests: readonly TestIR[];
}
