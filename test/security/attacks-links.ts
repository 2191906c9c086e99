// Symbolic links behind names ffmpeg expands at run time (src/engine/names.ts), in the
// symlink sandbox (sandbox.ts: read ROOT/granted/in/**, write ROOT/granted/out/**). The
// name as written stays inside the grant; the first name ffmpeg makes from it — a segment,
// an image, an hls or dash file, a `.tmp` file, a sequence member, a glob match, a name cut
// short — is a link out. test/engine/pattern-links.test.ts shows the real ffmpeg following
// each kind of link. Everything lives under ROOT/granted/{in,out}/patterns, apart from the
// sandbox's own cases.
//
//   out/patterns/seg/s000.mkv           -> ROOT/secret/a.mov
//   out/patterns/img/i001.png           -> ROOT/outside/i.png
//   out/patterns/hls/h0.ts              -> ROOT/outside/h0.ts
//   out/patterns/hlstmp/a.m3u8.tmp      -> ROOT/outside/a.m3u8
//   out/patterns/dash/init-stream0.m4s  -> ROOT/outside/init.m4s
//   out/patterns/dated/2099             -> ROOT/outside           (a directory a date can name)
//   out/patterns/var/0                  -> ROOT/outside           (an hls %v directory)
//   out/patterns/inside/s000.mkv        -> out/patterns/clean/x.mkv   (stays inside: fine)
//   in/patterns/seq/img001.png, img002.png -> ROOT/secret/a.mov
//   in/patterns/glob/a.png, b.png       -> ROOT/secret/a.mov
//   in/patterns/cut/x                   -> ROOT/secret/a.mov
//   in/patterns/plain/img001.png, img002.png       (plain files)
//   in/patterns/alias/img001.png, img002.png -> in/real.mov    (stays inside: fine)

import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { InputFacts } from "../../src/ffmpeg/job/model.js";
import { HD, type Attack, type Legitimate } from "./cases.js";
import { ROOT } from "./sandbox.js";

const IN = `${ROOT}/granted/in/patterns`;
const OUT = `${ROOT}/granted/out/patterns`;

for (const dir of ["seg", "img", "hls", "hlstmp", "dash", "dated", "var", "inside", "clean"]) mkdirSync(join(OUT, dir), { recursive: true });
for (const dir of ["seq", "glob", "cut", "plain", "alias"]) mkdirSync(join(IN, dir), { recursive: true });
for (const file of ["seq/img001.png", "glob/a.png", "cut/x.png", "plain/img001.png", "plain/img002.png", "alias/img001.png"])
  writeFileSync(join(IN, file), "not really an image\n");
symlinkSync(`${ROOT}/secret/a.mov`, `${OUT}/seg/s000.mkv`);
symlinkSync(`${ROOT}/outside/i.png`, `${OUT}/img/i001.png`);
symlinkSync(`${ROOT}/outside/h0.ts`, `${OUT}/hls/h0.ts`);
symlinkSync(`${ROOT}/outside/a.m3u8`, `${OUT}/hlstmp/a.m3u8.tmp`);
symlinkSync(`${ROOT}/outside/init.m4s`, `${OUT}/dash/init-stream0.m4s`);
symlinkSync(`${ROOT}/outside`, `${OUT}/dated/2099`);
symlinkSync(`${ROOT}/outside`, `${OUT}/var/0`);
symlinkSync(`${OUT}/clean/x.mkv`, `${OUT}/inside/s000.mkv`);
symlinkSync(`${ROOT}/secret/a.mov`, `${IN}/seq/img002.png`);
symlinkSync(`${ROOT}/secret/a.mov`, `${IN}/glob/b.png`);
symlinkSync(`${ROOT}/secret/a.mov`, `${IN}/cut/x`);
symlinkSync(`${ROOT}/granted/in/real.mov`, `${IN}/alias/img002.png`);

const SOURCE = `-i ${ROOT}/granted/in/real.mov`;
/** Facts for the inputs of a legitimate case, so its allow is strict (without them, ffmpeg's own choice of demuxer is left to the run). */
const facts = (...urls: string[]): Readonly<Record<string, InputFacts>> => Object.fromEntries(urls.map((url) => [url, HD]));
const SOURCE_FACTS = facts(`${ROOT}/granted/in/real.mov`);
const TARGET = `${ROOT}/granted/out/a.mkv`;

