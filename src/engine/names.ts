// Names ffmpeg makes at run time from the name it is given: numbered and strftime segment
// and image names (`s%03d.mp4`, `%Y/seg-%s.ts`), vf_signature's files, hls `%v` variants, dash `$Number$`
// templates, image2 input sequences and globs, and the `NAME.tmp` files hls, dash and
// image2 write before renaming. The name as written is judged like any path; each existing
// entry that one of those run-time names can be — and that is, or leads through, a symbolic
// link — is judged too, by the same rule, as a further target of the same access. So a link
// `out/s000.mp4 -> /secret/x` inside a granted directory cannot let `-f segment out/s%03d.mp4`
// write where `out/s000.mp4` itself may not.
//
// Which syntax applies comes from the job (each destination's muxer and role, each input's
// format); the options that choose between syntaxes (-strftime, -pattern_type sequence,
// -atomic_writing, -hls_flags temp_file…) are not in the job, so a name is read with every
// syntax its muxer or demuxer may apply. That only ever adds targets.

import type { Access, Job } from "../ffmpeg/job/model.js";
import { leaves, networkUrl, type NetworkUrl, type Url } from "../ffmpeg/url.js";
import { MAX_LINKS, resolveTarget, type FileSystem, type Target } from "./targets.js";

/** How ffmpeg may turn a name it is given into the names it opens. */
export interface Naming {
  /** `%` conversions: `%d`/`%03d` numbers, `%%`, hls `%v`, strftime (av_get_frame_filename2, replace_int_data_in_filename, strftime). */
  readonly percent: boolean;
  /** The conversions may be strftime's (-strftime 1), where `%D` and `%x` write a '/'. */
  readonly strftime: boolean;
  /** dash templates: `$Number%05d$`, `$RepresentationID$`, `$Bandwidth$`, `$Time$`, `$$` (ff_dash_fill_tmpl_params). */
  readonly dollar: boolean;
  /**
   * An image2 input's glob: `plain` for -pattern_type glob (`*`, `?`, `[…]`), `percent` for
   * the default glob_sequence, where `%*`, `%?`, `%[…%]`, `%{…%}` are the glob (img2dec.c is_glob).
   */
  readonly glob: "plain" | "percent" | null;
  /** An image2 input sequence: when av_get_frame_filename fails, the name up to the failing `%` is read (img2dec.c). */
  readonly cut: boolean;
  /** The muxer may write `NAME.tmp` and rename it (hls temp_file or live playlists, dash on files, image2 -atomic_writing). */
  readonly temporary: boolean;
}

/** How the resolver names the access of vf_signature's `filename` (graphs.ts). */
const SIGNATURE_FILES = "filter signature (filename)";

const NONE: Naming = { percent: false, strftime: false, dollar: false, glob: null, cut: false, temporary: false };

/** What each muxer does with the names of the files it writes (by destination role where it matters). */
function muxerNaming(format: string | null, role: string): Naming | null {
  switch (format) {
    case "image2":
      // -update 1 writes the name as given (the resolver gives that destination the role "output").
      return { ...NONE, percent: role !== "output", strftime: role !== "output", temporary: true };
    case "segment":
    case "ssegment":
    case "stream_segment":
      return { ...NONE, percent: true, strftime: true };
    case "webm_chunk":
      return { ...NONE, percent: true };
    case "smoothstreaming":
    case "hds":
      // Their names stand for any name in the output directory; each is written as NAME.tmp (or temp) and renamed.
      return { ...NONE, percent: true, temporary: true };
    case "hls":
      return { ...NONE, percent: true, strftime: true, temporary: true };
    case "dash":
      return { ...NONE, dollar: true, temporary: true };
    default:
      return null;
  }
}

function merge(a: Naming | undefined, b: Naming): Naming {
  if (a === undefined) return b;
  return {
    percent: a.percent || b.percent,
    strftime: a.strftime || b.strftime,
    dollar: a.dollar || b.dollar,
    glob: a.glob ?? b.glob,
    cut: a.cut || b.cut,
    temporary: a.temporary || b.temporary,
  };
}

/**
 * A network url ffmpeg expands: what it expands must stay in the path, where the url is
 * matched segment by segment; an image2 input also opens the url cut at its first `%`
 * that cannot be expanded, which is judged as a url of its own.
 */
