// Differential-test oracle: asks the real ffmpeg how it splits a command line.
//
// ffmpeg at `-loglevel debug` narrates `split_commandline` (fftools/cmdutils.c, 5.1):
//
//   Splitting the commandline.
//   Reading option '%s' ...                                  (one per token it reads)
//     " matched as output url."                              (not `-…`, exactly `-`, or right after `--`)
//     " matched as input url with argument '%s'."            (`-i URL`)
//     " matched as option '%s' (%s) with argument '%s'."     (table option; bool → '1', exit option at the end → '(null)')
//     " matched as AVOption '%s' with argument '%s'."        (opt_default accepted it)
//     " matched as option '%s' (%s) with argument 0."        (`-noX` on a boolean)
//     nothing at all after `--`: the next "Reading option" follows on the same line
//     "Missing argument for option '%s'." / "Unrecognized option '%s'." /
//     "Error parsing option '%s' with argument '%s'." (after opt_default's own message)
//       then "Error splitting the argument list: %s"
//   Trailing option(s) found in the command: may be ignored.
//   Finished splitting the commandline.
//   Parsing a group of options: %s %s.                       (global first, then each input, then each output)
//   Applying option %s (%s) with argument %s.
//   Option %s (%s) cannot be applied to %s %s -- you are trying to apply an input option to an output file or vice versa. …
//   Successfully parsed a group of options.
//
// Arguments can hold anything (quotes, newlines, "' with argument '"), so the log is
// never read with free-text regexes: the parser walks the argv it passed, token by
// token, and only accepts the exact strings ffmpeg must have printed for them, with
// backtracking where two readings are possible (`-y 1`: boolean plus an output `1`, or
// an option taking `1`?). Everything is compared as bytes (latin1 strings), after
// applying libavutil's log sanitizer (control bytes other than \b..\r become '?') and
// its 64 KiB cap per message; AV_LOG_SKIP_REPEATED ("Last message repeated N times",
// which compares only the first 1023 bytes of a line) is unfolded in the groups. Groups
// are printed only as far as ffmpeg gets: inputs are opened between input groups, so a
// missing input file ends the list there.
//
// Running: `-loglevel debug` is always prepended (ffmpeg's pre-scan, `locate_option`,
// then finds it first: it looks for `loglevel` before `v`, and its own quirks — `-nov`,
// `-loglevel:x`, skipping the token after any unknown option — no longer matter), and
// the value of every `-v`/`-loglevel` the split itself recognises is replaced by `debug`
// (a second run, only when the command has one), so the global group does not switch
// logging off half-way. Results are mapped back to the caller's argv. The process runs
// in an empty temporary directory (so `-report` and relative outputs land there), with
// stdin from /dev/null, PATH and LANG=C only, no network (`unshare -n`), as `nobody`
// when we are root, and it is killed as soon as every group has been applied (or the
// log stalls after the split, or the timeout expires).

import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { splitShellWords } from "../../src/ffmpeg/shell-words.js";

export interface OracleToken {
  /** Index in `OracleResult.argv`. */
  index: number;
  token: string;
  kind: "option" | "avoption" | "input" | "output" | "dashdash";
  /** Table option name (`c` for `-c:v:0`, `stdin` for `-nostdin`); the option as typed, without `-`, for AVOptions. */
  name?: string;
  /** Help text ffmpeg printed for a table option (identifies it: `b` is "video bitrate (please use -b:v)"). */
  help?: string;
  /** The value: the consumed token; "1" for a boolean, "0" for `-noX`; absent for an exit option at the end of argv, for `--` and for output urls. */
  argument?: string;
  /** Index in argv of the token consumed as the argument, when one was. */
  argumentIndex?: number;
}

export interface OracleApplied {
  /** The option as typed, without `-` (`c:v:0`, `nostdin`). */
  key: string;
  /** The value applied: the argument, "1"/"0" for booleans, "(null)" for an exit option at the end of argv. */
  value: string;
  /** Index in argv of the option token. */
  index: number;
}

export interface OracleGroup {
  kind: "global" | "input" | "output";
  url: string | null;
  applied: OracleApplied[];
  /** "Successfully parsed a group of options." was printed. */
  complete: boolean;
}