export const LINK_ATTACKS: readonly Attack[] = [
  {
    name: "pattern link: the first segment of -f segment is a link to a secret",
    command: `ffmpeg ${SOURCE} -c copy -f segment ${OUT}/seg/s%03d.mkv`,
    disk: true,
    expect: "deny",
    because: `write ${ROOT}/secret/a.mov (-f segment, as ${OUT}/seg/s000.mkv)`,
  },
  {
    name: "pattern link: a segment pattern inside a tee branch",
    command: `ffmpeg ${SOURCE} -map 0 -c copy -f tee '[f=segment]${OUT}/seg/s%03d.mkv'`,
    disk: true,
    expect: "deny",
    because: `write ${ROOT}/secret/a.mov`,
  },
  {
    name: "pattern link: the first image of an image2 sequence is a link out",
    command: `ffmpeg ${SOURCE} -frames:v 1 ${OUT}/img/i%03d.png`,
    disk: true,
    expect: "deny",
    because: `write ${ROOT}/outside/i.png (-f image2, as ${OUT}/img/i001.png)`,
  },
  {
    name: "pattern link: hls's default segment name NAME%d.ts is a link out",
    command: `ffmpeg ${SOURCE} -c copy -f hls ${OUT}/hls/h.m3u8`,
    disk: true,
    expect: "deny",
    because: `write ${ROOT}/outside/h0.ts (-f hls (segments), as ${OUT}/hls/h0.ts)`,
  },
  {
    name: "pattern link: the .tmp file hls writes its playlist to is a link out",
    command: `ffmpeg ${SOURCE} -c copy -f hls ${OUT}/hlstmp/a.m3u8`,
    disk: true,
    expect: "deny",
    because: `write ${ROOT}/outside/a.m3u8 (-f hls, as ${OUT}/hlstmp/a.m3u8.tmp)`,
  },
  {
    name: "pattern link: a dash init segment ($RepresentationID$) is a link out",
    command: `ffmpeg ${SOURCE} -c copy -f dash ${OUT}/dash/a.mpd`,
    disk: true,
    expect: "deny",
    because: `write ${ROOT}/outside/init.m4s (-f dash (init segments), as ${OUT}/dash/init-stream0.m4s)`,
  },
  {
    name: "pattern link: a directory a -strftime date can name is a link out",
    command: `ffmpeg ${SOURCE} -c copy -f segment -strftime 1 ${OUT}/dated/%Y/s.mkv`,
    disk: true,
    expect: "deny",
    because: `write ${ROOT}/outside/s.mkv`,
  },
  {
    name: "pattern link: an hls %v directory is a link out",
    command: `ffmpeg ${SOURCE} -map 0:v -c copy -f hls -var_stream_map v:0 ${OUT}/var/%v/a.m3u8`,
    disk: true,
    expect: "deny",
    because: `write ${ROOT}/outside/a.m3u8`,
  },
  {
    name: "pattern link: -strftime %D writes a '/' into the name",
    command: `ffmpeg ${SOURCE} -c copy -f segment -strftime 1 ${OUT}/clean/s%D.mkv`,
    disk: true,
    expect: "deny",
    because: "writes a '/' into the name",
  },
  {
    name: "pattern link: a name longer than ffmpeg's 1024-byte buffer is cut short",
    command: `ffmpeg ${SOURCE} -c copy -f segment ${OUT}/clean/${"./".repeat(520)}s%03d.mkv`,
    disk: true,
    expect: "deny",
    because: "is too long",
  },
  {
    name: "pattern link: a member of an image2 input sequence is a link to a secret",
    command: `ffmpeg -i ${IN}/seq/img%03d.png -c copy ${TARGET}`,
    disk: true,
    expect: "deny",
    because: `read ${ROOT}/secret/a.mov (-i, as ${IN}/seq/img002.png)`,
  },
  {
    name: "pattern link: a -pattern_type glob input matches a link to a secret",
    command: `ffmpeg -pattern_type glob -i '${IN}/glob/*.png' -c copy ${TARGET}`,
    disk: true,
    expect: "deny",
    because: `read ${ROOT}/secret/a.mov (-i (glob), as ${IN}/glob/b.png)`,
  },
  {
    name: "pattern link: image2's default glob_sequence (%*) matches a link to a secret",
    command: `ffmpeg -i '${IN}/glob/%*.png' -c copy ${TARGET}`,
    disk: true,
    expect: "deny",
    because: `read ${ROOT}/secret/a.mov`,
  },
  {
    name: "pattern link: glob_sequence braces (%{…%}) climb out of the read grant",
    command: `ffmpeg -i '${IN}/glob/%{../../../../secret/a,b%}.png' -c copy ${TARGET}`,
    disk: true,
    expect: "deny",
    because: "brace expansion in an image2 glob",
  },
  {
    name: "pattern link: an image2 input name cut at a '%' ffmpeg cannot expand is a link to a secret",
    command: `ffmpeg -f image2 -i '${IN}/cut/x%Y.png' -c copy ${TARGET}`,
    disk: true,
    expect: "deny",
    because: `read ${ROOT}/secret/a.mov (-i, as ${IN}/cut/x)`,
  },
];

