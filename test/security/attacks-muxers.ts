// Attacks through the names muxers and image2 make from the url they are given, found by a
// third review and checked against the real ffmpeg 5.1: what ffmpeg did is in the name.

import { attackKind, HD, type Attack, type Legitimate } from "./cases.js";

const IN = "-i /mnt/ingest/a.mov";
const FACTS = { "/mnt/ingest/a.mov": HD };
const ENC = "-c:v libx264 -b:v 1M -c:a aac -b:a 128k";
/** Tenant t1's user u: writes only under /mnt/tenants/t1/out/u/. */
const TENANT = { sub: "u", groups: ["tenants"], tenant: "t1" };
const TENANT_IN = "-i /mnt/tenants/t1/in/a.mov";
const TENANT_FACTS = { "/mnt/tenants/t1/in/a.mov": HD };
const TENANT_ENC = "-c:v libx264 -b:v 1M -an";
const attack = attackKind("muxers", { facts: FACTS });
const AS_TENANT = { as: TENANT, facts: TENANT_FACTS };

export const MUXER_ATTACKS: readonly Attack[] = [
  attack(
    "hls cuts the playlist's name at its last '.', a directory's included (segments written to /etc/.0.ts's place)",
    `ffmpeg ${IN} ${ENC} -f hls /etc/../mnt/renders/pl`,
    "write /etc/.%d.ts",
  ),
  attack(
    "hls: a tenant's segments in another user's directory (v/../u/pl wrote out/v/.0.ts)",
    `ffmpeg ${TENANT_IN} ${TENANT_ENC} -f hls /mnt/tenants/t1/out/v/../u/pl`,
    "write /mnt/tenants/t1/out/v/.%d.ts",
    AS_TENANT,
  ),
  attack(
    "-var_stream_map splits only on space and tab: a form feed hides '/' in a name (wrote t2/stolen/pl.m3u8)",
    `ffmpeg ${IN} ${ENC} -f hls -var_stream_map $'v:0,name:a\\f/../../../../t2/stolen' /mnt/renders/%v/pl.m3u8`,
    "would put files outside the playlist's directory",
  ),
  attack(
    "-master_pl_name goes one directory up when the playlist's directory holds %v (wrote out/v/master.m3u8)",
    `ffmpeg ${TENANT_IN} ${TENANT_ENC} -f hls -master_pl_name ../v/master.m3u8 /mnt/tenants/t1/out/u/%v/pl.m3u8`,
    "write /mnt/tenants/t1/out/v/master.m3u8",
    AS_TENANT,
  ),
  attack(
    "hls append_list with delete_segments deletes what the old playlist names (a file outside the grant deleted)",
    `ffmpeg ${IN} ${ENC} -f hls -hls_flags append_list+delete_segments -strftime 1 -strftime_mkdir 1 /mnt/renders/pl.m3u8`,
    "append_list with delete_segments deletes the files an existing playlist names",
  ),
  attack("hls_flags as a number", `ffmpeg ${IN} ${ENC} -f hls -hls_flags 66 /mnt/renders/pl.m3u8`, "write the flags by name"),
  attack(
    "image2 writes pipe:%d to descriptors 1, 2, 3… (JPEGs on fds 1 to 5)",
    `ffmpeg ${IN} -map 0:v -c:v mjpeg -frames:v 5 -f image2 'pipe:%d'`,
    "descriptor number included",
    { as: ["pipers"] },
  ),
  attack("segment writes pipe:%d to other descriptors", `ffmpeg ${IN} -map 0:v -c:v libx264 -f segment 'pipe:%d'`, "descriptor number included", {
    as: ["pipers"],
  }),
  attack(
    "image2 input: a %2f in the host (connected to 127.0.0.1:443)",
    `ffmpeg -f image2 -i 'https://127.0.0.1%2f.example.com/media/a%d.png' -c:v libx264 -b:v 1M /mnt/renders/o.mp4`,
    "ffmpeg expands the name, and its host with it",
    { as: ["wrapper-users"] },
  ),
  attack(
    "image2 input: the url cut at a '%' it cannot expand is read as it is",
    `ffmpeg -f image2 -i 'https://a.example.com/media/../../private/x%Y.png' -c:v libx264 -b:v 1M /mnt/renders/o.mp4`,
    "has '.' or '..' in its path",
    { as: ["wrapper-users"] },
  ),
  attack(
    "fifo picks its muxer from the name: x.m3u8 runs hls (wrote x0.ts beside it)",
    `ffmpeg ${IN} -map 0 ${ENC} -f fifo /mnt/renders/x.m3u8`,
    "runs the hls muxer, which opens files of its own",
  ),
  {
    name: "muxers: -fs does not stop fifo (302 KB written for -fs 100k; 102 KB without fifo)",
    command: `ffmpeg ${IN} -map 0:v -c:v libx264 -b:v 1M -maxrate 1M -bufsize 2M -s 1280x720 -r 20 -t 5 -fs 1M -f fifo -fifo_format mp4 /mnt/clips/a.mp4`,
    as: ["clippers"],
    facts: FACTS,
    expect: "deny",
    because: "fifo opens none itself",
  },
];