export interface OracleResult {
  /** The command's own argv: no program name, and without the loglevel change the oracle made. */
  argv: string[];
  tokens: OracleToken[];
  groups: OracleGroup[];
  trailing: boolean;
  /** ffmpeg refused while splitting; `index` is the token it was reading, `error` the strerror of "Error splitting the argument list: …". */
  refused: { message: string; index: number; error: string | null } | null;
  finishedSplitting: boolean;
  exitCode: number | null;
  timedOut: boolean;
  /** Killed by the oracle once the split and the group application were over (or the log stalled after the split). */
  stoppedEarly: boolean;
  /** The log stopped before the split was over (killed, crashed or truncated). */
  incomplete: boolean;
  /** Set when the log did not read as any consistent split of argv (a bug here, or an ffmpeg that prints differently). */
  parseError: string | null;
  /** How the process was isolated: "unshare -n -S 65534 -G 65534", "unshare -n", "unshare -rn" or "none". */
  sandbox: string;
  durationMs: number;
  stderr: string;
}

export interface OracleOptions {
  /** ffmpeg executable; default "ffmpeg" from PATH. */
  ffmpeg?: string;
  /** Hard limit per process; default 5000 ms. */
  timeoutMs?: number;
  /** After the split has finished, kill when the log has been silent this long; default 1500 ms. */
  idleMs?: number;
  /** After the split has finished, kill anyway after this long (a device retrying forever); default 2500 ms. */
  afterSplitMs?: number;
}

export interface OracleBatchOptions extends OracleOptions {
  /** Processes at a time; default three times the number of CPUs (the runs mostly wait on the kernel and the pipe). */
  concurrency?: number;
  /** Called after each command finishes. */
  onResult?: (result: OracleResult, index: number) => void;
}

const PREFIX = ["-loglevel", "debug"];
const SPLITTING = "Splitting the commandline.\n";
const FINISHED = "Finished splitting the commandline.\n";
const TRAILING = "Trailing option(s) found in the command: may be ignored.\n";
const SPLIT_ERROR = "Error splitting the argument list: ";
const GROUP_HEADER = "Parsing a group of options: ";
const GROUP_DONE = "Successfully parsed a group of options.\n";
const REPEATED = /^ {4}Last message repeated (\d+) times\n/;
/** av_log formats each message into an AVBPrint capped at 64 KiB: longer messages are cut to this many bytes. */
const MESSAGE_CAP = 65535;
/** AV_LOG_SKIP_REPEATED compares only the first LINE_SZ - 1 bytes of consecutive lines. */
const REPEAT_CMP = 1023;

// ---------------------------------------------------------------------------------------
// Log parsing (exported for tests; works on latin1 "byte strings").

type RawKind = OracleToken["kind"];
export interface RawToken {
  index: number;
  kind: RawKind;
  name?: string;
  help?: string;
  /** What ffmpeg printed as the argument (a latin1 byte string). */
  printed?: string;
  argumentIndex?: number;
}
export interface RawParse {
  tokens: RawToken[];
  trailing: boolean;
  finishedSplitting: boolean;
  refused: { message: string; index: number; error: string | null } | null;
  incomplete: boolean;
  parseError: string | null;
  groups: { kind: OracleGroup["kind"]; sepIndex: number | null; applied: { tokenIndex: number; key: string; printed: string }[]; complete: boolean }[];
  /** Every group ffmpeg will parse has been parsed (or one failed, or ffmpeg is exiting). */
  groupsOver: boolean;
}

/** What av_log prints for one message (it is cut at MESSAGE_CAP bytes). */
function shown(message: string): string {
  return message.length > MESSAGE_CAP ? message.slice(0, MESSAGE_CAP) : message;
}

/** libavutil/log.c `sanitize`: control bytes other than \b..\r are printed as '?'. */
export function sanitize(s: string): string {
  return s.replace(/[\x00-\x07\x0e-\x1f]/g, "?");
}

/** A JS string as the latin1 string of the UTF-8 bytes ffmpeg receives in argv. */
export function toBytes(s: string): string {
  return Buffer.from(s, "utf8").toString("latin1");
}

function fromBytes(s: string): string {
  return Buffer.from(s, "latin1").toString("utf8");
}

interface SplitEnd {
  end: number;
  finished: boolean;
  trailing: boolean;
  incomplete: boolean;
  refused: RawParse["refused"];
}

/** One way to read the log at a token: either it ends the split, or it is a token and the walk goes on. */
type Move = { end: SplitEnd } | { token: RawToken; nextIndex: number; nextPos: number };

