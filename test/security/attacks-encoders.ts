// Attacks through decoders, encoders' rate modes and demuxer options, found by a fourth
// review and checked against the real ffmpeg 5.1: what ffmpeg did is in the name.

import { attackKind, HD, type Attack, type Legitimate } from "./cases.js";

const IN = "-i /mnt/ingest/a.mov";
const FACTS = { "/mnt/ingest/a.mov": HD };
/** Within every clipper limit but the bitrate rule's. */
const CLIP = "-s 1280x720 -r 20 -t 5 -fs 2M -an /mnt/clips/a.mp4";
const deny = attackKind("encoders", { facts: FACTS });

export const ENCODER_ATTACKS: readonly Attack[] = [
  // ── hardware decoders open their devices ─────────────────────────────────────────────
  deny(
    "a v4l2m2m decoder before -i (opened /dev/video0 and /dev/video1)",
    `ffmpeg -c:v h264_v4l2m2m ${IN} -c:v libx264 -b:v 5M -s 1280x720 -c:a aac -b:a 128k /mnt/renders/a.mp4`,
    "use device v4l2m2m (decoder h264_v4l2m2m)",
  ),
  deny(
    "a cuvid decoder (loads libnvcuvid)",
    `ffmpeg -c:v h264_cuvid ${IN} -c:v libx264 -b:v 5M -s 1280x720 -c:a aac -b:a 128k /mnt/renders/a.mp4`,
    "use device cuda",
  ),
  deny(
    "a camera's v4l2 grant does not cover a v4l2m2m decoder",
    "ffmpeg -c:v h264_v4l2m2m -f v4l2 -i /dev/video0 -c:v libx264 -b:v 5M /mnt/captures/a.mp4",
    "use device v4l2m2m",
    { as: ["camera-operators"] },
  ),
  // ── constant quantisers: x264 and x265 drop -maxrate ("VBV is incompatible with constant QP") ──
  deny(
    "x264 -qp 0 under a buffered -maxrate (7.66 Mbit/s for a 2M cap)",
    `ffmpeg ${IN} -c:v libx264 -qp 0 -maxrate 2M -bufsize 4M ${CLIP}`,
    "is a constant quantiser, under which",
    { as: ["clippers"] },
  ),
  deny(
    "x264 -crf 0 is a constant quantiser (19.3 Mbit/s for an 8M cap)",
    `ffmpeg ${IN} -c:v libx264 -crf 0 -maxrate:v 8M -bufsize:v 16M -c:a aac -b:a 128k /mnt/renders/a.mp4`,
    "is a constant quantiser, under which",
  ),
  deny(
    "qp= in -x264-params with vbv keys",
    `ffmpeg ${IN} -c:v libx264 -x264-params qp=0:vbv-maxrate=8000:vbv-bufsize=16000 -c:a aac -b:a 128k /mnt/renders/a.mp4`,
    "is a constant quantiser, under which",
  ),
  deny(
    "x265 -qp 4 under -maxrate (2.7 Mbit/s for a 2M cap)",
    `ffmpeg ${IN} -c:v libx265 -qp 4 -maxrate:v 2M -bufsize:v 4M -c:a aac -b:a 128k /mnt/renders/a.mp4`,
    "is a constant quantiser, under which",
  ),
  // ── -flags +qscale: a fixed quantiser whatever -b says ────────────────────────────────
  deny(
    "mpeg1video -flags +qscale (7.24 Mbit/s for -b:v 1M)",
    `ffmpeg ${IN} -c:v mpeg1video -b:v 1M -flags +qscale -s 1280x720 -r 15 -force_fps -t 5 -fs 2M -an /mnt/clips/a.mpg`,
    "-flags +qscale changes rate control",
    { as: ["clippers"] },
  ),
  deny(
    "aac -flags:a qscale (156.7 kbit/s for -b:a 128k)",
    `ffmpeg -i /mnt/tenants/acme/in/a.mov -vn -c:a aac -b:a 128k -flags:a qscale /mnt/tenants/acme/out/alice/a.m4a`,
    "-flags:a qscale changes rate control",
    { as: { sub: "alice", groups: ["tenants"], tenant: "acme" } },
  ),
];

export const ENCODER_LEGITIMATE: readonly Legitimate[] = [
  {
    name: "encoders: a cuvid decoder under a cuda grant",
    command: `ffmpeg -c:v h264_cuvid ${IN} -c:v libx264 -b:v 5M -c:a aac -b:a 128k /mnt/renders/a.mp4`,
    as: ["gpu-renderers"],
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "encoders: x264 CRF under a buffered cap",
    command: `ffmpeg ${IN} -c:v libx264 -crf 20 -maxrate 2M -bufsize 4M ${CLIP}`,
    as: ["clippers"],
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "encoders: x265 CRF under a buffered cap",
    command: `ffmpeg ${IN} -c:v libx265 -crf 28 -maxrate:v 8M -bufsize:v 16M -c:a aac -b:a 128k /mnt/renders/a.mp4`,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "encoders: crf= with vbv keys in -x264-params",
    command: `ffmpeg ${IN} -c:v libx264 -x264-params crf=18:vbv-maxrate=8000:vbv-bufsize=16000 -c:a aac -b:a 128k /mnt/renders/a.mp4`,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "encoders: a software decoder named before -i",
    command: `ffmpeg -c:v h264 ${IN} -c:v libx264 -b:v 5M -c:a aac -b:a 128k /mnt/renders/a.mp4`,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "encoders: -flags:v +cgop",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 5M -flags:v +cgop -c:a aac -b:a 128k /mnt/renders/a.mp4`,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "encoders: raw video read with its size given, scaled to the limit",
    command: `ffmpeg -f rawvideo -video_size 1280x720 -pixel_format yuv420p -framerate 20 -i /mnt/ingest/a.yuv -c:v libx264 -b:v 1M -maxrate 1M -bufsize 2M ${CLIP}`,
    as: ["clippers"],
    facts: { "/mnt/ingest/a.yuv": { ...HD, format: "mov,mp4,m4a,3gp,3g2,mj2" } },
    expect: "allow",
  },
  {
    name: "encoders: -flags +global_header",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 5M -flags +global_header -c:a aac -b:a 128k /mnt/renders/a.mp4`,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "encoders: -f naming the demuxer the probe found",
    command: `ffmpeg -f mov ${IN} -c:v libx264 -b:v 5M -c:a aac -b:a 128k /mnt/renders/a.mp4`,
    facts: { "/mnt/ingest/a.mov": { ...HD, format: "mov,mp4,m4a,3gp,3g2,mj2" } },
    expect: "allow",
  },
];
