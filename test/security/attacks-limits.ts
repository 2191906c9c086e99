// Attacks on the limits (duration, frame rate, size, bitrate, resolution) and on stream
// selection, each found by a review and checked against the real ffmpeg 5.1: what ffmpeg
// did is in the name. The clipper role (policy.ffpolicy) holds every limit: h264 or
// mpeg1video, ≤ 2M, ≤ 1280x720, ≤ 20 fps, ≤ 10 s, ≤ 2MB.

import { attackKind, HD, video, type Attack, type Legitimate } from "./cases.js";

const CLIPPER = ["clippers"];
const IN = "-i /mnt/ingest/a.mov";
const FACTS = { "/mnt/ingest/a.mov": HD };
/** A clip that meets every limit: the attacks change one thing. */
const CLIP = "-c:v libx264 -b:v 1M -maxrate 1M -bufsize 2M -s 1280x720 -r 20 -an";
const OUT = "/mnt/clips/a.mp4";
const clip = attackKind("limits", { as: CLIPPER, facts: FACTS });

export const LIMIT_ATTACKS: readonly Attack[] = [
  // ── duration: ffmpeg's own reading of -t, -to and -ss ────────────────────────────────
  clip("-t 60 -to 4 (ffmpeg warns and uses -t: 28.9 s written)", `ffmpeg ${IN} ${CLIP} -t 60 -to 4 -fs 1M ${OUT}`, "output duration — 60s, over 10s"),
  clip("-ss -100 -to 5 (ffmpeg records to − ss: 105 s)", `ffmpeg ${IN} ${CLIP} -ss -100 -to 5 -fs 1M ${OUT}`, "output duration — 105s, over 10s"),
  clip("input -r 1 stretches a 3 s clip to 75 s", `ffmpeg -r 1 ${IN} ${CLIP} -fs 1M ${OUT}`, "cannot tell how long the output is", {
    facts: { "/mnt/ingest/a.mov": { streams: [video("h264", 320, 240, 500_000)].map((s) => ({ ...s, duration: 3000 })) } },
  }),
  clip("-itsoffset 100 (an mp4 ffprobe reports as 102 s)", `ffmpeg -itsoffset 100 ${IN} ${CLIP} -fs 1M ${OUT}`, "cannot tell how long the output is"),
  clip(
    "-bsf:v setts on an encoded stream retimes it (1 s became 8.84 s)",
    `ffmpeg ${IN} ${CLIP} -bsf:v setts=ts=TS*10 -t 5 -fs 1M ${OUT}`,
    "bitstream filter setts",
  ),
  // ── frame rate ───────────────────────────────────────────────────────────────────────
  clip(
    "input -r 250 forces 250 fps",
    `ffmpeg -r 250 ${IN} -c:v libx264 -b:v 1M -maxrate 1M -bufsize 2M -s 1280x720 -an -t 5 -fs 1M ${OUT}`,
    "frame rate of stream 0: 250",
  ),
  clip(
    "-fps_mode passthrough ignores -r (120 fps in, 120 fps out)",
    `ffmpeg ${IN} ${CLIP} -fps_mode passthrough -t 5 -fs 1M ${OUT}`,
    "frame rate of stream 0: 120",
    { facts: { "/mnt/ingest/a.mov": { streams: [video("h264", 1280, 720, 1_000_000, 120)] } } },
  ),
  clip("-vsync 0 ignores -r", `ffmpeg -vsync 0 ${IN} ${CLIP} -t 5 -fs 1M ${OUT}`, "frame rate of stream 0: 120", {
    facts: { "/mnt/ingest/a.mov": { streams: [video("h264", 1280, 720, 1_000_000, 120)] } },
  }),
  clip(
    "mpeg1video rounds -r 18 up to 23.976",
    `ffmpeg ${IN} -c:v mpeg1video -b:v 1M -maxrate 1M -bufsize 2M -s 1280x720 -r 18 -an -t 5 -fs 1M /mnt/clips/a.mpg`,
    "frame rate of stream 0 — cannot tell",
  ),
  // ── size ─────────────────────────────────────────────────────────────────────────────
  clip(
    "-fs does not bound a tee's branches (5.26 MB written for -fs 1M)",
    `ffmpeg ${IN} ${CLIP} -t 5 -fs 1M -f tee "[f=mp4]${OUT}"`,
    "-fs bounds only a muxer's own file",
  ),
  clip("-fs does not bound segments", `ffmpeg ${IN} ${CLIP} -t 5 -fs 1M -f segment /mnt/clips/s%03d.mp4`, "-fs bounds only a muxer's own file"),
  // ── bitrate ──────────────────────────────────────────────────────────────────────────
  clip(
    "-crf 0 with -maxrate but no -bufsize (x264 ignores the maxrate: 22.1 Mbit/s)",
    `ffmpeg ${IN} -c:v libx264 -crf 0 -maxrate:v 2M -s 1280x720 -r 20 -an -t 5 -fs 1M ${OUT}`,
    "a maximum rate without -bufsize is ignored",
  ),
  clip("-b:v with -qmax 5 (20.8 Mbit/s)", `ffmpeg ${IN} ${CLIP} -qmax 5 -t 5 -fs 1M ${OUT}`, "-qmax changes rate control"),
  clip("-x264-params qpmax=10 (17.4 Mbit/s)", `ffmpeg ${IN} ${CLIP} -x264-params qpmax=10 -t 5 -fs 1M ${OUT}`, "-x264-params qpmax changes rate control"),
  clip(
    "-x264-params zones (16.1 Mbit/s)",
    `ffmpeg ${IN} ${CLIP} -x264-params zones=0,100000,q=0 -t 5 -fs 1M ${OUT}`,
    "-x264-params zones changes rate control",
  ),
  clip("-rc_override", `ffmpeg ${IN} ${CLIP} -rc_override 0,100000,1 -t 5 -fs 1M ${OUT}`, "-rc_override changes rate control"),
  // ── resolution ───────────────────────────────────────────────────────────────────────
  clip(
    "-autoscale 0 keeps the filter's 1920x1080 whatever -s says",
    `ffmpeg ${IN} ${CLIP} -autoscale 0 -vf scale=1920:1080 -t 5 -fs 1M ${OUT}`,
    "resolution of stream 0 — cannot tell",
  ),
  clip(
    "scale force_original_aspect_ratio=increase grows past W:H (512x128 for 128:128)",
    `ffmpeg ${IN} -c:v libx264 -b:v 1M -maxrate 1M -bufsize 2M -r 20 -vf scale=1280:720:force_original_aspect_ratio=increase -an -t 5 -fs 1M ${OUT}`,
    "resolution of stream 0 — cannot tell",
  ),
  // ── stream selection ─────────────────────────────────────────────────────────────────
  {
    name: "selection: a graph output nobody labelled is a hidden stream of the first output (mpeg4 at 18 Mbit/s)",
    command: `ffmpeg -i /mnt/ingest/a.mov -filter_complex "[0:v]split=2[a]" -map "[a]" -map 0:a -c:v libx264 -c:v:0 mpeg4 -b:v 5M -c:a aac -b:a 128k /mnt/renders/a.mkv`,
    facts: FACTS,
    expect: "deny",
    because: "video codec of stream 0: mpeg4",
  },
  {
    name: "selection: -discard all moves automatic selection to the next input (a secret), combining two roles",
    command: `ffmpeg -discard all -i /mnt/ingest/a.mov -i /secret/s.mov -an -c:v libx264 -b:v 5M /mnt/renders/leak.mp4`,
    as: ["editors", "archivists"],
    facts: { "/mnt/ingest/a.mov": { streams: [video("h264", 1920, 1080, 5_000_000)] }, "/secret/s.mov": { streams: [video("h264", 320, 240, 500_000)] } },
    expect: "deny",
    because: "read /secret/s.mov",
  },
  {
    name: "selection: an overlay's second pad takes the next unused video stream (the secret)",
    command: `ffmpeg -i /mnt/ingest/a.mov -i /secret/s.mov -filter_complex "[0:v]overlay" -an -c:v libx264 -b:v 5M /mnt/renders/leak.mp4`,
    as: ["editors", "archivists"],
    facts: { "/mnt/ingest/a.mov": { streams: [video("h264", 1920, 1080, 5_000_000)] }, "/secret/s.mov": { streams: [video("h264", 320, 240, 500_000)] } },
    expect: "deny",
    because: "read /secret/s.mov",
  },
  // ── a sixth review: options thought inert ────────────────────────────────────────────
  clip(
    "-enc_time_base 1:1000 makes cfr fill the time base (1000 fps written for -r 20)",
    `ffmpeg ${IN} ${CLIP} -enc_time_base 1:1000 -t 3 -fs 1M ${OUT}`,
    "frame rate of stream 0 — cannot tell",
  ),
  clip(
    "a negative input -ss shifts the input later (103 s written from 3 s)",
    `ffmpeg -ss -100 ${IN} ${CLIP} -fs 1M ${OUT}`,
    "cannot tell how long the output is",
  ),
  clip(
    "-async 1 pads sound with silence from 0 (103 s written from sound starting at 100 s)",
    `ffmpeg ${IN} -c:v libx264 -b:v 1M -maxrate 1M -bufsize 2M -s 1280x720 -r 20 -c:a aac -b:a 64k -async 1 -fs 1M ${OUT}`,
    "cannot tell how long the output is",
  ),
  clip(
    "-flags +pass1 makes libx264 write its statistics in the working directory",
    `ffmpeg ${IN} ${CLIP} -flags +pass1 -t 5 -fs 1M ${OUT}`,
    "write /work/x264_2pass.log (-flags +pass1)",
  ),
];

