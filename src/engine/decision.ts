// The shape of a decision and its explanation: every action with the role and rule that
// allowed it, or for each held role why not; forbids that fired; checks left for run time.

import type { SourceRef } from "../ir/policy.js";
import type { MappingResult } from "./identity.js";

/** One thing a role was asked to allow, and its answer. */
export interface Check {
  /** `write /mnt/renders/a.mp4`, `video codec h264 (stream 0)`, `video bitrate (stream 0)`. */
  readonly what: string;
  readonly verdict: "ok" | "denied" | "pending";
  /** The rule that allowed or limited it. */
  readonly rule: SourceRef | null;
  /** Why it was denied, or what must be checked at run time. */
  readonly reason: string | null;
  /** The smallest change that would allow it, when there is one. */
  readonly fix: string | null;
}

export interface RoleAnswer {
  readonly role: string;
  readonly allowed: boolean;
  readonly checks: readonly Check[];
}

/** One output (everything written from the same streams), judged per role. */
export interface OutputVerdict {
  readonly output: number;
  readonly url: string;
  readonly allowed: boolean;
  /** The role that allows all of it (the first such role in policy order). */
  readonly by: string | null;
  readonly answers: readonly RoleAnswer[];
  /** Roles the identity does not hold that would allow it. */
  readonly otherRoles: readonly string[];
}

/** An action that belongs to no output (a -progress file, a device initialised globally). */
export interface GlobalVerdict {
  readonly what: string;
  readonly allowed: boolean;
  readonly by: string | null;
  readonly checks: readonly Check[];
}

export interface ForbidHit {
  readonly what: string;
  readonly rule: SourceRef;
}

export interface AlertHit {
  readonly name: string;
  readonly action: "block" | "notify";
  readonly rule: SourceRef;
  readonly reason: string;
}

export interface Decision {
  readonly verdict: "allow" | "deny";
  /** Checks only the run can settle; non-empty only for an allow ("allow, pending run-time checks"). */
  readonly pending: readonly string[];
  /** False under `mode audit_only`: decided and audited, not blocked. */
  readonly enforced: boolean;
  /** An information-only command (`-version`, `-h`): allowed without a policy decision. */
  readonly info: boolean;
  readonly identity: {
    readonly provider: string;
    readonly subject: string | null;
    readonly roles: readonly string[];
    readonly mapping: readonly MappingResult[];
  };
  readonly outputs: readonly OutputVerdict[];
  readonly global: readonly GlobalVerdict[];
  readonly forbids: readonly ForbidHit[];
  readonly alerts: readonly AlertHit[];
  /** What ffmpeg would refuse, or what cannot be modelled: each denies. */
  readonly problems: readonly string[];
  /** Headline reasons for a deny, most specific first. */
  readonly reasons: readonly string[];
}