/**
 * Parses the log of one run. `argv` is what was passed to ffmpeg (after the program
 * name), `log` its stderr as a latin1 string.
 */
export function parseOracleLog(argv: readonly string[], log: string): RawParse {
  const a = argv.map((t) => sanitize(toBytes(t)));
  const n = a.length;
  const empty: RawParse = {
    tokens: [],
    trailing: false,
    finishedSplitting: false,
    refused: null,
    incomplete: true,
    parseError: null,
    groups: [],
    groupsOver: false,
  };
  const start = findLineStart(log, SPLITTING, 0);
  if (start < 0) return empty;

  /** The log ends at `pos` with a (possibly empty) prefix of `s`: the run was cut short there. */
  const cutShort = (pos: number, s: string) => log.length - pos <= s.length && s.startsWith(log.slice(pos));
  const done = (end: number, extra: Partial<SplitEnd>): Move => ({
    end: { end, finished: false, trailing: false, incomplete: false, refused: null, ...extra },
  });

  /** Line starts after `p` (the current line's remainder is text some function logged), up to the next token's line. */
  function* laterLines(p: number): Generator<number> {
    for (let q = log.indexOf("\n", p); q >= 0 && q + 1 < log.length; q = log.indexOf("\n", q + 1)) {
      if (log.startsWith("Reading option '", q + 1) || log.startsWith(SPLIT_ERROR, q + 1) || log.startsWith(FINISHED, q + 1)) return;
      yield q + 1;
    }
  }

  const moves = (i: number, pos: number): Move[] => {
    if (pos >= log.length) return [done(pos, { incomplete: true })];
    if (i === n) {
      let p = pos;
      let trailing = false;
      if (log.startsWith(TRAILING, p)) {
        trailing = true;
        p += TRAILING.length;
      }
      if (log.startsWith(FINISHED, p)) return [done(p + FINISHED.length, { finished: true, trailing })];
      if (cutShort(p, FINISHED) || (!trailing && cutShort(p, TRAILING))) return [done(log.length, { incomplete: true, trailing })];
      return [];
    }
    const tok = a[i]!;
    const reading = shown(`Reading option '${tok}' ...`);
    if (!log.startsWith(reading, pos)) return cutShort(pos, reading) ? [done(log.length, { incomplete: true })] : [];
    const p = pos + reading.length;
    if (p >= log.length) return [done(p, { incomplete: true })];
    const next = i + 1 < n ? a[i + 1]! : null;
    const out: Move[] = [];

    // `--` prints nothing more: the next "Reading option" follows on the same line.
    if (argv[i] === "--") out.push({ token: { index: i, kind: "dashdash" }, nextIndex: i + 1, nextPos: p });

    const output = " matched as output url.\n";
    if (log.startsWith(output, p)) out.push({ token: { index: i, kind: "output" }, nextIndex: i + 1, nextPos: p + output.length });

    if (next !== null) {
      const input = shown(` matched as input url with argument '${next}'.\n`);
      if (log.startsWith(input, p))
        out.push({ token: { index: i, kind: "input", printed: next, argumentIndex: i + 1 }, nextIndex: i + 2, nextPos: p + input.length });
    }

    const optHead = " matched as option '";
    if (log.startsWith(optHead, p)) {
      const nameStart = p + optHead.length;
      const lineEnd = indexOrEnd(log, "\n", nameStart);
      const nameEnd = log.indexOf("' (", nameStart);
      if (nameEnd >= 0 && nameEnd < lineEnd) {
        const name = log.slice(nameStart, nameEnd);
        const helpStart = nameEnd + 3;
        const candidates: { suffix: string; consumed: number; printed: string; argumentIndex?: number }[] = [];
        if (next !== null) candidates.push({ suffix: `) with argument '${next}'.\n`, consumed: 2, printed: next, argumentIndex: i + 1 });
        candidates.push({ suffix: ") with argument '1'.\n", consumed: 1, printed: "1" }); // boolean
        if (next === null) candidates.push({ suffix: ") with argument '(null)'.\n", consumed: 1, printed: "(null)" }); // exit option at the end
        candidates.push({ suffix: ") with argument 0.\n", consumed: 1, printed: "0" }); // -noX
        for (const c of candidates) {
          // The help text is one line; the argument may hold anything, newlines included.
          for (let at = log.indexOf(") with argument ", helpStart); at >= 0 && at < lineEnd; at = log.indexOf(") with argument ", at + 1)) {
            const suffix = c.suffix.slice(0, Math.max(0, MESSAGE_CAP - (at - p))); // a long argument is cut
            if (suffix.length === 0 || !log.startsWith(suffix, at)) continue;
            const token: RawToken = { index: i, kind: "option", name, help: log.slice(helpStart, at), printed: c.printed };
            if (c.argumentIndex !== undefined) token.argumentIndex = c.argumentIndex;
            out.push({ token, nextIndex: i + c.consumed, nextPos: at + suffix.length });
            break;
          }
        }
      }
    }

    const opt = tok.startsWith("-") ? tok.slice(1) : tok;
    if (next !== null) {
      // opt_default may log whole lines first ("Routing option %s to both codec and muxer layer").
      const av = shown(` matched as AVOption '${opt}' with argument '${next}'.\n`);
      let at = log.startsWith(av, p) ? p : -1;
      if (at < 0)
        for (const q of laterLines(p))
          if (log.startsWith(av, q)) {
            at = q;
            break;
          }
      if (at >= 0)
        out.push({ token: { index: i, kind: "avoption", name: opt, printed: next, argumentIndex: i + 1 }, nextIndex: i + 2, nextPos: at + av.length });
    }

    // Refusals: ffmpeg stops here.
    let messageEnd = -1;
    for (const m of [`Unrecognized option '${opt}'.\n`, `Missing argument for option '${opt}'.\n`].map(shown))
      if (log.startsWith(m, p)) messageEnd = p + m.length;
    if (messageEnd < 0 && next !== null) {
      // opt_default's own error first (swscale's "Directly using swscale dimensions/format options…").
      const m = shown(`Error parsing option '${opt}' with argument '${next}'.\n`);
      if (log.startsWith(m, p)) messageEnd = p + m.length;
      else
        for (const q of laterLines(p))
          if (log.startsWith(m, q)) {
            messageEnd = q + m.length;
            break;
          }
    }
    if (messageEnd >= 0) {
      const message = fromBytes(log.slice(p, messageEnd)).trimEnd();
      if (log.startsWith(SPLIT_ERROR, messageEnd)) {
        const eol = indexOrEnd(log, "\n", messageEnd);
        const error = fromBytes(log.slice(messageEnd + SPLIT_ERROR.length, eol));
        out.push(done(Math.min(eol + 1, log.length), { refused: { message, index: i, error } }));
      } else if (cutShort(messageEnd, SPLIT_ERROR)) {
        out.push(done(log.length, { refused: { message, index: i, error: null } }));
      }
    }
    // The log stops in the middle of this token's line: the run was cut short.
    if (out.length === 0 && log.indexOf("\n", p) < 0) out.push(done(log.length, { incomplete: true }));
    return out;
  };

  // Depth-first search over the readings, iterative (argv can be long), remembering dead ends.
  const failed = new Set<string>();
  const path: RawToken[] = [];
  const stack: { key: string; moves: Move[]; k: number }[] = [];
  const enter = (i: number, pos: number) => stack.push({ key: `${i}:${pos}`, moves: moves(i, pos), k: 0 });
  let split: SplitEnd | null = null;
  enter(0, start + SPLITTING.length);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.k >= top.moves.length) {
      failed.add(top.key);
      stack.pop();
      if (stack.length > 0) path.pop();
      continue;
    }
    const move = top.moves[top.k++]!;
    if ("end" in move) {
      split = move.end;
      break;
    }
    if (failed.has(`${move.nextIndex}:${move.nextPos}`)) continue;
    path.push(move.token);
    enter(move.nextIndex, move.nextPos);
  }
  if (!split) {
    return { ...empty, parseError: `could not read the split log as a split of the ${n} arguments` };
  }
  const result: RawParse = {
    tokens: path,
    trailing: split.trailing,
    finishedSplitting: split.finished,
    refused: split.refused,
    incomplete: split.incomplete,
    parseError: null,
    groups: [],
    groupsOver: split.refused !== null,
  };
  if (split.finished) parseGroups(a, log, split.end, result);
  return result;
}

