// A real directory tree with real symlinks, judged through the real file system
// (`diskFileSystem`): a policy grants ROOT/granted/in (read) and ROOT/granted/out (write);
// ROOT/secret and ROOT/outside are not granted. Links inside the granted directories point
// outside them, and commands try to reach the outside through them.
//
//   ROOT/secret/a.mov                       (not granted)
//   ROOT/top.mov                            (not granted: what secretdir/../top.mov really is)
//   ROOT/outside/                           (not granted)
//   ROOT/outside/backdoor -> ROOT/granted/out        (a way IN: fine)
//   ROOT/granted/in/real.mov                (granted)
//   ROOT/granted/in/alias.mov -> real.mov   (a link that stays inside: fine)
//   ROOT/granted/in/link.mov -> ROOT/secret/a.mov
//   ROOT/granted/in/secretdir -> ../../secret
//   ROOT/granted/in/top.mov                 (granted, same name as ROOT/top.mov)
//   ROOT/granted/out/escape -> ROOT/outside
//   ROOT/granted/out/dangling.mp4 -> ROOT/outside/new.mp4   (target does not exist yet)

import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sandboxPolicy, type Attack, type Legitimate } from "./cases.js";

export const ROOT = realpathSync(mkdtempSync(join(tmpdir(), "ffpolicy-security-")));

for (const dir of ["secret", "outside", "granted/in", "granted/out"]) mkdirSync(join(ROOT, dir), { recursive: true });
for (const file of ["secret/a.mov", "top.mov", "granted/in/real.mov", "granted/in/top.mov"]) writeFileSync(join(ROOT, file), "not really a movie\n");
symlinkSync(join(ROOT, "granted/out"), join(ROOT, "outside/backdoor"));
symlinkSync("real.mov", join(ROOT, "granted/in/alias.mov"));
symlinkSync(join(ROOT, "secret/a.mov"), join(ROOT, "granted/in/link.mov"));
symlinkSync("../../secret", join(ROOT, "granted/in/secretdir"));
symlinkSync(join(ROOT, "outside"), join(ROOT, "granted/out/escape"));
symlinkSync(join(ROOT, "outside/new.mp4"), join(ROOT, "granted/out/dangling.mp4"));

export function removeSandbox(): void {
  rmSync(ROOT, { recursive: true, force: true });
}

export const SANDBOX_POLICY = sandboxPolicy(ROOT);

const IN = `${ROOT}/granted/in`;
const OUT = `${ROOT}/granted/out`;

export const SANDBOX_ATTACKS: readonly Attack[] = [
  {
    name: "symlink: a file link inside the read grant points at a secret",
    command: `ffmpeg -i ${IN}/link.mov -c copy ${OUT}/a.mkv`,
    disk: true,
    expect: "deny",
    because: `read ${ROOT}/secret/a.mov (-i) — role editor reads nothing there`,
  },
  {
    name: "symlink: a directory link inside the read grant points at the secret directory",
    command: `ffmpeg -i ${IN}/secretdir/a.mov -c copy ${OUT}/a.mkv`,
    disk: true,
    expect: "deny",
    because: `read ${ROOT}/secret/a.mov (-i) — role editor reads nothing there`,
  },
  {
    name: "symlink: a relative name through a link, from a granted working directory",
    command: "ffmpeg -i link.mov -c copy ../out/a.mkv",
    cwd: IN,
    disk: true,
    expect: "deny",
    because: `read ${ROOT}/secret/a.mov (-i) — role editor reads nothing there`,
  },
  {
    name: "symlink: the working directory itself is a link out of the grant",
    command: `ffmpeg -i a.mov -c copy ${OUT}/a.mkv`,
    cwd: `${IN}/secretdir`,
    disk: true,
    expect: "deny",
    because: `read ${ROOT}/secret/a.mov (-i) — role editor reads nothing there`,
  },
  {
    name: "symlink: writing into a directory link that leaves the write grant",
    command: `ffmpeg -i ${IN}/real.mov -c copy ${OUT}/escape/a.mkv`,
    disk: true,
    expect: "deny",
    because: `write ${ROOT}/outside/a.mkv (output url) — role editor writes nothing there`,
  },
  {
    name: "symlink: a dangling link inside the write grant (ffmpeg creates its target outside)",
    command: `ffmpeg -i ${IN}/real.mov -c copy -f matroska ${OUT}/dangling.mp4`,
    disk: true,
    expect: "deny",
    because: `write ${ROOT}/outside/new.mp4`,
  },
  {
    name: "symlink: '..' after a directory link climbs from the link's target, not from the grant",
    command: `ffmpeg -i ${IN}/secretdir/../top.mov -c copy ${OUT}/a.mkv`,
    disk: true,
    expect: "deny",
    because: `read ${ROOT}/top.mov`,
  },
  {
    name: "symlink: '..' after a written directory link lands outside the write grant",
    command: `ffmpeg -i ${IN}/real.mov -c copy ${OUT}/escape/../a.mkv`,
    disk: true,
    expect: "deny",
    because: `write ${ROOT}/a.mkv`,
  },
  {
    name: "symlink: a link-free path outside the grant, for comparison",
    command: `ffmpeg -i ${ROOT}/secret/a.mov -c copy ${OUT}/a.mkv`,
    disk: true,
    expect: "deny",
    because: "role editor reads nothing there",
  },
];

export const SANDBOX_LEGITIMATE: readonly Legitimate[] = [
  { name: "symlink sandbox: a plain file inside the grant", command: `ffmpeg -i ${IN}/real.mov -c copy ${OUT}/a.mkv`, disk: true, expect: "allow-pending" },
  {
    name: "symlink sandbox: a link that stays inside the grant",
    command: `ffmpeg -i ${IN}/alias.mov -c copy ${OUT}/a.mkv`,
    disk: true,
    expect: "allow-pending",
  },
  {
    name: "symlink sandbox: a link from outside that leads into the write grant",
    command: `ffmpeg -i ${IN}/real.mov -c copy ${ROOT}/outside/backdoor/b.mkv`,
    disk: true,
    expect: "allow-pending",
  },
  {
    name: "symlink sandbox: relative names from a granted working directory",
    command: "ffmpeg -i real.mov -c copy ../out/c.mkv",
    cwd: IN,
    disk: true,
    expect: "allow-pending",
  },
  {
    name: "symlink sandbox: a new file in a new subdirectory of the write grant",
    command: `ffmpeg -i ${IN}/top.mov -c copy ${OUT}/2024/05/d.mkv`,
    disk: true,
    expect: "allow-pending",
  },
  {
    name: "symlink sandbox: '..' that stays inside the grant",
    command: `ffmpeg -i ${IN}/../in/real.mov -c copy ${OUT}/e.mkv`,
    disk: true,
    expect: "allow-pending",
  },
];
