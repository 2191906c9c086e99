// What an access really touches, judged as ffmpeg will open it: relative paths joined to
// the working directory, `.` and `..` resolved, and the longest existing prefix resolved
// through symlinks, so a link inside a granted directory cannot point a write elsewhere.
// The file system is injected: the engine itself does no I/O.

import { posix } from "node:path";
import type { NetworkUrl, Url } from "../ffmpeg/url.js";

export interface FileSystem {
  /** The canonical path of an existing file or directory (symlinks resolved), or null if it does not exist. */
  realpath(path: string): string | null;
}

/** A file system in which nothing exists: paths are judged as written, after normalisation. */
export const NO_FILES: FileSystem = { realpath: () => null };

export type Target =
  | { readonly kind: "path"; readonly path: string }
  | { readonly kind: "url"; readonly url: NetworkUrl }
  | { readonly kind: "stdout" }
  | { readonly kind: "stdin" }
  | { readonly kind: "unjudgeable"; readonly reason: string };

export function resolveTarget(url: Url, cwd: string | null, fs: FileSystem): Target {
  switch (url.kind) {
    case "network":
      return { kind: "url", url };
    case "pipe":
      return url.fd === 0 ? { kind: "stdin" } : url.fd === null || url.fd === 1 ? { kind: "stdout" } : { kind: "unjudgeable", reason: `'${url.raw}' writes to file descriptor ${url.fd}` };
    case "file":
      return resolvePath(url.path, cwd, fs);
    case "data":
      return { kind: "unjudgeable", reason: "inline data opens nothing" };
    case "wrapper":
    case "unknown":
      return { kind: "unjudgeable", reason: `'${url.raw}' cannot be judged as one target` };
  }
}

export function resolvePath(path: string, cwd: string | null, fs: FileSystem): Target {
  if (path === "") return { kind: "unjudgeable", reason: "an empty file name" };
  if (!path.startsWith("/") && cwd === null) return { kind: "unjudgeable", reason: `'${path}' is relative and no working directory is known (give one with --cwd)` };
  const absolute = posix.normalize(path.startsWith("/") ? path : posix.join(cwd!, path));
  return { kind: "path", path: realPrefix(absolute, fs) };
}

/** Resolve the longest existing prefix through symlinks, keeping the part that does not exist yet. */
function realPrefix(path: string, fs: FileSystem): string {
  let existing = path;
  const rest: string[] = [];
  while (existing !== "/") {
    const real = fs.realpath(existing);
    if (real !== null) return rest.length === 0 ? real : posix.join(real, ...rest.reverse());
    rest.push(posix.basename(existing));
    existing = posix.dirname(existing);
  }
  return path;
}