function indexOrEnd(s: string, needle: string, from: number): number {
  const i = s.indexOf(needle, from);
  return i < 0 ? s.length : i;
}

function findLineStart(s: string, needle: string, from: number): number {
  let i = s.indexOf(needle, from);
  while (i > 0 && s[i - 1] !== "\n") i = s.indexOf(needle, i + 1);
  return i;
}

/** The "Parsing a group of options" sections: global, then each input, then each output (inputs are opened in between). */
function parseGroups(a: string[], log: string, from: number, result: RawParse): void {
  const tokens = result.tokens;
  const applyLine = (t: RawToken) => shown(`Applying option ${a[t.index]!.slice(1)} (${t.help ?? ""}) with argument ${t.printed ?? ""}.\n`);
  type Expected = { kind: OracleGroup["kind"]; sepIndex: number | null; url: string; candidates: RawToken[] };
  const options = tokens.filter((t) => t.kind === "option");
  const expected: Expected[] = [{ kind: "global", sepIndex: null, url: "", candidates: options }];
  const inputs: Expected[] = [];
  const outputs: Expected[] = [];
  let pending: RawToken[] = [];
  for (const t of tokens) {
    if (t.kind === "option") pending.push(t);
    else if (t.kind === "input") {
      inputs.push({ kind: "input", sepIndex: t.index, url: a[t.argumentIndex!]!, candidates: pending });
      pending = [];
    } else if (t.kind === "output") {
      outputs.push({ kind: "output", sepIndex: t.index, url: a[t.index]!, candidates: pending });
      pending = [];
    }
  }
  expected.push(...inputs, ...outputs);

  let pos = from;
  for (const g of expected) {
    const header = shown(`${GROUP_HEADER}${g.kind === "global" ? "global" : `${g.kind} url`} ${g.url}.\n`);
    const at = findLineStart(log, header, pos);
    if (at < 0) return;
    const group: RawParse["groups"][number] = { kind: g.kind, sepIndex: g.sepIndex, applied: [], complete: false };
    result.groups.push(group);
    let q = at + header.length;
    let k = 0; // next candidate
    let lastLine: string | null = null;
    for (;;) {
      if (q >= log.length) return;
      if (log.startsWith(GROUP_DONE, q)) {
        group.complete = true;
        q += GROUP_DONE.length;
        break;
      }
      let matched = false;
      for (let c = k; c < g.candidates.length; c++) {
        const t = g.candidates[c]!;
        const line = applyLine(t);
        if (log.startsWith(line, q)) {
          group.applied.push({ tokenIndex: t.index, key: a[t.index]!.slice(1), printed: t.printed ?? "" });
          k = c + 1;
          q += line.length;
          lastLine = line;
          matched = true;
          break;
        }
      }
      if (matched) continue;
      const rep = REPEATED.exec(log.slice(q, q + 64));
      if (rep && lastLine !== null) {
        // av_log's AV_LOG_SKIP_REPEATED folded lines equal to the last one (in their first 1023
        // bytes): they are the next candidates with such a line.
        const same = lastLine.slice(0, REPEAT_CMP);
        for (let times = Number(rep[1]); times > 0; times--) {
          let c = k;
          while (c < g.candidates.length && applyLine(g.candidates[c]!).slice(0, REPEAT_CMP) !== same) c++;
          if (c === g.candidates.length) break;
          const t = g.candidates[c]!;
          group.applied.push({ tokenIndex: t.index, key: a[t.index]!.slice(1), printed: t.printed ?? "" });
          k = c + 1;
        }
        q += rep[0].length;
        continue;
      }
      if (log.startsWith(GROUP_HEADER, q)) return; // a new group without this one finishing
      // Something an option printed while being applied (or an error): skip the line.
      const eol = log.indexOf("\n", q);
      if (eol < 0) return;
      q = eol + 1;
      lastLine = null;
    }
    pos = q;
  }
  result.groupsOver = true;
}