const fits = (name: string, command: string, facts: Legitimate["facts"] = FACTS): Legitimate => ({
  name: `limits: ${name}`,
  command,
  as: CLIPPER,
  facts,
  expect: "allow",
});
const BUFFERED = "-c:v libx264 -s 1280x720 -r 20 -an";

/** A 5 s clip. */
const SHORT = { "/mnt/ingest/a.mov": { streams: [video("h264", 1920, 1080, 5_000_000)].map((s) => ({ ...s, duration: 5000 })) } };

export const LIMIT_LEGITIMATE: readonly Legitimate[] = [
  fits("a positive input -ss seeks into the input", `ffmpeg -ss 1 ${IN} ${CLIP} -fs 1M ${OUT}`, SHORT),
  fits("-async 1 under -t", `ffmpeg ${IN} ${CLIP} -async 1 -t 5 -fs 1M ${OUT}`),
  fits("two-pass statistics kept beside the clip", `ffmpeg ${IN} ${CLIP} -pass 1 -passlogfile /mnt/clips/log -t 5 -fs 1M ${OUT}`),
  fits("-autorotate 0", `ffmpeg -autorotate 0 ${IN} ${CLIP} -t 5 -fs 1M ${OUT}`),
  fits("-to 8 from the start", `ffmpeg ${IN} ${CLIP} -to 8 -fs 1M ${OUT}`),
  fits("-ss 2 -t 5", `ffmpeg ${IN} ${CLIP} -ss 2 -t 5 -fs 1M ${OUT}`),
  fits("an input seek and -t 5", `ffmpeg -ss 30 ${IN} ${CLIP} -t 5 -fs 1M ${OUT}`),
  fits("-r 15, below the limit", `ffmpeg ${IN} -c:v libx264 -b:v 1M -maxrate 1M -bufsize 2M -s 1280x720 -r 15 -an -t 5 -fs 1M ${OUT}`),
  fits("input -r 20 with -t", `ffmpeg -r 20 ${IN} ${CLIP} -t 5 -fs 1M ${OUT}`),
  fits("an image sequence at -framerate 20", `ffmpeg -framerate 20 -i /mnt/ingest/img%03d.png ${CLIP} -t 5 -fs 1M ${OUT}`, {}),
  fits("-vsync cfr holds -r", `ffmpeg -vsync cfr ${IN} ${CLIP} -t 5 -fs 1M ${OUT}`),
  fits("-fps_mode vfr holds -r", `ffmpeg ${IN} ${CLIP} -fps_mode vfr -t 5 -fs 1M ${OUT}`),
  fits("-crf under a buffered -maxrate", `ffmpeg ${IN} ${BUFFERED} -crf 23 -maxrate 2M -bufsize 4M -t 5 -fs 1M ${OUT}`),
  fits("x264 crf under a buffered vbv-maxrate", `ffmpeg ${IN} ${BUFFERED} -x264-params crf=23:vbv-maxrate=2000:vbv-bufsize=4000 -t 5 -fs 1M ${OUT}`),
  fits("-b:v with -qmin (a floor lowers the rate)", `ffmpeg ${IN} ${CLIP} -qmin 10 -t 5 -fs 1M ${OUT}`),
  fits("x264 keyint is plain", `ffmpeg ${IN} ${CLIP} -x264-params keyint=40 -t 5 -fs 1M ${OUT}`),
  fits("a constant scale", `ffmpeg ${IN} -c:v libx264 -b:v 1M -maxrate 1M -bufsize 2M -r 20 -vf scale=1280:720 -an -t 5 -fs 1M ${OUT}`),
  fits("-autoscale 1 keeps -s", `ffmpeg ${IN} ${CLIP} -autoscale 1 -t 5 -fs 1M ${OUT}`),
  fits("-fs on a single matroska file", `ffmpeg ${IN} ${CLIP} -t 5 -fs 1M /mnt/clips/a.mkv`),
  {
    name: "selection: split with both outputs labelled, one per output file",
    command: `ffmpeg ${IN} -filter_complex "[0:v]split=2[a][b]" -map "[a]" -s 1920x1080 -c:v libx264 -b:v 5M /mnt/renders/big.mp4 -map "[b]" -s 1280x720 -c:v libx264 -b:v 2M /mnt/renders/small.mp4`,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "selection: an overlay with both inputs labelled",
    command: `ffmpeg ${IN} -i /mnt/ingest/logo.mov -filter_complex "[0:v][1:v]overlay[v]" -map "[v]" -map 0:a -s 1920x1080 -c:v libx264 -b:v 5M -c:a aac -b:a 128k /mnt/renders/a.mp4`,
    facts: { ...FACTS, "/mnt/ingest/logo.mov": HD },
    expect: "allow",
  },
  {
    name: "selection: asplit with both outputs labelled",
    command: `ffmpeg ${IN} -filter_complex "[0:a]asplit[x][y]" -map 0:v -map "[x]" -map "[y]" -c:v libx264 -b:v 5M -c:a aac -b:a 128k /mnt/renders/a.mkv`,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "selection: -discard none",
    command: `ffmpeg -discard none ${IN} -c:v libx264 -b:v 5M -c:a aac -b:a 128k /mnt/renders/a.mp4`,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "selection: -map with a decimal index",
    command: `ffmpeg ${IN} -i /mnt/ingest/b.mov -map 1:v -map 0:a -c:v libx264 -b:v 5M -c:a aac -b:a 128k /mnt/renders/a.mp4`,
    facts: { ...FACTS, "/mnt/ingest/b.mov": HD },
    expect: "allow",
  },
  {
    name: "selection: a bitstream filter that only repackages",
    command: `ffmpeg ${IN} -c copy -bsf:v h264_mp4toannexb -bsf:a aac_adtstoasc /mnt/renders/a.ts`,
    facts: FACTS,
    expect: "allow",
  },
  { name: "limits: a clip within every limit", command: `ffmpeg ${IN} ${CLIP} -t 5 -fs 1M ${OUT}`, as: CLIPPER, facts: FACTS, expect: "allow" },
  { name: "limits: -ss 3 -to 8 is five seconds", command: `ffmpeg ${IN} ${CLIP} -ss 3 -to 8 -fs 1M ${OUT}`, as: CLIPPER, facts: FACTS, expect: "allow" },
  { name: "limits: -fps_mode cfr holds -r", command: `ffmpeg ${IN} ${CLIP} -fps_mode cfr -t 5 -fs 1M ${OUT}`, as: CLIPPER, facts: FACTS, expect: "allow" },
  {
    name: "limits: mpeg1video with -force_fps keeps -r",
    command: `ffmpeg ${IN} -c:v mpeg1video -b:v 1M -maxrate 1M -bufsize 2M -s 1280x720 -r 20 -force_fps -an -t 5 -fs 1M /mnt/clips/a.mpg`,
    as: CLIPPER,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "limits: scale with force_original_aspect_ratio=decrease fits inside",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 1M -maxrate 1M -bufsize 2M -r 20 -vf scale=1280:720:force_original_aspect_ratio=decrease -an -t 5 -fs 1M ${OUT}`,
    as: CLIPPER,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "selection: -discard nokey only skips frames in the decoder",
    command: `ffmpeg -discard nokey ${IN} -c:v libx264 -b:v 5M -c:a aac -b:a 128k /mnt/renders/a.mp4`,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "selection: concat of two labelled inputs has exactly its two outputs",
    command: `ffmpeg -i /mnt/ingest/a.mov -i /mnt/ingest/b.mov -filter_complex "[0:v][0:a][1:v][1:a]concat=n=2:v=1:a=1[v][a]" -map "[v]" -map "[a]" -s 1920x1080 -c:v libx264 -b:v 5M -c:a aac -b:a 128k /mnt/renders/a.mp4`,
    facts: { "/mnt/ingest/a.mov": HD, "/mnt/ingest/b.mov": HD },
    expect: "allow",
  },
];
