// Attacks through filter graphs and the scalers and resamplers ffmpeg inserts, found by a
// third review and checked against the real ffmpeg 5.1: what ffmpeg did is in the name.
// The clipper role (policy.ffpolicy) holds every limit: ≤ 1280x720, ≤ 20 fps, ≤ 10 s.

import { attackKind, HD, video, type Attack, type Legitimate } from "./cases.js";

const CLIPPER = ["clippers"];
/** A 5 s 720p clip at 20 fps with 5 s of sound: within the clipper's limits as it is. */
const SHORT = {
  streams: [
    { ...video("h264", 1280, 720, 1_000_000, 20), duration: 5000 },
    { media: "audio" as const, codec: "aac", width: null, height: null, frameRate: null, bitrate: 128_000, duration: 5000 },
  ],
};
const IN = "-i /mnt/ingest/a.mov";
const FACTS = { "/mnt/ingest/a.mov": SHORT };
const ENC = "-c:v libx264 -b:v 1M -maxrate 1M -bufsize 2M -r 20 -fs 1M";
const OUT = "/mnt/clips/a.mp4";
const clip = attackKind("graphs", { as: CLIPPER, facts: FACTS });
/** A grade with a filter that takes commands at run time. */
const GRADE = "-i /mnt/ingest/a.mov -vf curves=preset=vintage -c:v libx264 -c:a aac /mnt/graded/a.mp4";
const GRADER = { as: ["graders"], facts: { "/mnt/ingest/a.mov": HD } };
/** Eleven inputs: 8 (`010`) is the secret one. */
const ELEVEN = Array.from({ length: 11 }, (_, i) => (i === 8 ? "-i /secret/x.mov" : `-i /mnt/ingest/${i}.mov`)).join(" ");

export const GRAPH_ATTACKS: readonly Attack[] = [
  // ── the size of a graph's output ─────────────────────────────────────────────────────
  clip(
    "a sws_flags= prefix gives every scale a size (7680x4320 written)",
    `ffmpeg ${IN} -vf "sws_flags=bicubic:w=7680:h=4320;scale=1280:720" ${ENC} -t 5 -an ${OUT}`,
    "sws_flags=bicubic:w=7680:h=4320 gives every scale filter options besides its flags",
  ),
  clip(
    "a ':' in -sws_flags adds a size to the scaler -s inserts (7680x4320 written)",
    `ffmpeg ${IN} -sws_flags bicubic:w=7680:h=4320 -s 1280x720 ${ENC} -t 5 -an ${OUT}`,
    "a ':', quote or '\\' in it adds options to the filters ffmpeg inserts",
  ),
  clip(
    "each graph output has the size of its own path, not of the last scale written (7680x4320 written)",
    `ffmpeg ${IN} -filter_complex "[0:v]scale=7680:4320[v];[0:v]scale=1280:720[w]" -map "[v]" -map "[w]" ${ENC} -t 5 ${OUT}`,
    "resolution of stream 0: 7680x4320",
  ),
  clip(
    "a -vf whose only output is the big one (7680x4320 written)",
    `ffmpeg ${IN} -vf "[x]nullsink;split[a][b];[a]scale=7680:4320;[b]scale=1280:720[x]" ${ENC} -t 5 -an ${OUT}`,
    "resolution of stream 0: 7680x4320",
  ),
  // ── how long the output lasts: only filters known to keep it ─────────────────────────
  clip(
    "concat of one input three times (15 s written)",
    `ffmpeg ${IN} -filter_complex "[0:v][0:v][0:v]concat=n=3:v=1:a=0,scale=1280:720[v]" -map "[v]" ${ENC} ${OUT}`,
    "cannot tell how long the output is",
  ),
  clip("zoompan holds each frame (50 s written)", `ffmpeg ${IN} -vf zoompan=d=10:s=1280x720:fps=20 ${ENC} -an ${OUT}`, "cannot tell how long the output is"),
  clip(
    "adelay adds a minute of silence (65 s written)",
    `ffmpeg ${IN} -s 1280x720 -af adelay=delays=60000:all=1 ${ENC} -c:a aac ${OUT}`,
    "cannot tell how long",
  ),
  clip(
    "asetrate slows the sound down (30 s written)",
    `ffmpeg ${IN} -s 1280x720 -af asetrate=8000 ${ENC} -c:a aac ${OUT}`,
    "cannot tell how long the output is",
  ),
  clip(
    "aresample first_pts: padding to timestamps is not modelled (with -copyts, 32 s from a 2 s input)",
    `ffmpeg ${IN} -s 1280x720 -af aresample=first_pts=1000000 ${ENC} -c:a aac ${OUT}`,
    "cannot tell how long",
  ),
  clip(
    "-copyts keeps a late start (-t 2 from 30 s is a 30 s file)",
    `ffmpeg -copyts ${IN} -s 1280x720 ${ENC} -t 2 -an ${OUT}`,
    "-copyts keeps the inputs' timestamps, so neither -t nor the inputs bound it",
  ),
  // ── which input a graph reads ────────────────────────────────────────────────────────
  {
    name: "graphs: [010:v] is input 8 (strtol base 0), the secret one, published under another role",
    command: `ffmpeg ${ELEVEN} -filter_complex "[010:v]scale=1280:720[v]" -map "[v]" -c:v libx264 -b:v 1M -maxrate 1M -bufsize 2M -f flv rtmp://live.example.com/app/key`,
    as: ["archivists", "publishers"],
    expect: "deny",
    because: "read /secret/x.mov",
  },
  // ── filter commands from the keyboard ────────────────────────────────────────────────
  {
    name: "graphs: -stdin undoes -nostdin; 'c' then sends curves 'plot FILE' (a gnuplot file written)",
    command: `ffmpeg -stdin ${GRADE}`,
    ...GRADER,
    expect: "deny",
    because: "-stdin switches off one of ffmpeg's protections",
  },
];

