// Commands the policy must keep allowing: for every route the attacks try, the honest use
// of it. `allow` means allowed with nothing left for run time (the facts given settle it);
// `allow-pending` means allowed, pending run-time checks (what only probing can tell).

import { AUDIO_ONLY, HD, HEVC, SD, VIDEO_ONLY, listing, type Legitimate } from "./cases.js";

const ENC = "-c:v libx264 -b:v 5M -c:a aac -b:a 128k";
const IN = "-i /mnt/ingest/a.mov";
const OUT = "/mnt/renders/a.mp4";
const RTMP = "rtmp://live.example.com/app/key";
/** Facts for the usual input, so an allow can be strict. */
const A_HD = { "/mnt/ingest/a.mov": HD };
const AB_HD = { "/mnt/ingest/a.mov": HD, "/mnt/ingest/b.mov": HD };
const alice = (claims: Record<string, unknown>) => ({ sub: "alice", ...claims }) as Legitimate["as"];

const HAND_WRITTEN: readonly Legitimate[] = [
  // ── the everyday encode ────────────────────────────────────────────────────────────
  { name: "everyday: an editor's render, input not probed", command: `ffmpeg ${IN} ${ENC} ${OUT}`, expect: "allow-pending" },
  { name: "everyday: an editor's render with the input's facts", command: `ffmpeg ${IN} ${ENC} ${OUT}`, facts: A_HD, expect: "allow" },
  {
    name: "everyday: common encoder settings",
    command: `ffmpeg -y -nostdin -hide_banner -loglevel error ${IN} -c:v libx264 -preset veryfast -tune film -profile:v high -level 4.1 -pix_fmt yuv420p -g 50 -b:v 5M -maxrate:v 6M -bufsize:v 12M -c:a aac -b:a 128k -ar 48000 -ac 2 -movflags +faststart -metadata title=Demo ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  { name: "everyday: trim and seek", command: `ffmpeg -ss 00:00:10 ${IN} -t 30 ${ENC} ${OUT}`, facts: A_HD, expect: "allow" },
  { name: "everyday: explicit -map of the first streams", command: `ffmpeg ${IN} -map 0:v:0 -map 0:a:0 ${ENC} ${OUT}`, facts: A_HD, expect: "allow" },
  {
    name: "everyday: video from one input, audio from another",
    command: `ffmpeg ${IN} -i /mnt/ingest/b.wav -map 0:v -map 1:a ${ENC} ${OUT}`,
    facts: { "/mnt/ingest/a.mov": HD, "/mnt/ingest/b.wav": AUDIO_ONLY },
    expect: "allow",
  },
  {
    name: "everyday: a complex graph scaling the video",
    command: `ffmpeg ${IN} -filter_complex '[0:v]scale=1280:720[v]' -map '[v]' -map 0:a ${ENC} ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "everyday: overlay of two granted inputs",
    command: `ffmpeg ${IN} -i /mnt/ingest/b.mov -filter_complex '[0:v][1:v]overlay=10:10[v]' -map '[v]' -map 0:a ${ENC} -s 1920x1080 ${OUT}`,
    facts: AB_HD,
    expect: "allow",
  },
  { name: "everyday: audio filters", command: `ffmpeg ${IN} ${ENC} -af volume=0.5,loudnorm ${OUT}`, facts: A_HD, expect: "allow" },
  { name: "everyday: size-keeping video filters", command: `ffmpeg ${IN} ${ENC} -vf yadif,hflip,eq=contrast=1.1 ${OUT}`, facts: A_HD, expect: "allow" },
  { name: "everyday: a constant scale", command: `ffmpeg ${IN} ${ENC} -vf scale=1280:720 ${OUT}`, expect: "allow-pending" },
  {
    name: "everyday: -s after a bigger scale sets the final size",
    command: `ffmpeg ${IN} ${ENC} -s 1920x1080 -vf scale=7680:4320 ${OUT}`,
    expect: "allow-pending",
  },
  { name: "everyday: -r and -s", command: `ffmpeg ${IN} ${ENC} -r 30 -s 1280x720 ${OUT}`, expect: "allow-pending" },
  { name: "everyday: video only", command: `ffmpeg ${IN} -an -c:v libx264 -b:v 5M ${OUT}`, facts: A_HD, expect: "allow" },
  { name: "everyday: audio only", command: `ffmpeg ${IN} -vn -c:a aac -b:a 128k /mnt/renders/a.m4a`, expect: "allow-pending" },
  {
    name: "everyday: two outputs, both within the grant",
    command: `ffmpeg ${IN} ${ENC} /mnt/renders/a.mp4 ${ENC} -s 1280x720 /mnt/renders/a-720.mp4`,
    facts: A_HD,
    expect: "allow",
  },
  { name: "everyday: a forced muxer whatever the extension", command: `ffmpeg ${IN} ${ENC} -f mp4 /mnt/renders/a.avi`, facts: A_HD, expect: "allow" },
  { name: "everyday: an upper-case extension", command: `ffmpeg ${IN} ${ENC} /mnt/renders/a.MP4`, facts: A_HD, expect: "allow" },
  { name: "everyday: threads and queue sizes", command: `ffmpeg -threads 4 ${IN} ${ENC} -max_muxing_queue_size 1024 ${OUT}`, facts: A_HD, expect: "allow" },
  { name: "everyday: a subtitle stream encoded as mov_text", command: `ffmpeg ${IN} ${ENC} -c:s mov_text ${OUT}`, facts: A_HD, expect: "allow" },

  // ── aliases and specifiers used honestly ───────────────────────────────────────────
  {
    name: "alias: a later -c:v wins over an earlier -c:v:0",
    command: `ffmpeg ${IN} -c:v:0 mpeg4 -c:v libx264 -b:v 5M -c:a aac -b:a 128k ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "alias: -c:v:0 libx265 after -c:v libx264 gives HEVC, which editors may use",
    command: `ffmpeg ${IN} -c:v libx264 -c:v:0 libx265 -b:v 5M -c:a aac -b:a 128k ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  { name: "alias: -vcodec and -acodec", command: `ffmpeg ${IN} -vcodec libx264 -acodec aac -b:v 5M -b:a 128k ${OUT}`, facts: A_HD, expect: "allow" },
  { name: "alias: bare -b is the video rate", command: `ffmpeg ${IN} -c:v libx264 -b 5M -c:a aac -b:a 128k ${OUT}`, facts: A_HD, expect: "allow" },
  { name: "alias: -vb and -ab", command: `ffmpeg ${IN} -c:v libx264 -vb 5M -c:a aac -ab 128k ${OUT}`, facts: A_HD, expect: "allow" },
  { name: "alias: -b:v after a bare -b wins", command: `ffmpeg ${IN} -c:v libx264 -b 50M -b:v 5M -c:a aac -b:a 128k ${OUT}`, facts: A_HD, expect: "allow" },
  {
    name: "alias: -ab:v is dropped, -b:a still caps the audio",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 5M -c:a aac -b:a 128k -ab:v 900k ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "specifier: per-stream rates for two video streams",
    command: `ffmpeg ${IN} -map 0:v -map 0:v -map 0:a -c:v libx264 -b:v:0 5M -b:v:1 2M -c:a aac -b:a 128k ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "specifier: an index specifier for the video rate",
    command: `ffmpeg ${IN} -c:v libx264 -b:0 5M -c:a aac -b:a 128k ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "specifier: a later -s wins",
    command: `ffmpeg ${IN} ${ENC} -s 3840x2160 -s:v:0 1280x720 -f flv ${RTMP}`,
    as: ["publishers"],
    expect: "allow-pending",
  },
  { name: "size abbreviation: hd1080", command: `ffmpeg ${IN} ${ENC} -s hd1080 -f flv ${RTMP}`, as: ["publishers"], expect: "allow-pending" },

  // ── bitrate caps that hold ─────────────────────────────────────────────────────────
  {
    name: "bitrate: CRF capped by -maxrate:v",
    command: `ffmpeg ${IN} -c:v libx264 -crf 20 -maxrate:v 5M -bufsize:v 10M -c:a aac -b:a 128k ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "bitrate: CRF capped by vbv-maxrate in the params string",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 5M -x264-params crf=18:vbv-maxrate=5000:vbv-bufsize=10000 -c:a aac -b:a 128k ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "bitrate: params bitrate= below -b:v",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 5M -x264-params bitrate=3000 -c:a aac -b:a 128k ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "bitrate: params bitrate= alone",
    command: `ffmpeg ${IN} -c:v libx264 -x264-params bitrate=5000 -c:a aac -b:a 128k ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "bitrate: x265 params bitrate=",
    command: `ffmpeg ${IN} -c:v libx265 -x265-params bitrate=5000 -c:a aac -b:a 128k ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "bitrate: harmless params keys",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 5M -x264-params keyint=50:bframes=2:ref=3 -c:a aac -b:a 128k ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "bitrate: -x264opts bitrate= within the limit",
    command: `ffmpeg ${IN} -c:v libx264 -x264opts bitrate=5000 -c:a aac -b:a 128k ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "bitrate: -maxrate and -bufsize with -b:v",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 5M -maxrate:v 8M -bufsize:v 16M -c:a aac -b:a 128k ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "bitrate: a renderer at 15M (claim level '7')",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 15M -c:a aac -b:a 128k ${OUT}`,
    as: { sub: "render-1", level: "7" },
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "bitrate: a renderer through a nested claim",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 15M -c:a aac -b:a 128k ${OUT}`,
    as: { sub: "render-2", org: { roles: ["renderer"] } },
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "bitrate: a renderer through a nested single-string claim",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 15M -c:a aac -b:a 128k ${OUT}`,
    as: { sub: "render-3", org: { roles: "renderer" } },
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "bitrate: the ci-bot subject is a renderer",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 20M -c:a aac -b:a 128k ${OUT}`,
    as: { sub: "ci-bot" },
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "bitrate: nvenc with a cap, for the GPU role",
    command: `ffmpeg ${IN} -c:v h264_nvenc -b:v 5M -maxrate 5M -an ${OUT}`,
    as: ["gpu-renderers"],
    expect: "allow-pending",
  },
  {
    name: "bitrate: nvenc with -hwaccel cuda, for the GPU role",
    command: `ffmpeg -hwaccel cuda ${IN} -c:v h264_nvenc -b:v 5M -an ${OUT}`,
    as: ["gpu-renderers"],
    expect: "allow-pending",
  },
  { name: "bitrate: hevc_nvenc, for the GPU role", command: `ffmpeg ${IN} -c:v hevc_nvenc -b:v 6M -an ${OUT}`, as: ["gpu-renderers"], expect: "allow-pending" },

  // ── default encoders ───────────────────────────────────────────────────────────────
  { name: "default encoder: mp4 gives libx264 and aac", command: `ffmpeg ${IN} -b:v 5M -b:a 128k ${OUT}`, facts: A_HD, expect: "allow" },
  { name: "default encoder: webm gives vp9 and opus", command: `ffmpeg ${IN} -b:v 5M -b:a 128k /mnt/renders/a.webm`, facts: A_HD, expect: "allow" },
  {
    name: "default encoder: image2 .jpg gives mjpeg",
    command: "ffmpeg -i /mnt/ingest/a.mov -vframes 1 /mnt/thumbs/a.jpg",
    as: ["thumbnailers"],
    expect: "allow-pending",
  },
  {
    name: "default encoder: an image2 sequence of .jpg",
    command: "ffmpeg -i /mnt/ingest/a.mov -vf fps=1 /mnt/thumbs/%04d.jpg",
    as: ["thumbnailers"],
    expect: "allow-pending",
  },
  {
    name: "default encoder: image2 -update 1 .jpg",
    command: "ffmpeg -ss 10 -i /mnt/ingest/a.mov -frames:v 1 -f image2 -update 1 /mnt/thumbs/poster.jpg",
    as: ["thumbnailers"],
    expect: "allow-pending",
  },
  {
    name: "default encoder: an explicit mjpeg for .jpeg",
    command: "ffmpeg -i /mnt/ingest/a.mov -frames:v 1 -c:v mjpeg /mnt/thumbs/a.jpeg",
    as: ["thumbnailers"],
    expect: "allow-pending",
  },
  {
    name: "default encoder: mkv with codecs named",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 5M -c:a libopus -b:a 128k /mnt/renders/a.mkv`,
    facts: A_HD,
    expect: "allow",
  },
  { name: "default encoder: mpegts with codecs named", command: `ffmpeg ${IN} ${ENC} /mnt/renders/a.ts`, facts: A_HD, expect: "allow" },
  {
    name: "default encoder: -f segment with codecs named",
    command: `ffmpeg ${IN} ${ENC} -f segment -segment_time 10 /mnt/renders/seg%03d.ts`,
    facts: A_HD,
    expect: "allow",
  },

  // ── stream copy ────────────────────────────────────────────────────────────────────
  { name: "copy: an H.264/AAC input the facts describe", command: `ffmpeg ${IN} -c copy ${OUT}`, facts: A_HD, expect: "allow" },
  { name: "copy: an unprobed input (the enforcer probes it)", command: `ffmpeg ${IN} -c copy ${OUT}`, expect: "allow-pending" },
  { name: "copy: video copied, audio re-encoded", command: `ffmpeg ${IN} -c:v copy -c:a aac -b:a 128k ${OUT}`, facts: A_HD, expect: "allow" },
  { name: "copy: HEVC copied for an editor", command: `ffmpeg ${IN} -c copy /mnt/renders/a.mkv`, facts: { "/mnt/ingest/a.mov": HEVC }, expect: "allow" },
  { name: "copy: to mpegts with a bitstream filter", command: `ffmpeg ${IN} -c copy -bsf:v h264_mp4toannexb /mnt/renders/a.ts`, facts: A_HD, expect: "allow" },
  { name: "copy: a publisher restreaming H.264", command: `ffmpeg -re ${IN} -c copy -f flv ${RTMP}`, as: ["publishers"], facts: A_HD, expect: "allow" },
  { name: "copy: a video-only input", command: `ffmpeg ${IN} -c copy ${OUT}`, facts: { "/mnt/ingest/a.mov": VIDEO_ONLY }, expect: "allow" },
  {
    name: "copy: an archivist copies a secret into the archive",
    command: "ffmpeg -i /secret/a.mov -c copy /mnt/archive/a.mov",
    as: ["archivists"],
    expect: "allow-pending",
  },

  // ── tee, hls, dash, segment ────────────────────────────────────────────────────────
  {
    name: "tee: two branches inside the write grant",
    command: `ffmpeg ${IN} -map 0 ${ENC} -f tee '[f=mp4]/mnt/renders/a.mp4|[f=mpegts]/mnt/renders/a.ts'`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "tee: a publisher sending to two granted ingest points",
    command: `ffmpeg ${IN} -map 0 ${ENC} -f tee '[f=flv]rtmp://live.example.com/app/a|[f=flv:onfail=ignore]rtmp://live.example.com/app/b'`,
    as: ["publishers"],
    facts: A_HD,
    expect: "allow",
  },
  { name: "hls: default segment names next to the playlist", command: `ffmpeg ${IN} ${ENC} -f hls /mnt/renders/hls/a.m3u8`, facts: A_HD, expect: "allow" },
  {
    name: "hls: named segments inside the grant",
    command: `ffmpeg ${IN} ${ENC} -f hls -hls_time 4 -hls_segment_filename /mnt/renders/hls/seg%05d.ts /mnt/renders/hls/a.m3u8`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "hls: a master playlist next to the variant",
    command: `ffmpeg ${IN} ${ENC} -f hls -master_pl_name master.m3u8 /mnt/renders/hls/a.m3u8`,
    facts: A_HD,
    expect: "allow",
  },
  { name: "hls: fmp4 segments", command: `ffmpeg ${IN} ${ENC} -f hls -hls_segment_type fmp4 /mnt/renders/hls/a.m3u8`, facts: A_HD, expect: "allow" },
  {
    name: "hls: a key info file from the read grant",
    command: `ffmpeg ${IN} ${ENC} -f hls -hls_key_info_file /mnt/ingest/key.info /mnt/renders/hls/a.m3u8`,
    facts: A_HD,
    expect: "allow-pending",
  },
  { name: "hls: implied by the .m3u8 extension", command: `ffmpeg ${IN} ${ENC} -hls_time 6 /mnt/renders/hls/b.m3u8`, facts: A_HD, expect: "allow" },
  {
    name: "hls: a custom fmp4 init name next to the playlist",
    command: `ffmpeg ${IN} ${ENC} -f hls -hls_segment_type fmp4 -hls_fmp4_init_filename init-a.mp4 /mnt/renders/hls/a.m3u8`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "hls: a subtitle playlist inside the grant",
    command: `ffmpeg ${IN} ${ENC} -f hls -hls_subtitle_path /mnt/renders/hls/subs.m3u8 /mnt/renders/hls/a.m3u8`,
    facts: A_HD,
    expect: "allow",
  },
  { name: "dash: implied by the .mpd extension", command: `ffmpeg ${IN} ${ENC} /mnt/renders/dash/b.mpd`, facts: A_HD, expect: "allow" },
  {
    name: "webm_chunk: header and chunks inside the grant",
    command:
      "ffmpeg -i /mnt/ingest/a.mov -map 0:v -c:v libvpx-vp9 -b:v 5M -f webm_chunk -header /mnt/renders/h.hdr -chunk_start_index 1 /mnt/renders/chunk_%d.chk",
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "smoothstreaming: a manifest directory inside the grant",
    command: `ffmpeg ${IN} ${ENC} -f smoothstreaming /mnt/renders/ss`,
    facts: A_HD,
    expect: "allow",
  },
  { name: "dash: default segment names", command: `ffmpeg ${IN} ${ENC} -f dash /mnt/renders/dash/a.mpd`, facts: A_HD, expect: "allow" },
  {
    name: "segment: a list inside the grant",
    command: `ffmpeg ${IN} ${ENC} -f segment -segment_list /mnt/renders/list.csv /mnt/renders/seg%03d.ts`,
    facts: A_HD,
    expect: "allow",
  },

  {
    name: "image2: a glob input inside the read grant",
    command: "ffmpeg -f image2 -pattern_type glob -i '/mnt/ingest/shots/*.png' -c:v libx264 -b:v 1M -s 1280x720 -an /mnt/renders/a.mp4",
    expect: "allow",
  },
  {
    name: "image2: a numbered sequence inside the read grant",
    command: "ffmpeg -framerate 25 -i /mnt/ingest/shots/%03d.png -an -c:v libx264 -b:v 1M -s 1280x720 /mnt/renders/a.mp4",
    expect: "allow",
  },
  { name: "null muxer: decode only, nothing written", command: `ffmpeg ${IN} ${ENC} -f null -`, expect: "allow-pending" },
  {
    name: "thumbnail: scaled poster",
    command: "ffmpeg -i /mnt/ingest/a.mov -vf scale=320:-2 -frames:v 1 /mnt/thumbs/a.jpg",
    as: ["thumbnailers"],
    expect: "allow-pending",
  },

  // ── side channels inside the grant ─────────────────────────────────────────────────
  { name: "side channel: -progress into the write grant", command: `ffmpeg -progress /mnt/renders/p.txt ${IN} ${ENC} ${OUT}`, facts: A_HD, expect: "allow" },
  {
    name: "side channel: -progress to standard output for a pipe user",
    command: `ffmpeg -progress pipe:1 ${IN} -c:v libx264 -b:v 5M -c:a aac -f null -`,
    as: ["pipers"],
    expect: "allow-pending",
  },
  {
    name: "side channel: -vstats_file into the write grant",
    command: `ffmpeg -vstats_file /mnt/renders/v.log ${IN} ${ENC} ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "side channel: -vstats with the working directory in the grant",
    command: `ffmpeg -vstats ${IN} ${ENC} ${OUT}`,
    cwd: "/mnt/renders",
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "side channel: two-pass, pass 1",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 5M -pass 1 -passlogfile /mnt/renders/x -an -f null -`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "side channel: two-pass, pass 2 reading its log from the read grant",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 5M -pass 2 -passlogfile /mnt/ingest/stats/x -c:a aac -b:a 128k ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "side channel: two-pass with the default log in a granted working directory",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 5M -pass 1 -an -f null -`,
    cwd: "/mnt/renders",
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "side channel: -attach a granted font",
    command: `ffmpeg ${IN} ${ENC} -attach /mnt/ingest/font.ttf -metadata:s:t mimetype=application/x-truetype-font /mnt/renders/a.mkv`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "side channel: -dump_attachment to a named file in the grant",
    command: `ffmpeg -dump_attachment:t /mnt/renders/font.ttf -i /mnt/ingest/a.mkv ${ENC} ${OUT}`,
    facts: { "/mnt/ingest/a.mkv": HD },
    expect: "allow",
  },
  {
    name: "side channel: x264 stats into the write grant",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 5M -x264-params stats=/mnt/renders/s.log -c:a aac -b:a 128k ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "side channel: x265 csv into the write grant",
    command: `ffmpeg ${IN} -c:v libx265 -b:v 5M -x265-params csv=/mnt/renders/c.csv -c:a aac -b:a 128k ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "side channel: x264 cqmfile from the read grant",
    command: `ffmpeg ${IN} -c:v libx264 -b:v 5M -x264-params cqmfile=/mnt/ingest/cqm.txt -c:a aac -b:a 128k ${OUT}`,
    facts: A_HD,
    expect: "allow",
  },

  // ── filters used within the grants ─────────────────────────────────────────────────
  {
    name: "filter: a grader's movie from the LUT directory",
    command: "ffmpeg -i /mnt/ingest/a.mov -vf 'movie=/mnt/luts/logo.png[l];[in][l]overlay' /mnt/graded/a.mp4",
    as: ["graders"],
    expect: "allow-pending",
  },
  {
    name: "filter: a grader's lut3d file=",
    command: "ffmpeg -i /mnt/ingest/a.mov -vf lut3d=file=/mnt/luts/a.cube /mnt/graded/a.mp4",
    as: ["graders"],
    expect: "allow-pending",
  },
  {
    name: "filter: a grader's lut3d positional file",
    command: "ffmpeg -i /mnt/ingest/a.mov -vf lut3d=/mnt/luts/a.cube /mnt/graded/a.mp4",
    as: ["graders"],
    expect: "allow-pending",
  },
  {
    name: "filter: drawtext with a granted font",
    command: "ffmpeg -i /mnt/ingest/a.mov -vf 'drawtext=text=hi:fontfile=/mnt/luts/f.ttf' /mnt/graded/a.mp4",
    as: ["graders"],
    expect: "allow-pending",
  },
  {
    name: "filter: drawtext with a granted text file",
    command: "ffmpeg -i /mnt/ingest/a.mov -vf drawtext=textfile=/mnt/ingest/credits.txt /mnt/graded/a.mp4",
    as: ["graders"],
    expect: "allow-pending",
  },
  {
    name: "filter: ssim stats into the write grant",
    command: "ffmpeg -i /mnt/ingest/a.mov -i /mnt/ingest/b.mov -lavfi ssim=stats_file=/mnt/graded/ssim.log -f null -",
    as: ["graders"],
    expect: "allow-pending",
  },
  {
    name: "filter: psnr stats into the write grant",
    command: "ffmpeg -i /mnt/ingest/a.mov -i /mnt/ingest/b.mov -lavfi '[0:v][1:v]psnr=stats_file=/mnt/graded/psnr.log' -f null -",
    as: ["graders"],
    expect: "allow-pending",
  },
  {
    name: "filter: vidstabdetect into the write grant",
    command: "ffmpeg -i /mnt/ingest/a.mov -vf vidstabdetect=result=/mnt/graded/t.trf -f null -",
    as: ["graders"],
    expect: "allow-pending",
  },
  {
    name: "filter: metadata print into the write grant",
    command: "ffmpeg -i /mnt/ingest/a.mov -vf metadata=mode=print:file=/mnt/graded/m.txt /mnt/graded/a.mp4",
    as: ["graders"],
    expect: "allow-pending",
  },
  {
    name: "filter: zmq for the role that allows it",
    command: "ffmpeg -i /mnt/ingest/a.mov -vf zmq,drawtext=text=x /mnt/graded/a.mp4",
    as: ["graders"],
    expect: "allow-pending",
  },
  {
    name: "filter: subtitles, through a second role that does not deny it",
    command: `ffmpeg ${IN} -vf subtitles=/mnt/ingest/s.srt ${ENC} ${OUT}`,
    as: ["editors", "concat-users"],
    expect: "allow-pending",
  },
  {
    name: "lavfi input: a test source",
    command: "ffmpeg -f lavfi -i testsrc=duration=5:size=1280x720:rate=25 -c:v libx264 -b:v 1M /mnt/graded/t.mp4",
    as: ["graders"],
    expect: "allow",
  },
  { name: "lavfi input: a sine tone", command: "ffmpeg -f lavfi -i sine=f=440 -t 5 -c:a aac /mnt/graded/a.m4a", as: ["graders"], expect: "allow" },
  { name: "lavfi input: amovie from the grant", command: "ffmpeg -f lavfi -i amovie=/mnt/luts/a.wav /mnt/graded/a.m4a", as: ["graders"], expect: "allow" },
  {
    name: "lavfi input: movie from the grant, relative to a granted working directory",
    command: "ffmpeg -f lavfi -i movie=logo.mp4 /mnt/graded/a.mp4",
    as: ["graders"],
    cwd: "/mnt/luts",
    expect: "allow",
  },

  // ── protocols and lists granted ────────────────────────────────────────────────────
  {
    name: "nested: concat: for the concat role",
    command: `ffmpeg -i 'concat:/mnt/ingest/a.ts|/mnt/ingest/b.ts' ${ENC} ${OUT}`,
    as: ["concat-users"],
    expect: "allow-pending",
  },
  {
    name: "lists: the concat demuxer with -safe 0 for the concat role",
    command: `ffmpeg -f concat -safe 0 -i /mnt/ingest/list.txt ${ENC} ${OUT}`,
    as: ["concat-users"],
    expect: "allow-pending",
  },
  {
    name: "lists: a concat list whose entries are known and granted",
    command: `ffmpeg -f concat -i /mnt/ingest/list.txt ${ENC} ${OUT}`,
    facts: { "/mnt/ingest/list.txt": listing("/mnt/ingest/a.mp4", "/mnt/ingest/b.mp4") },
    expect: "allow",
  },
  {
    name: "lists: a local playlist whose segments are known and granted",
    command: `ffmpeg -i /mnt/ingest/list.m3u8 ${ENC} ${OUT}`,
    facts: { "/mnt/ingest/list.m3u8": listing("/mnt/ingest/seg0.ts", "/mnt/ingest/seg1.ts") },
    expect: "allow",
  },
  { name: "lists: a local playlist not yet probed", command: `ffmpeg -i /mnt/ingest/list.m3u8 ${ENC} ${OUT}`, expect: "allow-pending" },
  { name: "lists: a concat list not yet probed", command: `ffmpeg -safe 1 -f concat -i /mnt/ingest/list.txt ${ENC} ${OUT}`, expect: "allow-pending" },

  // ── network reads and publishing ───────────────────────────────────────────────────
  {
    name: "network: an editor reads a granted https source",
    command: `ffmpeg -i https://cdn.example.com/sources/a.mp4 ${ENC} ${OUT}`,
    expect: "allow-pending",
  },
  {
    name: "network: https with its default port written out",
    command: `ffmpeg -i https://cdn.example.com:443/sources/a.mp4 ${ENC} ${OUT}`,
    expect: "allow-pending",
  },
  { name: "network: https with credentials", command: `ffmpeg -i https://user:pw@cdn.example.com/sources/a.mp4 ${ENC} ${OUT}`, expect: "allow-pending" },
  {
    name: "network: a granted https playlist (its segments are probed at run time)",
    command: `ffmpeg -i https://cdn.example.com/sources/x.m3u8 ${ENC} ${OUT}`,
    expect: "allow-pending",
  },
  { name: "network: an upper-case host", command: `ffmpeg -i https://CDN.Example.COM/sources/a.mp4 ${ENC} ${OUT}`, expect: "allow-pending" },
  {
    name: "network: an RTSP camera the editor may read",
    command: `ffmpeg -rtsp_transport tcp -i rtsp://cam.example.com/stream1 ${ENC} -s 1920x1080 /mnt/renders/cam.mp4`,
    expect: "allow-pending",
  },
  { name: "publish: rtmp", command: `ffmpeg -re ${IN} ${ENC} -f flv ${RTMP}`, as: ["publishers"], facts: A_HD, expect: "allow" },
  { name: "publish: rtmp without facts", command: `ffmpeg -re ${IN} ${ENC} -f flv ${RTMP}`, as: ["publishers"], expect: "allow-pending" },
  {
    name: "publish: rtmp host in another case",
    command: `ffmpeg ${IN} ${ENC} -f flv rtmp://LIVE.Example.COM/app/key`,
    as: ["publishers"],
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "publish: rtmp with its default port written out",
    command: `ffmpeg ${IN} ${ENC} -f flv rtmp://live.example.com:1935/app/key`,
    as: ["publishers"],
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "publish: -rtmp_app naming the granted app",
    command: `ffmpeg ${IN} ${ENC} -rtmp_app app -f flv ${RTMP}`,
    as: ["publishers"],
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "publish: -rtmp_playpath naming another granted key",
    command: `ffmpeg ${IN} ${ENC} -rtmp_playpath key2 -f flv ${RTMP}`,
    as: ["publishers"],
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "publish: srt as a caller",
    command: `ffmpeg ${IN} ${ENC} -f mpegts srt://ingest.example.com:9000/live`,
    as: ["publishers"],
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "publish: https upload with -tls_verify 1",
    command: `ffmpeg ${IN} ${ENC} -tls_verify 1 -f mp4 -movflags frag_keyframe https://cdn.example.com/upload/a.mp4`,
    as: ["publishers"],
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "publish: an RTSP restream",
    command: `ffmpeg ${IN} ${ENC} -f rtsp rtsp://restream.example.com:8554/live/cam1`,
    as: ["publishers"],
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "listen: an rtmp ingest server where allow listen says so (docs/language.md's own example role)",
    command: "ffmpeg -listen 1 -i rtmp://0.0.0.0:1935/live/cam -c copy /mnt/ingest/live/cam.flv",
    as: ["ingest-servers"],
    expect: "allow-pending",
  },

  // ── devices granted ────────────────────────────────────────────────────────────────
  {
    name: "device: the camera role captures v4l2",
    command: "ffmpeg -f v4l2 -framerate 25 -video_size 1280x720 -i /dev/video0 -c:v libx264 -b:v 5M /mnt/captures/a.mp4",
    as: ["camera-operators"],
    expect: "allow",
  },
  {
    name: "device: camera and editor each do their own output",
    command: "ffmpeg -f v4l2 -i /dev/video0 -c:v libx264 -b:v 5M /mnt/captures/a.mp4",
    as: ["editors", "camera-operators"],
    expect: "allow",
  },

  // ── protections left on, or switched off by a role allowed to ──────────────────────
  {
    name: "protection: -safe 1 is the default and allowed",
    command: `ffmpeg -f concat -safe 1 -i /mnt/ingest/list.txt ${ENC} ${OUT}`,
    facts: { "/mnt/ingest/list.txt": listing("/mnt/ingest/a.mp4") },
    expect: "allow",
  },
  {
    name: "protection: -tls_verify 1 on a read",
    command: `ffmpeg -tls_verify 1 -i https://cdn.example.com/sources/a.mp4 ${ENC} ${OUT}`,
    expect: "allow-pending",
  },
  {
    name: "protection: -extension_picky 1",
    command: `ffmpeg -extension_picky 1 -i /mnt/ingest/a.m3u8 ${ENC} ${OUT}`,
    facts: { "/mnt/ingest/a.m3u8": listing("/mnt/ingest/seg0.ts") },
    expect: "allow",
  },

  // ── paths and pipes ────────────────────────────────────────────────────────────────
  {
    name: "path: a relative input from a granted working directory",
    command: `ffmpeg -i a.mov ${ENC} ${OUT}`,
    cwd: "/mnt/ingest",
    facts: { "a.mov": HD },
    expect: "allow",
  },
  {
    name: "path: a relative output into a granted working directory",
    command: `ffmpeg ${IN} ${ENC} out.mp4`,
    cwd: "/mnt/renders",
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "path: '..' that lands inside the grant",
    command: `ffmpeg -i ../ingest/a.mov ${ENC} ./b.mp4`,
    cwd: "/mnt/renders",
    facts: { "../ingest/a.mov": HD },
    expect: "allow",
  },
  { name: "path: file: prefix", command: `ffmpeg ${IN} ${ENC} file:/mnt/renders/a.mp4`, facts: A_HD, expect: "allow" },
  { name: "path: file:// form", command: `ffmpeg ${IN} ${ENC} file:///mnt/renders/a.mp4`, facts: A_HD, expect: "allow" },
  { name: "path: '.' and '//' segments", command: `ffmpeg ${IN} ${ENC} /mnt/renders/./x//a.mp4`, facts: A_HD, expect: "allow" },
  {
    name: "path: an output name starting with '-' after --, inside the grant",
    command: `ffmpeg ${IN} ${ENC} -- -ok.mp4`,
    cwd: "/mnt/renders",
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "stdout: - for a role with write stdout",
    command: `ffmpeg ${IN} ${ENC} -f mp4 -movflags frag_keyframe+empty_moov -`,
    as: ["pipers"],
    facts: A_HD,
    expect: "allow",
  },
  { name: "stdout: pipe:1", command: `ffmpeg ${IN} ${ENC} -f mpegts pipe:1`, as: ["pipers"], facts: A_HD, expect: "allow" },
  { name: "stdout: pipe:", command: `ffmpeg ${IN} ${ENC} -f mpegts pipe:`, as: ["pipers"], facts: A_HD, expect: "allow" },
  { name: "stdin to stdout", command: "ffmpeg -i - -c:v libx264 -c:a aac -f mpegts -", as: ["pipers"], expect: "allow-pending" },

  // ── information only ───────────────────────────────────────────────────────────────
  { name: "info: -version", command: "ffmpeg -version", expect: "allow" },
  { name: "info: -version with no role at all", command: "ffmpeg -version", as: { sub: "nobody" }, expect: "allow" },
  { name: "info: -hide_banner -version", command: "ffmpeg -hide_banner -version", as: { sub: "nobody" }, expect: "allow" },
  { name: "info: -encoders", command: "ffmpeg -encoders", as: { sub: "nobody" }, expect: "allow" },
  { name: "info: -h encoder=libx264", command: "ffmpeg -h encoder=libx264", as: { sub: "nobody" }, expect: "allow" },
  { name: "info: -formats", command: "ffmpeg -formats", as: { sub: "nobody" }, expect: "allow" },
  { name: "info: -filters", command: "ffmpeg -filters", as: { sub: "nobody" }, expect: "allow" },
  { name: "info: -protocols", command: "ffmpeg -protocols", as: { sub: "nobody" }, expect: "allow" },
  {
    name: "info: -version swallows the rest: nothing is opened",
    command: "ffmpeg -version -i /secret/a.mov /tmp/x.mp4",
    as: { sub: "nobody" },
    expect: "allow",
  },

  // ── identities ─────────────────────────────────────────────────────────────────────
  {
    name: "claims: a single-string group counts as a set of one",
    command: `ffmpeg ${IN} ${ENC} ${OUT}`,
    as: alice({ groups: "editors" }),
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "claims: many groups",
    command: `ffmpeg ${IN} ${ENC} ${OUT}`,
    as: alice({ groups: ["staff", "editors", "vpn-users"] }),
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "claims: extra unrelated claims",
    command: `ffmpeg ${IN} ${ENC} ${OUT}`,
    as: alice({ groups: ["editors"], email: "alice@example.com", amr: ["pwd", "mfa"], org: { id: 5 } }),
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "template: a tenant in its own directories",
    command: "ffmpeg -i /mnt/tenants/acme/in/a.mov -c:v libx264 -b:v 3M -c:a aac -b:a 96k /mnt/tenants/acme/out/alice/a.mp4",
    as: alice({ groups: ["tenants"], tenant: "acme" }),
    expect: "allow-pending",
  },
  {
    name: "template: a numeric tenant",
    command: "ffmpeg -i /mnt/tenants/42/in/a.mov -c:v libx264 -b:v 3M -c:a aac -b:a 96k /mnt/tenants/42/out/alice/a.mp4",
    as: alice({ groups: ["tenants"], tenant: 42 }),
    expect: "allow-pending",
  },
  {
    name: "template: a tenant with dots and dashes",
    command: "ffmpeg -i /mnt/tenants/acme-eu.1/in/a.mov -c:v libx264 -b:v 3M -c:a aac -b:a 96k /mnt/tenants/acme-eu.1/out/alice/a.mp4",
    as: alice({ groups: ["tenants"], tenant: "acme-eu.1" }),
    expect: "allow-pending",
  },
  {
    name: "template: a tenant publishing to its own app",
    command: "ffmpeg -i /mnt/tenants/acme/in/a.mov -c:v libx264 -b:v 3M -c:a aac -b:a 96k -f flv rtmp://live.example.com/acme/key",
    as: alice({ groups: ["tenants"], tenant: "acme" }),
    expect: "allow-pending",
  },
  {
    name: "template: a tenant in a nested subdirectory of its own",
    command: "ffmpeg -i /mnt/tenants/acme/in/2024/a.mov -c:v libx264 -b:v 3M -c:a aac -b:a 96k /mnt/tenants/acme/out/alice/2024/05/a.mp4",
    as: alice({ groups: ["tenants"], tenant: "acme" }),
    expect: "allow-pending",
  },

  {
    name: "archivist: a nested secret into the archive",
    command: "ffmpeg -i /secret/2024/b.mkv -c copy /mnt/archive/2024/b.mkv",
    as: ["archivists"],
    expect: "allow-pending",
  },
  {
    name: "archivist: relative names from inside the secret directory",
    command: "ffmpeg -i a.mov -c copy ../mnt/archive/a.mov",
    as: ["archivists"],
    cwd: "/secret",
    expect: "allow-pending",
  },
  {
    name: "archivist: file: prefix on a granted read",
    command: "ffmpeg -i file:/secret/a.mov -c copy /mnt/archive/a.mov",
    as: ["archivists"],
    expect: "allow-pending",
  },
  {
    name: "archivist: -attach from the read grant",
    command: "ffmpeg -i /secret/a.mov -attach /secret/notes.txt -metadata:s:t mimetype=text/plain -c copy /mnt/archive/a.mkv",
    as: ["archivists"],
    expect: "allow-pending",
  },
  {
    name: "archivist: two secrets into one archive file",
    command: "ffmpeg -i /secret/a.mov -i /secret/b.wav -map 0:v -map 1:a -c copy /mnt/archive/ab.mkv",
    as: ["archivists"],
    expect: "allow-pending",
  },
  {
    name: "concat role: copying with no codec limits",
    command: "ffmpeg -i /mnt/ingest/a.mov -c copy /mnt/renders/a.mkv",
    as: ["concat-users"],
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "grader: a lavfi source graph with a zmq control socket",
    command: "ffmpeg -f lavfi -i testsrc=d=1,zmq -c:v libx264 -b:v 1M /mnt/graded/t.mp4",
    as: ["graders"],
    expect: "allow",
  },

  // ── roles per output ───────────────────────────────────────────────────────────────
  {
    name: "per output: the secret to the archive, the ingest to the stream (mapped, no metadata or chapters copied)",
    command: `ffmpeg -i /secret/a.mov -i /mnt/ingest/b.mov -map 0 -map_chapters 0 -c copy /mnt/archive/a.mov -map 1 -map_metadata -1 -map_chapters -1 ${ENC} -f flv ${RTMP}`,
    as: ["archivists", "publishers"],
    facts: { "/secret/a.mov": HD, "/mnt/ingest/b.mov": HD },
    expect: "allow",
  },
  {
    name: "per output: an editor's render and a thumbnailer's poster",
    command: `ffmpeg ${IN} ${ENC} ${OUT} -frames:v 1 /mnt/thumbs/a.jpg`,
    as: ["editors", "thumbnailers"],
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "per output: an editor's render and a publisher's stream",
    command: `ffmpeg ${IN} ${ENC} ${OUT} ${ENC} -f flv ${RTMP}`,
    as: ["editors", "publishers"],
    facts: A_HD,
    expect: "allow",
  },
  {
    name: "per output: the editor's render at 720p and 1080p",
    command: `ffmpeg ${IN} ${ENC} -s 1920x1080 /mnt/renders/a-1080.mp4 ${ENC} -s 1280x720 /mnt/renders/a-720.mp4`,
    facts: { "/mnt/ingest/a.mov": SD },
    expect: "allow",
  },
];

// ── generated: the same honest command across the values a limit allows ───────────────

const VIDEO_RATES = ["8M", "8000k", "8000000", "7.5M", "5M", "1M", "500k", "2*4M", "1000"];
const VIDEO_ENCODERS: readonly [string, string][] = [
  ["libx264", "/mnt/renders/r.mp4"],
  ["libx265", "/mnt/renders/r.mp4"],
  ["libvpx-vp9", "/mnt/renders/r.webm"],
  ["libaom-av1", "/mnt/renders/r.mkv"],
];
const AUDIO: readonly [string, string, string][] = [
  ["aac", "320k", "/mnt/renders/r.m4a"],
  ["aac", "128k", "/mnt/renders/r.m4a"],
  ["aac", "64000", "/mnt/renders/r.m4a"],
  ["libopus", "320k", "/mnt/renders/r.opus"],
  ["libopus", "96k", "/mnt/renders/r.opus"],
  ["libopus", "6000", "/mnt/renders/r.opus"],
];
const RESOLUTIONS = ["3840x2160", "2560x1440", "1920x1080", "1280x720", "640x360", "2160x2160", "hd720", "hd1080", "qhd"];
const PUBLISH_KEYS = ["key", "stream-1", "a.b", "UPPER", "k_1"];
const TENANTS = ["acme", "globex", "initech", "a", "t-1", "x.y"];
const INPUT_NAMES = [
  "a.mov",
  "sub/dir/b.mkv",
  "with space.mp4",
  "2024-05-01/c.mxf",
  "ünïcödé.mov",
  "weird,name;x.ts",
  "-dash-first.mov",
  "paren (1) [x].mov",
  "#hash.mov",
  "a..b.mov",
];
const PRESETS = ["ultrafast", "veryfast", "fast", "medium", "slow", "veryslow"];
const FRAME_RATES = ["24", "25", "30", "50", "60", "30000/1001", "ntsc"];
/** Not 0: x264 takes -crf 0 as a constant quantiser and drops -maxrate (attacks-encoders.ts). */
const CRF_UNDER_MAXRATE = ["1", "18", "23", "28", "51"];
const COPY_CONTAINERS = ["a.mp4", "a.mkv", "a.mov", "a.ts", "a.flv", "a.m4v"];
const SIDE_FILES: readonly [string, string][] = [
  ["-progress", "/mnt/renders/logs/progress.txt"],
  ["-vstats_file", "/mnt/renders/logs/vstats.log"],
  ["-progress", "file:/mnt/renders/logs/p2.txt"],
];
const GROUP_SETS: readonly (readonly string[])[] = [
  ["editors", "publishers"],
  ["editors", "archivists"],
  ["editors", "graders"],
  ["editors", "pipers"],
  ["tenants", "editors"],
];
const SEEKS = ["0", "5", "00:01:00", "90.5", "-sseof -3"];
const LUTS = ["film.cube", "rec709.cube", "log/to-rec709.cube", "show-look.3dl", "x.dat"];
const THUMB_SIZES = ["320x180", "640x360", "1280x720", "160x90", "1920x1080"];

const GENERATED: readonly Legitimate[] = [
  ...VIDEO_ENCODERS.flatMap(([encoder, out]) =>
    VIDEO_RATES.map(
      (rate): Legitimate => ({
        name: `generated: ${encoder} at -b:v ${rate}`,
        command: `ffmpeg ${IN} -c:v ${encoder} -b:v ${rate} -an ${out}`,
        facts: A_HD,
        expect: "allow",
      }),
    ),
  ),
  ...AUDIO.map(
    ([encoder, rate, out]): Legitimate => ({
      name: `generated: ${encoder} at -b:a ${rate}`,
      command: `ffmpeg ${IN} -vn -c:a ${encoder} -b:a ${rate} ${out}`,
      facts: A_HD,
      expect: "allow",
    }),
  ),
  ...RESOLUTIONS.map(
    (size): Legitimate => ({
      name: `generated: an editor's render at -s ${size}`,
      command: `ffmpeg ${IN} ${ENC} -s ${size} ${OUT}`,
      facts: A_HD,
      expect: "allow",
    }),
  ),
  ...PUBLISH_KEYS.map(
    (key): Legitimate => ({
      name: `generated: publishing to app/${key}`,
      command: `ffmpeg ${IN} ${ENC} -f flv rtmp://live.example.com/app/${key}`,
      as: ["publishers"],
      facts: A_HD,
      expect: "allow",
    }),
  ),
  ...TENANTS.map(
    (tenant): Legitimate => ({
      name: `generated: tenant ${tenant} in its own directories`,
      command: `ffmpeg -i /mnt/tenants/${tenant}/in/a.mov -c:v libx264 -b:v 4M -c:a aac -b:a 128k /mnt/tenants/${tenant}/out/alice/a.mp4`,
      as: alice({ groups: ["tenants"], tenant }),
      facts: { [`/mnt/tenants/${tenant}/in/a.mov`]: HD },
      expect: "allow",
    }),
  ),
  ...PRESETS.map(
    (preset): Legitimate => ({
      name: `generated: libx264 -preset ${preset}`,
      command: `ffmpeg ${IN} -c:v libx264 -preset ${preset} -b:v 5M -c:a aac -b:a 128k ${OUT}`,
      facts: A_HD,
      expect: "allow",
    }),
  ),
  ...FRAME_RATES.map((rate): Legitimate => ({ name: `generated: -r ${rate}`, command: `ffmpeg ${IN} ${ENC} -r ${rate} ${OUT}`, facts: A_HD, expect: "allow" })),
  ...CRF_UNDER_MAXRATE.map(
    (crf): Legitimate => ({
      name: `generated: -crf ${crf} under -maxrate:v 8M`,
      command: `ffmpeg ${IN} -c:v libx264 -crf ${crf} -maxrate:v 8M -bufsize:v 16M -c:a aac -b:a 128k ${OUT}`,
      facts: A_HD,
      expect: "allow",
    }),
  ),
  ...COPY_CONTAINERS.map(
    (name): Legitimate => ({
      name: `generated: stream copy into ${name}`,
      command: `ffmpeg ${IN} -c copy /mnt/renders/copy/${name}`,
      facts: A_HD,
      expect: "allow",
    }),
  ),
  ...SIDE_FILES.map(
    ([option, target]): Legitimate => ({
      name: `generated: ${option} ${target}`,
      command: `ffmpeg ${option} ${target} ${IN} ${ENC} ${OUT}`,
      facts: A_HD,
      expect: "allow",
    }),
  ),
  ...GROUP_SETS.map(
    (groups): Legitimate => ({
      name: `generated: an editor's render for groups ${groups.join("+")}`,
      command: `ffmpeg ${IN} ${ENC} ${OUT}`,
      as: groups,
      facts: A_HD,
      expect: "allow",
    }),
  ),
  ...SEEKS.map(
    (seek): Legitimate => ({
      name: `generated: a poster frame at ${seek}`,
      command: `ffmpeg ${seek.startsWith("-") ? seek : `-ss ${seek}`} -i /mnt/ingest/a.mov -frames:v 1 /mnt/thumbs/poster.jpg`,
      as: ["thumbnailers"],
      facts: A_HD,
      expect: "allow",
    }),
  ),
  ...LUTS.map(
    (lut): Legitimate => ({
      name: `generated: a grader's lut3d ${lut}`,
      command: `ffmpeg -i /mnt/ingest/a.mov -vf lut3d=file=/mnt/luts/${lut} /mnt/graded/a.mp4`,
      as: ["graders"],
      facts: A_HD,
      expect: "allow",
    }),
  ),
  ...THUMB_SIZES.map(
    (size): Legitimate => ({
      name: `generated: a ${size} thumbnail`,
      command: `ffmpeg -i /mnt/ingest/a.mov -frames:v 1 -s ${size} /mnt/thumbs/a-${size}.jpg`,
      as: ["thumbnailers"],
      facts: A_HD,
      expect: "allow",
    }),
  ),
  ...INPUT_NAMES.map(
    (name): Legitimate => ({
      name: `generated: an input named '${name}'`,
      command: `ffmpeg -i '/mnt/ingest/${name}' ${ENC} '/mnt/renders/${name}.mp4'`,
      facts: { [`/mnt/ingest/${name}`]: HD },
      expect: "allow",
    }),
  ),
];

// A copied stream of unknown codec leaves the policy's codec forbids to the run: those cases are allowed pending.
export const LEGITIMATE: readonly Legitimate[] = [...HAND_WRITTEN, ...GENERATED];