function namedUrl(url: NetworkUrl, primary: Target, naming: Naming): Target[] {
  const authority = /^[^:]*:\/\/[^/?#]*/.exec(url.raw)?.[0] ?? url.raw;
  const expands = (naming.percent || naming.cut || naming.glob === "percent" ? "%" : "") + (naming.dollar ? "$" : "") + (naming.glob === "plain" ? "*?[{" : "");
  if ([...authority].some((c) => expands.includes(c))) return [{ kind: "unjudgeable", reason: `'${url.raw}': ffmpeg expands the name, and its host with it` }];
  for (const text of url.path.split("/")) {
    const compiled = compileComponent(text, naming, url.raw);
    if (!compiled.ok) return [{ kind: "unjudgeable", reason: compiled.reason }];
  }
  const at = naming.cut ? firstFailingPercent(url.raw) : null;
  if (at === null) return [primary];
  const cut = url.raw.slice(0, at);
  return [primary, { kind: "url", url: networkUrl(cut, url.protocol) }];
}

/** img2dec.c is_glob: a '%' (not '%%') followed by one of `*?[]{}`. */
export function isPercentGlob(path: string): boolean {
  for (let i = path.indexOf("%"); i >= 0; i = path.indexOf("%", i)) {
    i++;
    if (path[i] === "%") {
      i++;
      continue;
    }
    if ("*?[]{}".includes(path[i] ?? "x")) return true;
  }
  return false;
}

/** The accesses whose names ffmpeg expands or derives from at run time, and how. */
export function namingsOf(job: Job): Map<Access, Naming> {
  const namings = new Map<Access, Naming>();
  const mark = (matches: (a: Access) => boolean, naming: Naming) => {
    for (const access of job.accesses) if (matches(access)) namings.set(access, merge(namings.get(access), naming));
  };
  for (const output of job.outputs) {
    for (const destination of output.destinations) {
      const naming = muxerNaming(destination.format, destination.role);
      if (naming === null) continue;
      const raws = new Set(leaves(destination.url).map((leaf) => leaf.raw));
      mark((a) => a.kind === "write" && a.output === output.index && a.url !== null && raws.has(a.url.raw), naming);
    }
  }
  // vf_signature writes a file per input: with several, its `filename` is a %d pattern (av_get_frame_filename).
  mark((a) => a.kind === "write" && a.via === SIGNATURE_FILES, { ...NONE, percent: true });
  for (const input of job.inputs) {
    // Only the image2 demuxer expands names; with no -f, ffmpeg picks it for a name with a pattern in it.
    if (input.format !== "image2" && !(input.format === null && input.url.kind === "file" && /[%*?[]/.test(input.url.path))) continue;
    const naming: Naming =
      input.pattern === "glob"
        ? { ...NONE, glob: "plain" }
        : { ...NONE, percent: true, glob: input.url.kind === "file" && isPercentGlob(input.url.path) ? "percent" : null, cut: input.format === "image2" };
    mark((a) => a.kind === "read" && a.input === input.index && a.url !== null && a.url.raw === input.url.raw, naming);
  }
  return namings;
}

// ── the names a pattern can be ─────────────────────────────────────────────────────

/** One component of a name ffmpeg expands: the entries of its directory it can be. */
interface ComponentPattern {
  readonly regex: RegExp;
  /** A glob component starting with '.', which glob lets match `.` and `..`. */
  readonly dots: boolean;
}

type Compiled = { readonly ok: true; readonly pattern: ComponentPattern | null } | { readonly ok: false; readonly reason: string };

const escape = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");

/** A `%` conversion: flags, width, an E/O modifier, then one character (absent at the end of the name). */
const PERCENT = /^%([-_0^#]*)(\d*)([EO]?)([\s\S]?)/;

/**
 * A component as a regular expression over the names it can expand to. Every conversion
 * stands for any text without '/' (a superset: numbers, dates, variant names, one
 * character of a class). Null when nothing in it is expanded.
 */
function compileComponent(text: string, naming: Naming, raw: string): Compiled {
  let regex = "";
  let expanded = false;
  let globbed = false;
  const any = () => {
    regex += "[^/]*";
    expanded = true;
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (naming.glob === "plain") {
      if (c === "\\" && i + 1 < text.length) {
        regex += escape(text[i + 1]!);
        i += 2;
        continue;
      }
      if (c === "{" || c === "}") return { ok: false, reason: `'${raw}': brace expansion in a glob can reach files outside it` };
      if (c === "*" || c === "?" || c === "[") {
        // A class: `[!…]` and `[^…]` negate, and a ']' right after the opening is one of its characters.
        const close = c === "[" ? text.indexOf("]", i + (text[i + 1] === "!" || text[i + 1] === "^" ? 3 : 2)) : -1;
        any();
        globbed = true;
        i = close > 0 ? close + 1 : i + 1;
        continue;
      }
    }
    if (c === "%" && (naming.percent || naming.glob === "percent")) {
      const next = text[i + 1] ?? "";
      if (naming.glob === "percent" && "*?[]{}".includes(next) && next !== "") {
        if (next === "{" || next === "}") return { ok: false, reason: `'${raw}': brace expansion in an image2 glob (%{…%}) can reach files outside it` };
        // `%[…%]` is one character of a class; the rest one glob character each.
        const close = next === "[" ? text.indexOf("%]", i + 2) : -1;
        any();
        globbed = true;
        i = close > 0 ? close + 2 : i + 2;
        continue;
      }
      if (naming.percent) {
        const token = PERCENT.exec(text.slice(i))!;
        if (naming.strftime && (token[4] === "D" || token[4] === "x"))
          return { ok: false, reason: `'${raw}': with -strftime 1, '${token[0]}' writes a '/' into the name, making directories that cannot be judged` };
        any();
        i += token[0].length;
        continue;
      }
    }
    if (c === "$" && naming.dollar) {
      const close = text.indexOf("$", i + 1);
      any();
      i = close > 0 ? close + 1 : i + 1;
      continue;
    }
    regex += escape(c);
    i++;
  }
  if (!expanded) return { ok: true, pattern: null };
  return { ok: true, pattern: { regex: new RegExp(`^${regex}$`), dots: globbed && text.startsWith(".") } };
}

/** Bytes of UTF-8. */
function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    n += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return n;
}

/**
 * ffmpeg builds these names in 1024-byte buffers (img2enc, img2dec, segment, webm_chunk,
 * dash) and cuts a longer one short — into a name that was never judged. An upper bound of
 * the expanded length: each conversion counts its width, and at least 32 bytes.
 */
function mayBeCut(raw: string, naming: Naming): boolean {
  let bound = utf8Length(raw);
  if (naming.percent) for (const m of raw.matchAll(/%[-_0^#]*(\d*)[EO]?/g)) bound += Math.max(Number(m[1] || 0), 32);
  if (naming.dollar) for (const m of raw.matchAll(/\$[^$]*?(\d*)[a-z]?\$/gi)) bound += Math.max(Number(m[1] || 0), 32);
  return bound > 1023;
}

/**
 * av_get_frame_filename2: the first '%' it cannot expand (neither `%%` nor `%Nd`), where an
 * image2 input sequence's name is cut. Null when there is none.
 */
function firstFailingPercent(path: string): number | null {
  for (let i = path.indexOf("%"); i >= 0; i = path.indexOf("%", i)) {
    let j = i + 1;
    while (/[0-9]/.test(path[j] ?? "")) j++;
    if (path[j] !== "%" && path[j] !== "d") return i;
    i = j + 1;
  }
  return null;
}

/** Work allowed for one access before it is denied as too costly to judge (entries looked at). */
const BUDGET = 200_000;

interface Part {
  readonly text: string;
  readonly pattern: ComponentPattern | null;
  /** A component of the name ffmpeg is given (not of a link's target, nor an entry found for a pattern). */
  readonly own: boolean;
}

interface Branch {
  readonly resolved: string;
  /** Components still to resolve, the next one last. */
  readonly pending: readonly Part[];
  readonly links: number;
  /** The existing name that makes this branch worth judging: the first link it follows, or a `..` a glob matches. Null: nothing yet. */
  readonly as: string | null;
}

type Explored = { readonly ok: true; readonly found: readonly { path: string; as: string | null }[] } | { readonly ok: false; readonly reason: string };

/**
 * Walk a name as the kernel does (targets.ts `walk`), and also every existing entry an
 * expanded component can be: `primary` is the name as written; each other branch is
 * reported only once it follows a link (or climbs through a `..` a glob matched), since a
 * plain entry is where the name as written already points.
 */
function explore(start: readonly Part[], fs: FileSystem, temporary: boolean): Explored {
  const listings = new Map<string, readonly string[] | null>();
  const listing = (dir: string) => {
    if (!listings.has(dir)) listings.set(dir, fs.list(dir === "" ? "/" : dir));
    return listings.get(dir)!;
  };
  let budget = BUDGET;
  const found: { path: string; as: string | null }[] = [];
  const work: { branch: Branch; primary: boolean }[] = [{ branch: { resolved: "", pending: [...start].reverse(), links: 0, as: null }, primary: true }];
  while (work.length > 0) {
    const { branch, primary } = work.pop()!;
    let { resolved, links, as } = branch;
    const pending = [...branch.pending];
    while (pending.length > 0) {
      const part = pending.pop()!;
      if (part.text === "" || part.text === ".") continue;
      if (part.text === "..") {
        resolved = resolved.slice(0, Math.max(0, resolved.lastIndexOf("/")));
        continue;
      }
      const last = pending.every((p) => p.text === "" || p.text === ".");
      const spawn = (text: string, name: string | null) => {
        if (--budget < 0) return;
        work.push({ branch: { resolved, pending: [...pending, { text, pattern: null, own: false }], links, as: name }, primary: false });
      };
      if (part.pattern !== null) {
        const { regex, dots } = part.pattern;
        for (const entry of listing(resolved) ?? []) {
          if (--budget < 0) break;
          if (entry === part.text) continue;
          const matches = regex.test(entry) || (temporary && last && part.own && entry.endsWith(".tmp") && regex.test(entry.slice(0, -4)));
          if (!matches) continue;
          // The disk gives a name that is not UTF-8 with U+FFFD in it: it cannot be looked up, so it cannot be shown harmless.
          if (entry.includes("\uFFFD"))
            return { ok: false, reason: `'${resolved}/${entry}' matches the name's pattern but is not UTF-8, so it cannot be judged` };
          // A plain file in the last place is where the name as written already points; only a link leads elsewhere.
          if (last && fs.readlink(`${resolved}/${entry}`) === null) continue;
          spawn(entry, null);
        }
        if (dots) for (const dot of [".", ".."]) if (regex.test(dot)) spawn(dot, `${resolved}/${dot}`);
      }
      // NAME.tmp sits beside the name as written (a link's target has none).
      if (temporary && last && part.own) spawn(`${part.text}.tmp`, null);
      const candidate = `${resolved}/${part.text}`;
      const link = fs.readlink(candidate);
      if (link === null) {
        resolved = candidate;
        continue;
      }
      if (++links > MAX_LINKS) return { ok: false, reason: `'${candidate}' goes through too many symbolic links` };
      as ??= candidate;
      for (const component of link.split("/").reverse()) pending.push({ text: component, pattern: null, own: false });
      if (link.startsWith("/")) resolved = "";
    }
    if (budget < 0) return { ok: false, reason: "so many existing files match the name's pattern that they cannot all be judged" };
    if (primary || as !== null) found.push({ path: resolved === "" ? "/" : resolved, as: primary ? null : as });
  }
  return { ok: true, found };
}

/**
 * What an access whose name ffmpeg expands touches: the name as written (first, judged as
 * `resolveTarget` judges it), then every other place an existing entry it can expand to
 * leads, each with the entry that leads there (`as`).
 */
export function resolveNamed(url: Url, naming: Naming, cwd: string | null, fs: FileSystem): Target[] {
  const primary = resolveTarget(url, cwd, fs);
  if (url.kind === "pipe" && naming.percent && url.raw.includes("%"))
    return [{ kind: "unjudgeable", reason: `'${url.raw}': ffmpeg expands the name, descriptor number included (pipe:%d writes to 2, 3, 4…)` }];
  if (url.kind === "network" && primary.kind === "url") return namedUrl(url, primary, naming);
  if (url.kind !== "file" || primary.kind !== "path") return [primary];
  if (mayBeCut(url.raw, naming))
    return [
      { kind: "unjudgeable", reason: `'${url.raw}' is too long: ffmpeg cuts names of more than 1023 bytes it expands, into a name that cannot be judged` },
    ];
  const names: { path: string; always: boolean }[] = [{ path: url.path, always: false }];
  if (naming.cut) {
    const at = firstFailingPercent(url.path);
    const cut = at === null ? "" : url.path.slice(0, at);
    if (cut !== "" && !cut.endsWith("/")) names.push({ path: cut, always: true });
  }
  const targets: Target[] = [primary];
  const seen = new Set([primary.path]);
  for (const name of names) {
    // The working directory is resolved as it is; only the name ffmpeg is given is expanded.
    const base: Part[] = name.path.startsWith("/") ? [] : cwd!.split("/").map((text) => ({ text, pattern: null, own: false }));
    const parts: Part[] = [...base];
    for (const text of name.path.split("/")) {
      const compiled = compileComponent(text, naming, url.raw);
      if (!compiled.ok) return [{ kind: "unjudgeable", reason: compiled.reason }];
      parts.push({ text, pattern: compiled.pattern, own: true });
    }
    const explored = explore(parts, fs, naming.temporary);
    if (!explored.ok) return [{ kind: "unjudgeable", reason: explored.reason }];
    for (const { path, as } of explored.found) {
      const shown = as ?? (name.always ? name.path : null);
      if (shown === null || seen.has(path)) continue;
      seen.add(path);
      targets.push({ kind: "path", path, as: shown });
    }
  }
  return targets;
}
