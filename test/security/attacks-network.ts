// Attacks through option values written as numbers or keywords, wrapper protocols, side
// files named by other files, and url forms — each found by a second review and checked
// against the real ffmpeg 5.1 (strace, a listening socket, a recording HTTP server).

import { HD, type Attack, type Legitimate } from "./cases.js";

const IN = "-i /mnt/ingest/a.mov";
const FACTS = { "/mnt/ingest/a.mov": HD };
const ENC = "-c:v libx264 -b:v 5M -c:a aac -b:a 128k";
const WRAPPERS = ["wrapper-users"];
const deny = (name: string, command: string, because: string, as: readonly string[] = ["editors"]): Attack => ({
  name: `network: ${name}`,
  command,
  as,
  facts: FACTS,
  expect: "deny",
  because,
});
/** A url read without probing is pending its format, so each states what it holds. */
const allow = (name: string, command: string, as: readonly string[] = ["editors"], expect: Legitimate["expect"] = "allow"): Legitimate => ({
  name: `network: ${name}`,
  command,
  as,
  facts: { ...FACTS, ...Object.fromEntries([...command.matchAll(/-i (\S+:\/\/\S+)/g)].map((m) => [m[1]!, HD])) },
  expect,
});

export const NETWORK_ATTACKS: readonly Attack[] = [
  deny(
    "-safe no switches the protection off as -safe 0 does (an absolute path was read)",
    `ffmpeg -f concat -safe no -i /mnt/ingest/list.txt -c copy /mnt/renders/a.mkv`,
    "-safe no — -safe switches off",
  ),
  deny(
    "-rtsp_flags 2 is listen (port 8554 was bound)",
    `ffmpeg -rtsp_flags 2 -i rtsp://cam.example.com/a -c copy /mnt/renders/a.mkv`,
    "serve rtsp://cam.example.com/a",
  ),
  deny(
    "-listen_timeout 0x10 is positive (port 8554 was bound)",
    `ffmpeg -listen_timeout 0x10 -i rtsp://cam.example.com/a -c copy /mnt/renders/a.mkv`,
    "serve rtsp://cam.example.com/a",
  ),
  deny(
    "rtmp -timeout 0x10 listens (port 1935 was bound)",
    `ffmpeg ${IN} -c copy -f flv -timeout 0x10 rtmp://live.example.com/app/k`,
    "serve rtmp://live.example.com/app/k",
    ["publishers"],
  ),
  deny(
    "-listen 0 then -rtmp_listen 1 listens",
    `ffmpeg ${IN} -c copy -f flv -listen 0 -rtmp_listen 1 rtmp://live.example.com/app/k`,
    "serve rtmp://live.example.com/app/k",
    ["publishers"],
  ),
  deny(
    "srt -mode 1 is listener (UDP 9000 was bound)",
    `ffmpeg ${IN} -c copy -f mpegts -mode 1 srt://ingest.example.com:9000/live`,
    "serve srt://ingest.example.com:9000/live",
    ["publishers"],
  ),
  deny(
    "-pattern_type 1 is glob, braces and all (a secret was opened)",
    `ffmpeg -f image2 -pattern_type 1 -i '/mnt/ingest/{../../etc/*,x}.png' /mnt/renders/a.mp4`,
    "brace expansion in a glob",
  ),
  deny(
    "-hls_segment_type 1 is fmp4: its init file climbs out",
    `ffmpeg ${IN} -f hls -hls_segment_type 1 -hls_fmp4_init_filename ../escaped.mp4 /mnt/renders/p.m3u8`,
    "write /mnt/escaped.mp4",
  ),
  deny(
    "-graph_file replaces the lavfi graph with one nobody checked (it opened a movie)",
    `ffmpeg -f lavfi -graph_file /mnt/ingest/g.txt -i nullsrc=s=32x32:d=1 /mnt/renders/a.mp4`,
    "what that file holds cannot be checked",
  ),
  deny(
    "dash -hls_master_name is named next to the manifest, not the working directory",
    `ffmpeg ${IN} -f dash -hls_playlist 1 -hls_master_name ../../esc.m3u8 /mnt/renders/d/m.mpd`,
    "write /mnt/esc.m3u8",
  ),
  deny("dash -single_file_name climbs out", `ffmpeg ${IN} -f dash -single_file 1 -single_file_name ../../esc.mp4 /mnt/renders/d/m.mpd`, "write /mnt/esc.mp4"),
  deny(
    "-listen 1 through async: serves (port 80 was bound)",
    `ffmpeg -listen 1 -i async:http://cdn.example.com/media/a.mp4 /mnt/renders/a.mp4`,
    "serve http://cdn.example.com/media/a.mp4",
    WRAPPERS,
  ),
  deny(
    "-http_proxy through async: sends the request to the proxy",
    `ffmpeg -http_proxy http://10.0.0.9:8080 -i async:http://cdn.example.com/media/a.mp4 /mnt/renders/a.mp4`,
    "read http://10.0.0.9:8080 (-http_proxy)",
    WRAPPERS,
  ),
  deny(
    "-http_proxy under rtmps (the tls layer sent CONNECT to it)",
    `ffmpeg ${IN} -c copy -f flv -http_proxy http://10.0.0.9:8080 rtmps://live.example.com/app/k`,
    "publish http://10.0.0.9:8080 (-http_proxy)",
    ["publishers"],
  ),
  deny(
    "a line break in -user_agent smuggles headers and a second request",
    `ffmpeg -user_agent "x\r\nHost: evil" -i https://cdn.example.com/sources/a.mp4 ${ENC} /mnt/renders/a.mp4`,
    "holds a line break",
  ),
  deny(
    "[127.0.0.1]x.example.com connects to 127.0.0.1",
    `ffmpeg -i 'https://[127.0.0.1]x.example.com/media/a.mp4' ${ENC} /mnt/renders/a.mp4`,
    "read https://[127.0.0.1]x.example.com/media/a.mp4 (-i) — role wrapper_user reads nothing there",
    WRAPPERS,
  ),
];