export const MUXER_LEGITIMATE: readonly Legitimate[] = [
  {
    name: "muxers: hls with delete_segments",
    command: `ffmpeg ${IN} ${ENC} -f hls -hls_flags delete_segments+independent_segments /mnt/renders/pl.m3u8`,
    facts: FACTS,
    expect: "allow",
  },
  { name: "muxers: hls append_list alone", command: `ffmpeg ${IN} ${ENC} -f hls -hls_flags +append_list /mnt/renders/pl.m3u8`, facts: FACTS, expect: "allow" },
  {
    name: "muxers: hls segments next to a playlist without an extension",
    command: `ffmpeg ${IN} ${ENC} -f hls /mnt/renders/live/pl`,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "muxers: a master playlist above %v variant directories",
    command: `ffmpeg ${TENANT_IN} ${TENANT_ENC} -f hls -var_stream_map v:0,name:hi -master_pl_name master.m3u8 /mnt/tenants/t1/out/u/%v/pl.m3u8`,
    as: TENANT,
    facts: TENANT_FACTS,
    expect: "allow",
  },
  {
    name: "muxers: an image2 sequence over https",
    command: `ffmpeg -f image2 -i 'https://a.example.com/media/a%d.png' -c:v libx264 -b:v 1M /mnt/renders/o.mp4`,
    as: ["wrapper-users"],
    expect: "allow",
  },
  {
    name: "muxers: hls into a directory with a dot in its name",
    command: `ffmpeg ${IN} ${ENC} -f hls /mnt/renders/v1.2/pl.m3u8`,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "muxers: two variants, their names split on a space",
    command: `ffmpeg ${IN} -map 0:v -map 0:v -c:v libx264 -b:v 1M -f hls -var_stream_map "v:0,name:hi v:1,name:lo" /mnt/renders/%v/pl.m3u8`,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "muxers: hls pushed over https, segments named after the playlist",
    command: `ffmpeg ${IN} ${ENC} -f hls -method PUT https://cdn.example.com/upload/pl.m3u8`,
    as: ["publishers"],
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "muxers: segment picks mpegts from the name",
    command: `ffmpeg ${IN} ${ENC} -f segment -segment_time 2 /mnt/renders/s%03d.ts`,
    facts: FACTS,
    expect: "allow",
  },
  { name: "muxers: fifo around an mp4 file", command: `ffmpeg ${IN} -map 0 ${ENC} -f fifo -fifo_format mp4 /mnt/renders/x.mp4`, facts: FACTS, expect: "allow" },
  {
    name: "muxers: images to stdout through image2pipe",
    command: `ffmpeg ${IN} -map 0:v -c:v mjpeg -frames:v 5 -f image2pipe -`,
    as: ["pipers"],
    facts: FACTS,
    expect: "allow",
  },
];