export const GRAPH_LEGITIMATE: readonly Legitimate[] = [
  {
    name: "graphs: a scale before a split sizes both branches",
    command: `ffmpeg ${IN} -filter_complex "[0:v]scale=1280:720,split=2[a][b]" -map "[a]" -map "[b]" ${ENC} ${OUT}`,
    as: CLIPPER,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "graphs: a logo overlaid, then scaled",
    command: `ffmpeg ${IN} -i /mnt/ingest/logo.png -filter_complex "[0:v][1:v]overlay=10:10,scale=1280:720[v]" -map "[v]" ${ENC} -t 5 ${OUT}`,
    as: CLIPPER,
    facts: { ...FACTS, "/mnt/ingest/logo.png": { streams: [{ ...video("png", 200, 100, null), duration: 40 }] } },
    expect: "allow",
  },
  {
    name: "graphs: two sound tracks mixed last no longer than the longer",
    command: `ffmpeg ${IN} -i /mnt/ingest/b.mov -filter_complex "[0:a][1:a]amix=inputs=2[a]" -map 0:v -map "[a]" -s 1280x720 ${ENC} -c:a aac -b:a 96k ${OUT}`,
    as: CLIPPER,
    facts: { ...FACTS, "/mnt/ingest/b.mov": SHORT },
    expect: "allow",
  },
  {
    name: "graphs: -vf with the default [in] and [out] labels",
    command: `ffmpeg ${IN} -vf "[in]scale=1280:720[out]" ${ENC} -an ${OUT}`,
    as: CLIPPER,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "graphs: select only drops frames",
    command: `ffmpeg ${IN} -vf "select=not(mod(n\\,2)),scale=1280:720" ${ENC} -an ${OUT}`,
    as: CLIPPER,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "graphs: an ABR ladder, each output sized by its own scale",
    command: `ffmpeg ${IN} -filter_complex "[0:v]split=2[a][b];[a]scale=1280:720[hi];[b]scale=640:360[lo]" -map "[hi]" -map "[lo]" ${ENC} -t 5 ${OUT}`,
    as: CLIPPER,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "graphs: a sws_flags= prefix with flags only",
    command: `ffmpeg ${IN} -vf "sws_flags=bicubic+accurate_rnd;scale=1280:720" ${ENC} -an ${OUT}`,
    as: CLIPPER,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "graphs: -sws_flags with flags only",
    command: `ffmpeg ${IN} -sws_flags lanczos -s 1280x720 ${ENC} -an ${OUT}`,
    as: CLIPPER,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "graphs: filters that keep the duration need no -t",
    command: `ffmpeg ${IN} -vf scale=1280:720,fps=20,hflip -af aresample=44100,volume=0.5 ${ENC} -c:a aac -b:a 96k ${OUT}`,
    as: CLIPPER,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "graphs: a lengthening filter with -t",
    command: `ffmpeg ${IN} -s 1280x720 -af asetrate=8000 ${ENC} -c:a aac -b:a 96k -t 8 ${OUT}`,
    as: CLIPPER,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "graphs: -nostdin",
    command: `ffmpeg -nostdin ${GRADE}`,
    ...GRADER,
    expect: "allow",
  },
];