export const LINK_LEGITIMATE: readonly Legitimate[] = [
  {
    name: "pattern link: segments into a directory without links",
    command: `ffmpeg ${SOURCE} -c copy -f segment ${OUT}/clean/s%03d.mkv`,
    disk: true,
    facts: SOURCE_FACTS,
    expect: "allow",
  },
  {
    name: "pattern link: a segment name whose existing link stays inside the grant",
    command: `ffmpeg ${SOURCE} -c copy -f segment ${OUT}/inside/s%03d.mkv`,
    disk: true,
    facts: SOURCE_FACTS,
    expect: "allow",
  },
  {
    name: "pattern link: a muxer that writes the name as it is, beside a link the pattern would match",
    command: `ffmpeg ${SOURCE} -c copy -f matroska ${OUT}/seg/s%03d.mkv`,
    disk: true,
    facts: SOURCE_FACTS,
    expect: "allow",
  },
  {
    name: "pattern link: image2 -update 1 writes the name as it is, beside a link the pattern would match",
    command: `ffmpeg ${SOURCE} -frames:v 1 -update 1 ${OUT}/img/i%03d.png`,
    disk: true,
    facts: SOURCE_FACTS,
    expect: "allow",
  },
  {
    name: "pattern link: an image2 sequence into a directory without links",
    command: `ffmpeg ${SOURCE} ${OUT}/clean/i%03d.png`,
    disk: true,
    facts: SOURCE_FACTS,
    expect: "allow",
  },
  {
    name: "pattern link: hls into a directory without links",
    command: `ffmpeg ${SOURCE} -c copy -f hls ${OUT}/clean/a.m3u8`,
    disk: true,
    facts: SOURCE_FACTS,
    expect: "allow",
  },
  {
    name: "pattern link: hls segments named elsewhere, away from the link its default name would hit",
    command: `ffmpeg ${SOURCE} -c copy -f hls -hls_segment_filename ${OUT}/clean/h%d.ts ${OUT}/hls/h.m3u8`,
    disk: true,
    facts: SOURCE_FACTS,
    expect: "allow",
  },
  {
    name: "pattern link: dash into a directory without links",
    command: `ffmpeg ${SOURCE} -c copy -f dash ${OUT}/clean/a.mpd`,
    disk: true,
    facts: SOURCE_FACTS,
    expect: "allow",
  },
  {
    name: "pattern link: -strftime names into a directory without links",
    command: `ffmpeg ${SOURCE} -c copy -f segment -strftime 1 ${OUT}/clean/s-%Y%m%d-%H%M%S.mkv`,
    disk: true,
    facts: SOURCE_FACTS,
    expect: "allow",
  },
  {
    name: "pattern link: an image2 input sequence of plain files",
    command: `ffmpeg -i ${IN}/plain/img%03d.png -c copy ${TARGET}`,
    disk: true,
    facts: facts(`${IN}/plain/img%03d.png`),
    expect: "allow",
  },
  {
    name: "pattern link: an image2 input sequence whose link stays inside the read grant",
    command: `ffmpeg -i ${IN}/alias/img%03d.png -c copy ${TARGET}`,
    disk: true,
    facts: facts(`${IN}/alias/img%03d.png`),
    expect: "allow",
  },
  {
    name: "pattern link: a -pattern_type glob over plain files",
    command: `ffmpeg -pattern_type glob -i '${IN}/plain/*.png' -c copy ${TARGET}`,
    disk: true,
    facts: facts(`${IN}/plain/*.png`),
    expect: "allow",
  },
  {
    name: "pattern link: a glob_sequence (%*) over plain files",
    command: `ffmpeg -i '${IN}/plain/%*.png' -c copy ${TARGET}`,
    disk: true,
    facts: facts(`${IN}/plain/%*.png`),
    expect: "allow",
  },
  {
    name: "pattern link: a glob that leaves the link in its directory unmatched",
    command: `ffmpeg -pattern_type glob -i '${IN}/glob/a*.png' -c copy ${TARGET}`,
    disk: true,
    facts: facts(`${IN}/glob/a*.png`),
    expect: "allow",
  },
  {
    name: "pattern link: a cut image2 name with no link behind it",
    command: `ffmpeg -f image2 -i '${IN}/plain/img%Y.png' -c copy ${TARGET}`,
    disk: true,
    facts: facts(`${IN}/plain/img%Y.png`),
    expect: "allow",
  },
];
