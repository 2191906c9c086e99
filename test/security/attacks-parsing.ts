// Attacks that hide a number or a quote in a form ffmpeg 5.1 reads differently from how it
// looks: stream indices read by strtol base 0, `pipe:` descriptors read by strtol base 10,
// and tee option values that quote or escape the ']' ending a branch's options. Each was
// checked against the real ffmpeg (test/ffmpeg/ffmpeg-number-and-quote-forms.test.ts).

import { HD, type Attack, type Legitimate } from "./cases.js";

const ENC = "-c:v libx264 -b:v 5M -c:a aac -b:a 128k";
const IN = "-i /mnt/ingest/a.mov";
const FACTS = { "/mnt/ingest/a.mov": HD };
/** Nine copies of the video stream: output streams 0 to 8, so there is no stream 10. */
const NINE_VIDEOS = Array.from({ length: 9 }, () => "-map 0:v").join(" ");

export const PARSING_ATTACKS: readonly Attack[] = [
  // ── stream specifier indices: strtol(…, 0) ──────────────────────────────────────────
  {
    name: "parsing: -c:010 is stream 8 (octal), not a stream 10 that does not exist",
    command: `ffmpeg ${IN} ${NINE_VIDEOS} -c:v libx264 -c:010 mpeg4 -b:v 5M -an /mnt/renders/a.mkv`,
    facts: FACTS,
    expect: "deny",
    because: "video codec of stream 8: mpeg4",
  },
  {
    name: "parsing: -c:v:010 is the ninth video stream",
    command: `ffmpeg ${IN} ${NINE_VIDEOS} -c:v libx264 -c:v:010 mpeg4 -b:v 5M -an /mnt/renders/a.mkv`,
    facts: FACTS,
    expect: "deny",
    because: "video codec of stream 8: mpeg4",
  },
  {
    name: "parsing: -c:4294967296 is stream 0 (an int keeps the low 32 bits)",
    command: `ffmpeg ${IN} -c:v libx264 -c:4294967296 mpeg4 -b:v 5M -c:a aac -b:a 128k /mnt/renders/a.mkv`,
    facts: FACTS,
    expect: "deny",
    because: "video codec of stream 0: mpeg4",
  },
  {
    name: "parsing: -b:v:0x0 (hexadecimal) overrides -b:v",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 5M -b:v:0x0 50M -c:a aac -b:a 128k /mnt/renders/a.mkv`,
    facts: FACTS,
    expect: "deny",
    because: "-b:v is 50M, over 8M",
  },

  // ── pipe: descriptors: strtol(…, 10) ────────────────────────────────────────────────
  {
    name: "parsing: pipe:+3 writes to descriptor 3, not stdout",
    command: `ffmpeg ${IN} ${ENC} -f mpegts pipe:+3`,
    as: ["pipers"],
    expect: "deny",
    because: "'pipe:+3' writes to file descriptor 3",
  },
  {
    name: "parsing: 'pipe: 3' writes to descriptor 3, not stdout",
    command: `ffmpeg ${IN} ${ENC} -f mpegts 'pipe: 3'`,
    as: ["pipers"],
    expect: "deny",
    because: "'pipe: 3' writes to file descriptor 3",
  },
  {
    name: "parsing: pipe:4294967299 writes to descriptor 3 (an int keeps the low 32 bits)",
    command: `ffmpeg ${IN} ${ENC} -f mpegts pipe:4294967299`,
    as: ["pipers"],
    expect: "deny",
    because: "'pipe:4294967299' writes to file descriptor 3",
  },

  // ── tee: option values are read with quotes and escapes ─────────────────────────────
  {
    name: "parsing: tee option value quotes a ']' (the branch writes what follows the real ']')",
    command: `ffmpeg ${IN} -map 0 ${ENC} -f tee "[f=mp4:brand=\\\\'isom]/mnt/renders/\\\\'x]/tmp/evil.mp4"`,
    facts: FACTS,
    expect: "deny",
    because: "write /tmp/evil.mp4 (-f tee) — role editor writes nothing there",
  },
  {
    name: "parsing: tee option value escapes a ']'",
    command: `ffmpeg ${IN} -map 0 ${ENC} -f tee "[f=mp4:brand=isom\\\\\\\\]/mnt/renders/x]/tmp/evil.mp4"`,
    facts: FACTS,
    expect: "deny",
    because: "write /tmp/evil.mp4 (-f tee) — role editor writes nothing there",
  },
  {
    name: "parsing: tee's F= is f= (dictionary keys match in any case)",
    command: `ffmpeg ${IN} -map 0 ${ENC} -f tee '[F=hls:hls_segment_filename=/tmp/evil%d.ts]/mnt/renders/x.mp4'`,
    facts: FACTS,
    expect: "deny",
    because: "write /tmp/evil%d.ts",
  },
];

/** The same forms used honestly: they must keep meaning what they say. */
export const PARSING_LEGITIMATE: readonly Legitimate[] = [
  {
    name: "parsing: -c:v:00 is stream 0 (octal zero)",
    command: `ffmpeg ${IN} -c:v:00 libx264 -b:v 5M -c:a aac -b:a 128k /mnt/renders/a.mp4`,
    facts: FACTS,
    expect: "allow",
  },
  { name: "parsing: -map 00:v is input 0", command: `ffmpeg ${IN} -map 00:v -map 0:a ${ENC} /mnt/renders/a.mp4`, facts: FACTS, expect: "allow" },
  { name: "parsing: pipe:01 is standard output", command: `ffmpeg ${IN} -c copy -f mpegts pipe:01`, as: ["pipers"], facts: FACTS, expect: "allow" },
  {
    name: "parsing: a tee branch with a quoted option value",
    command: `ffmpeg ${IN} -map 0 ${ENC} -f tee "[f=mp4:movflags='+faststart']/mnt/renders/a.mp4|[f=matroska]/mnt/renders/b.mkv"`,
    facts: FACTS,
    expect: "allow",
  },
];