// ---------------------------------------------------------------------------------------
// Running ffmpeg.

let sandboxCache: { command: string[]; label: string } | null = null;

/** Picks the strongest isolation available, once. */
function sandbox(): { command: string[]; label: string } {
  if (sandboxCache) return sandboxCache;
  const tries: string[][] = [];
  if (typeof process.getuid === "function" && process.getuid() === 0) tries.push(["unshare", "-n", "-S", "65534", "-G", "65534"]);
  tries.push(["unshare", "-n"], ["unshare", "-rn"]);
  for (const t of tries) {
    const r = spawnSync(t[0]!, [...t.slice(1), "true"], { stdio: "ignore", timeout: 5000 });
    if (r.status === 0) return (sandboxCache = { command: t, label: t.join(" ") });
  }
  process.stderr.write("\n*** WARNING (test/ffmpeg/oracle.ts): `unshare -n` is unavailable or failed; running ffmpeg WITHOUT network isolation. ***\n\n");
  return (sandboxCache = { command: [], label: "none" });
}

function stripProgram(argv: readonly string[]): string[] {
  const first = argv[0];
  if (first !== undefined && (first === "ffmpeg" || /\/ffmpeg$/.test(first))) return argv.slice(1);
  return [...argv];
}

interface RunOutcome {
  log: string;
  stderr: string;
  parse: RawParse;
  exitCode: number | null;
  timedOut: boolean;
  stoppedEarly: boolean;
}

