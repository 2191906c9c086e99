// The shape of the security corpus: attacks that must be denied for a named reason, and
// legitimate commands that must stay allowed. Each case is data; corpus.test.ts runs them.

import type { Decision } from "../../src/engine/decision.js";
import type { InputFacts, StreamFacts } from "../../src/ffmpeg/job/model.js";
import type { JsonValue } from "../../src/ir/policy.js";

export type Claims = { readonly [key: string]: JsonValue };

interface CaseBase {
  readonly name: string;
  /** A shell-style command line starting with `ffmpeg` (quotes honoured, nothing expanded). */
  readonly command: string;
  /** The identity: a list of okta groups for subject alice, or the full claims. Default: ["editors"]. */
  readonly as?: readonly string[] | Claims;
  /** Facts about inputs, by url as written in the command. */
  readonly facts?: Readonly<Record<string, InputFacts>>;
  /** Working directory; null when unknown. Default "/work". */
  readonly cwd?: string | null;
  /** Judge paths on the real file system (the symlink sandbox) instead of an empty one. */
  readonly disk?: boolean;
}

export interface Attack extends CaseBase {
  readonly expect: "deny";
  /** Text (or pattern) that the explanation must contain: the reason it is denied for. */
  readonly because: string | RegExp;
}

/** What the attacks of one kind share: the identity, facts and working directory they default to. */
type Setting = Pick<Attack, "as" | "facts" | "cwd">;

/** A maker of attacks of one kind: their names share a prefix, their setting the kind's unless a case says otherwise. */
export function attackKind(prefix: string, defaults: Setting) {
  return (name: string, command: string, because: string | RegExp, setting: Setting = {}): Attack => ({
    ...defaults,
    ...setting,
    name: `${prefix}: ${name}`,
    command,
    expect: "deny",
    because,
  });
}

export interface Legitimate extends CaseBase {
  /** `allow`: allowed with nothing left to check; `allow-pending`: allowed, pending run-time checks. */
  readonly expect: "allow" | "allow-pending";
}

// ── facts ─────────────────────────────────────────────────────────────────────────────

export function video(codec: string, width: number, height: number, bitrate: number | null, frameRate = 25): StreamFacts {
  return { media: "video", codec, width, height, frameRate, bitrate, duration: 60_000 };
}

export function audio(codec: string, bitrate: number | null): StreamFacts {
  return { media: "audio", codec, width: null, height: null, frameRate: null, bitrate, duration: 60_000 };
}

/** An ordinary 1080p H.264/AAC source, 5 Mbit/s. */
export const HD: InputFacts = { streams: [video("h264", 1920, 1080, 5_000_000), audio("aac", 128_000)] };
/** A 720p source. */
export const SD: InputFacts = { streams: [video("h264", 1280, 720, 2_000_000), audio("aac", 96_000)] };
/** An 8K H.264 source. */
export const UHD8K: InputFacts = { streams: [video("h264", 7680, 4320, 5_000_000), audio("aac", 128_000)] };
/** A 50 Mbit/s H.264 source. */
export const FAT: InputFacts = { streams: [video("h264", 1920, 1080, 50_000_000), audio("aac", 128_000)] };
/** A ProRes master. */
export const PRORES: InputFacts = { streams: [video("prores", 1920, 1080, 5_000_000), audio("aac", 128_000)] };
/** An HEVC source. */
export const HEVC: InputFacts = { streams: [video("hevc", 1920, 1080, 4_000_000), audio("aac", 128_000)] };
/** H.264 whose bitrate the probe could not tell. */
export const UNKNOWN_RATE: InputFacts = { streams: [video("h264", 1920, 1080, null), audio("aac", 128_000)] };
/** A video-only source. */
export const VIDEO_ONLY: InputFacts = { streams: [video("h264", 1920, 1080, 5_000_000)] };
/** An audio-only source. */
export const AUDIO_ONLY: InputFacts = { streams: [audio("pcm_s16le", 1_411_000)] };

/** A playlist or concat list whose entries are known (they are read too). */
export function listing(...reads: string[]): InputFacts {
  return { streams: HD.streams, reads };
}

// ── explanations ──────────────────────────────────────────────────────────────────────

/**
 * Everything a decision says against a command: its headline reasons, the problems, the
 * forbids that fired, and every denied check of every role held (each role's answer, not
 * only the one the headline picks), so a case can name the rule that must deny it.
 */
export function explanation(decision: Decision): string {
  const lines = [
    ...decision.reasons,
    ...decision.problems,
    ...decision.forbids.map((f) => `forbidden: ${f.what}`),
    ...decision.outputs.flatMap((o) =>
      o.answers.flatMap((a) =>
        a.checks.filter((c) => c.verdict === "denied").map((c) => `output #${o.output} ${a.role}: ${c.what} — ${c.reason ?? ""}${c.fix ? ` (${c.fix})` : ""}`),
      ),
    ),
    ...decision.global
      .filter((g) => !g.allowed)
      .flatMap((g) => g.checks.filter((c) => c.verdict === "denied").map((c) => `${g.what}: ${c.reason ?? ""}${c.fix ? ` (${c.fix})` : ""}`)),
  ];
  return lines.join("\n");
}

// ── the symlink sandbox ───────────────────────────────────────────────────────────────

/** The sandbox's policy for a tree at `root`: read its `granted/in`, write its `granted/out`; `extra` adds rules. */
export function sandboxPolicy(root: string, extra = ""): string {
  return `
policy sandbox

provider okta oidc {
  issuer "https://login.example.com/oauth2/default"
  audience "ffmpeg-pipeline"
  jwks "keys/okta.jwks.json"
}

map okta claim groups contains "editors" => editor

role editor {
  read "${root}/granted/in/**"
  write "${root}/granted/out/**"
}
${extra}`;
}