export const NETWORK_LEGITIMATE: readonly Legitimate[] = [
  // The list's entries are read at run time: pending.
  allow("-safe 1 keeps the protection", `ffmpeg -f concat -safe 1 -i /mnt/ingest/list.txt -c copy /mnt/renders/a.mkv`, ["editors"], "allow-pending"),
  allow("-safe yes keeps the protection", `ffmpeg -f concat -safe yes -i /mnt/ingest/list.txt -c copy /mnt/renders/a.mkv`, ["editors"], "allow-pending"),
  allow("-rtsp_flags prefer_tcp fetches", `ffmpeg -rtsp_flags prefer_tcp -i rtsp://cam.example.com/a ${ENC} -s 1920x1080 /mnt/renders/a.mp4`),
  allow("-rtsp_transport tcp fetches", `ffmpeg -rtsp_transport tcp -i rtsp://cam.example.com/a ${ENC} -s 1920x1080 /mnt/renders/a.mp4`),
  allow("rtmp -timeout -1 (the default) publishes", `ffmpeg ${IN} -c copy -f flv -timeout -1 rtmp://live.example.com/app/k`, ["publishers"]),
  allow("srt -mode caller publishes", `ffmpeg ${IN} -c copy -f mpegts -mode caller srt://ingest.example.com:9000/live`, ["publishers"]),
  allow(
    "-pattern_type sequence reads numbered images",
    `ffmpeg -f image2 -pattern_type sequence -framerate 25 -i /mnt/ingest/shots/%03d.png ${ENC} -s 1280x720 /mnt/renders/a.mp4`,
  ),
  allow("-hls_segment_type mpegts writes no init file", `ffmpeg ${IN} ${ENC} -f hls -hls_segment_type mpegts /mnt/renders/p.m3u8`),
  allow("hls fmp4 with its init file next to the playlist", `ffmpeg ${IN} ${ENC} -f hls -hls_segment_type 1 /mnt/renders/p.m3u8`),
  allow("dash with an hls master next to the manifest", `ffmpeg ${IN} ${ENC} -f dash -hls_playlist 1 /mnt/renders/d/m.mpd`),
  allow("async: in front of a granted url", `ffmpeg -i async:http://cdn.example.com/media/a.mp4 ${ENC} -s 1920x1080 /mnt/renders/a.mp4`, WRAPPERS),
  allow("cache: in front of a granted url", `ffmpeg -i cache:http://cdn.example.com/media/a.mp4 ${ENC} -s 1920x1080 /mnt/renders/a.mp4`, WRAPPERS),
  allow(
    "a plain -user_agent",
    `ffmpeg -user_agent 'render-farm/1.0 (ffpolicy)' -i https://cdn.example.com/sources/a.mp4 ${ENC} -s 1920x1080 /mnt/renders/a.mp4`,
  ),
  allow("a host under the glob", `ffmpeg -i https://media1.example.com/media/a.mp4 ${ENC} -s 1920x1080 /mnt/renders/a.mp4`, WRAPPERS),
  allow("rtmp without a proxy", `ffmpeg ${IN} -c copy -f flv -rtmp_live live rtmp://live.example.com/app/k`, ["publishers"]),
  allow("-listen 0 fetches", `ffmpeg -listen 0 -i https://cdn.example.com/sources/a.mp4 ${ENC} -s 1920x1080 /mnt/renders/a.mp4`),
];