async function runOnce(runArgv: string[], options: OracleOptions): Promise<RunOutcome> {
  const ffmpeg = options.ffmpeg ?? "ffmpeg";
  const timeoutMs = options.timeoutMs ?? 5000;
  const idleMs = options.idleMs ?? 1500;
  const afterSplitMs = options.afterSplitMs ?? 2500;
  const box = sandbox();
  const dir = await mkdtemp(join(tmpdir(), "ffpolicy-oracle-"));
  try {
    if (box.command.includes("-S")) await chown(dir, 65534, 65534);
    const [cmd, ...args] = box.command.length ? [...box.command, "--", ffmpeg, ...runArgv] : [ffmpeg, ...runArgv];
    return await new Promise<RunOutcome>((resolve, reject) => {
      const child = spawn(cmd!, args, {
        cwd: dir,
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: "C" },
        stdio: ["ignore", "ignore", "pipe"],
        detached: true, // own process group, killed as a whole
      });
      const chunks: Buffer[] = [];
      let log = "";
      let timedOut = false;
      let stoppedEarly = false;
      let finished = false;
      let idle: NodeJS.Timeout | undefined;
      let budget: NodeJS.Timeout | undefined;
      const stop = () => {
        stoppedEarly = true;
        kill();
      };
      const kill = () => {
        if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
      };
      const timer = setTimeout(() => {
        timedOut = true;
        kill();
      }, timeoutMs);
      child.on("error", (e) => {
        clearTimeout(timer);
        if (idle) clearTimeout(idle);
        if (budget) clearTimeout(budget);
        reject(e);
      });
      child.stderr!.on("data", (b: Buffer) => {
        chunks.push(b);
        log += b.toString("latin1");
        if (stoppedEarly || timedOut) return;
        if (!finished && log.includes(FINISHED)) {
          finished = true;
          budget = setTimeout(stop, afterSplitMs);
        }
        if (!finished) return;
        // Past the split: stop as soon as every group has been applied.
        if (parseOracleLog(runArgv, log).groupsOver) return stop();
        if (idle) clearTimeout(idle);
        idle = setTimeout(stop, idleMs);
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        if (idle) clearTimeout(idle);
        if (budget) clearTimeout(budget);
        const stderr = Buffer.concat(chunks);
        const latin = stderr.toString("latin1");
        resolve({
          log: latin,
          stderr: stderr.toString("utf8"),
          parse: parseOracleLog(runArgv, latin),
          exitCode: code,
          timedOut,
          stoppedEarly: stoppedEarly && !timedOut,
        });
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Runs ffmpeg on one command line and reports how it split it. `argv` may start with `ffmpeg` or a path to it. */
export async function runOracle(argvIn: readonly string[], options: OracleOptions = {}): Promise<OracleResult> {
  const argv = stripProgram(argvIn);
  if (argv.some((t) => t.includes("\0"))) throw new TypeError("an argument contains a NUL byte, which argv cannot carry");
  const started = Date.now();
  const offset = PREFIX.length;
  const rewritten = new Set<number>(); // indexes in argv whose value was replaced by "debug"
  const build = () => [...PREFIX, ...argv.map((t, i) => (rewritten.has(i) ? "debug" : t))];

  let run = await runOnce(build(), options);
  // The command's own -v/-loglevel would switch logging off while the global group is
  // applied: rewrite the ones the split recognised and run again.
  for (const t of run.parse.tokens) {
    const j = t.index - offset;
    if (j >= 0 && t.kind === "option" && (t.name === "loglevel" || t.name === "v") && t.argumentIndex !== undefined) {
      const v = t.argumentIndex - offset;
      if (argv[v] !== "debug") rewritten.add(v);
    }
  }
  if (rewritten.size > 0 && run.parse.finishedSplitting) run = await runOnce(build(), options);

  return toResult(argv, run, offset, sandbox().label, Date.now() - started);
}

function toResult(argv: string[], run: RunOutcome, offset: number, label: string, durationMs: number): OracleResult {
  const p = run.parse;
  const tokens: OracleToken[] = [];
  for (const t of p.tokens) {
    const index = t.index - offset;
    if (index < 0) continue; // the prepended -loglevel debug
    const tok: OracleToken = { index, token: argv[index]!, kind: t.kind };
    if (t.name !== undefined) tok.name = t.kind === "avoption" ? argv[index]!.slice(1) : t.name;
    if (t.help !== undefined) tok.help = fromBytes(t.help);
    if (t.argumentIndex !== undefined) {
      tok.argumentIndex = t.argumentIndex - offset;
      tok.argument = argv[tok.argumentIndex]!;
    } else if (t.printed === "1" || t.printed === "0") {
      tok.argument = t.printed;
    }
    tokens.push(tok);
  }
  const groups: OracleGroup[] = p.groups.map((g) => ({
    kind: g.kind,
    url: g.sepIndex === null ? null : urlOf(argv, p.tokens, g.sepIndex, offset),
    applied: g.applied
      .filter((x) => x.tokenIndex >= offset)
      .map((x) => {
        const t = p.tokens.find((u) => u.index === x.tokenIndex)!;
        const index = x.tokenIndex - offset;
        const value = t.argumentIndex !== undefined ? argv[t.argumentIndex - offset]! : fromBytes(x.printed);
        return { key: argv[index]!.slice(1), value, index };
      }),
    complete: g.complete,
  }));
  return {
    argv,
    tokens,
    groups,
    trailing: p.trailing,
    refused: p.refused ? { ...p.refused, index: p.refused.index - offset } : null,
    finishedSplitting: p.finishedSplitting,
    exitCode: run.exitCode,
    timedOut: run.timedOut,
    stoppedEarly: run.stoppedEarly,
    incomplete: p.incomplete,
    parseError: p.parseError,
    sandbox: label,
    durationMs,
    stderr: run.stderr,
  };
}

function urlOf(argv: string[], tokens: RawToken[], sepIndex: number, offset: number): string {
  const t = tokens.find((u) => u.index === sepIndex)!;
  return t.kind === "input" ? argv[t.argumentIndex! - offset]! : argv[sepIndex - offset]!;
}

/** Runs many command lines, `concurrency` at a time; results are in the order of `commands`. */
export async function runOracleBatch(commands: readonly (readonly string[])[], options: OracleBatchOptions = {}): Promise<OracleResult[]> {
  const concurrency = Math.max(1, options.concurrency ?? availableParallelism() * 3);
  const results: OracleResult[] = new Array(commands.length);
  let next = 0;
  const worker = async () => {
    while (next < commands.length) {
      const i = next++;
      results[i] = await runOracle(commands[i]!, options);
      options.onResult?.(results[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, commands.length) }, worker));
  return results;
}

export interface CorpusEntry {
  file: string;
  /** 1-based line number. */
  line: number;
  text: string;
  /** The words of the line, program name included (`ffmpeg`, …). */
  argv: string[];
  /** The last `#` comment above the line (`source: ffmpeg-filters.1`, or what an edge case tests). */
  comment: string | null;
}

/** Reads a corpus file: one command per line in POSIX shell syntax, `#` comments, blank lines ignored. */
export function readCorpus(file: string): CorpusEntry[] {
  const entries: CorpusEntry[] = [];
  let comment: string | null = null;
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((text, i) => {
      const trimmed = text.trim();
      if (trimmed === "") return;
      if (trimmed.startsWith("#")) {
        comment = trimmed.replace(/^#\s*/, "");
        return;
      }
      const r = splitShellWords(text);
      if (!r.ok) throw new Error(`${file}:${i + 1}: ${r.message}`);
      entries.push({ file, line: i + 1, text, argv: [...r.words], comment });
    });
  return entries;
}
