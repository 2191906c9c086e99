#!/usr/bin/env node
// Reads ff_img_tags (libavformat/img2.c: the extension → codec table behind
// ff_guess_image2_codec) out of an FFmpeg source tree and prints it as JSON, in table order,
// one [extension, codec] pair per entry; `codec` is the AV_CODEC_ID_ suffix in lower case
// (RADIANCE_HDR → `hdr`, its descriptor name). A later entry for an extension already
// listed is never reached (str2id returns the first match) and is printed under `shadowed`.
// 5.1 writes the table as `{ AV_CODEC_ID_X, "ext" }`, 7.1 as `TAG(X, ext)`.
//
// A re-checking aid for scripts/catalogue/image2-tags-<version>.json, not part of
// regeneration (the generator checks each listed extension against the library):
//
//   node scripts/catalogue/extract-image2-tags.mjs ~/src/ffmpeg-7.1.5 > /tmp/tags.json
import { readFileSync } from "node:fs";
import { join } from "node:path";

if (process.argv.length !== 3) {
  process.stderr.write("usage: extract-image2-tags.mjs FFMPEG_SOURCE_DIR\n");
  process.exit(2);
}
const text = readFileSync(join(process.argv[2], "libavformat", "img2.c"), "utf8").replace(/\/\*[\s\S]*?\*\//g, " ");
const DESCRIPTOR = { radiance_hdr: "hdr" };
const rows = [...text.matchAll(/\{\s*AV_CODEC_ID_(\w+)\s*,\s*"([^"]+)"\s*\}/g), ...text.matchAll(/^\s*TAG\(\s*(\w+)\s*,\s*([\w-]+)\s*\)/gm)].map((m) => [
  m[2],
  DESCRIPTOR[m[1].toLowerCase()] ?? m[1].toLowerCase(),
]);
const tags = [];
const shadowed = [];
for (const r of rows) (tags.some((t) => t[0] === r[0]) ? shadowed : tags).push(r);
process.stdout.write(JSON.stringify({ tags, shadowed }) + "\n");
