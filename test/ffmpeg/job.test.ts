// The resolved job: streams, encoders, codecs, rate settings, sizes, formats and inputs
// feeding each output, as ffmpeg 5.1 would set them up.

import { describe, expect, it } from "vitest";
import { defaultCatalogue, loadCatalogue } from "../../src/ffmpeg/catalogue/index.js";
import { readCommand } from "../../src/ffmpeg/command.js";
import { loadEffects } from "../../src/ffmpeg/job/effects.js";
import type { FactsSource, Job, JobStream } from "../../src/ffmpeg/job/model.js";
import { splitShellWords } from "../../src/ffmpeg/shell-words.js";
import { checkText } from "../helpers.js";

function job(command: string, facts: FactsSource = () => null): { job: Job; warnings: readonly string[] } {
  const words = splitShellWords(command);
  if (!words.ok) throw new Error(words.message);
  const read = readCommand(words.words.slice(1), defaultCatalogue(), loadEffects(), facts);
  if (!read.ok) throw new Error(read.refusal.message);
  return { job: read.job, warnings: read.warnings };
}

function streams(command: string, facts?: FactsSource): JobStream[] {
  return job(command, facts).job.outputs.flatMap((o) => o.streams);
}

function value(e: { value: number } | { unknown: string } | null): number | string | null {
  return e === null ? null : "value" in e ? e.value : `unknown: ${e.unknown}`;
}

describe("encoders and codecs", () => {
  it("picks the muxer's default encoders when none is named", () => {
    expect(streams("ffmpeg -i a.mov out.mp4").map((s) => [s.media, s.encoder, s.codec])).toEqual([
      ["video", "libx264", "h264"],
      ["audio", "aac", "aac"],
    ]);
  });

  it("picks image2's codec by extension, and no audio", () => {
    expect(streams("ffmpeg -i a.mov /t/%04d.jpg").map((s) => [s.media, s.encoder])).toEqual([["video", "mjpeg"]]);
    expect(streams("ffmpeg -i a.mov /t/%04d.png").map((s) => [s.media, s.encoder])).toEqual([["video", "png"]]);
  });

  it("resolves an encoder to its codec and a codec name to its default encoder", () => {
    expect(streams("ffmpeg -i a.mov -c:v h264_nvenc -c:a libopus out.mkv").map((s) => s.codec)).toEqual(["h264", "opus"]);
    expect(streams("ffmpeg -i a.mov -c:v hevc -an out.mkv").map((s) => s.encoder)).toEqual(["libx265"]);
  });

  it("lets the last matching -c win, and aliases ignore what is written after them", () => {
    expect(streams("ffmpeg -i a.mov -c:v libx264 -c libvpx-vp9 -c:a libopus out.webm").map((s) => s.encoder)).toEqual(["libvpx-vp9", "libopus"]);
    expect(streams("ffmpeg -i a.mov -vcodec:a libx265 -acodec aac out.mp4").map((s) => s.encoder)).toEqual(["libx265", "aac"]);
  });

  it("takes a copied stream's codec from the facts only", () => {
    const facts: FactsSource = () => ({
      streams: [{ media: "video", codec: "prores", width: 3840, height: 2160, frameRate: 25, bitrate: 800e6, duration: null }],
    });
    expect(streams("ffmpeg -i a.mov -c copy -s 640x360 -b:v 1M out.mov", facts).map((s) => [s.encoder, s.codec, s.size?.width, value(s.rate.b)])).toEqual([
      ["copy", "prores", 3840, null],
    ]);
    expect(streams("ffmpeg -i a.mov -c copy out.mov").map((s) => s.codec)).toEqual([null, null]);
  });

  it("reports an unknown encoder", () => {
    expect(job("ffmpeg -i a.mov -c:v nope out.mp4").warnings).toContain("Unknown encoder 'nope'");
  });

  it("finds nothing in the catalogue under the names of JavaScript's object properties", () => {
    expect(job("ffmpeg -i a.mov -c:v constructor out.mp4").warnings).toContain("Unknown encoder 'constructor'");
    const warnings = job("ffmpeg -f toString -i a.mov -f hasOwnProperty out.mp4").warnings;
    expect(warnings).toContain("Unknown input format: 'toString'");
    expect(warnings).toContain("Requested output format 'hasOwnProperty' is not a suitable output format");
    expect(streams("ffmpeg -i a.mov -s constructor -r toString out.mp4")[0]).toMatchObject({ size: null, frameRate: null });
    expect(loadCatalogue("toString")).toBeNull();
    expect(checkText('provider x constructor {\n  issuer "a"\n}\n').join("\n")).toContain("unknown provider kind 'constructor'");
  });
});

describe("rate settings", () => {
  it("reads -b:v, -b and -vb as the video bitrate, with SI suffixes", () => {
    expect(streams("ffmpeg -i a -b:v 5M out.mp4").map((s) => value(s.rate.b))).toEqual([5e6, null]);
    expect(streams("ffmpeg -i a -b 2.5M out.mp4").map((s) => value(s.rate.b))).toEqual([2.5e6, null]);
    expect(streams("ffmpeg -i a -vb 300k out.mp4").map((s) => value(s.rate.b))).toEqual([3e5, null]);
    expect(streams("ffmpeg -i a -b:v 5m out.mp4").map((s) => value(s.rate.b))).toEqual([0, null]);
    expect(streams("ffmpeg -i a -b:v 2*1M out.mp4").map((s) => value(s.rate.b))).toEqual([2e6, null]);
    expect(streams("ffmpeg -i a -b:v max out.mp4").map((s) => value(s.rate.b))[0]).toMatch(/^unknown/);
  });

  it("follows av_dict_set's order: re-setting a key moves it to the end", () => {
    // b:v then b then b:v again: the last b:v is applied after b.
    expect(streams("ffmpeg -i a -b:v 1M -b:a 64k -b:v 3M out.mp4").map((s) => value(s.rate.b))).toEqual([3e6, 64e3]);
    expect(streams("ffmpeg -i a -c:v libx264 -b:v 1M -vb 9M out.mp4").map((s) => value(s.rate.b))[0]).toBe(9e6);
    expect(streams("ffmpeg -i a -c:v libx264 -vb 9M -b:v 1M out.mp4").map((s) => value(s.rate.b))[0]).toBe(1e6);
  });

  it("collects quality modes, maxrate and params strings", () => {
    const [video] = streams("ffmpeg -i a -c:v libx264 -crf 18 -maxrate 4M -bufsize 8M -x264-params bitrate=300:vbv-maxrate=400 out.mp4");
    expect(video!.rate.quality.map((q) => q.via)).toEqual(["-crf"]);
    expect([value(video!.rate.maxrate), value(video!.rate.bufsize), value(video!.rate.paramsBitrate), value(video!.rate.paramsMaxrate)]).toEqual([
      4e6, 8e6, 3e5, 4e5,
    ]);
    const [q] = streams("ffmpeg -i a -c:v mpeg4 -q:v 2 out.avi");
    expect(q!.rate.quality.map((x) => x.via)).toEqual(["-q:v"]);
  });

  it("applies codec options only to encoders that take them", () => {
    const [video, audio] = streams("ffmpeg -i a -c:v libx264 -c:a aac -crf 20 out.mp4");
    expect(video!.rate.quality).toHaveLength(1);
    expect(audio!.rate.quality).toHaveLength(0);
  });

  it("denies params keys the encoder does not know", () => {
    expect(job("ffmpeg -i a -c:v libx264 -x264-params bogus-key=1 out.mp4").warnings.join("\n")).toContain("'bogus-key' is not a x264-params key");
  });
});

describe("sizes, frame rates, durations", () => {
  it("takes -s, a constant scale, or the facts", () => {
    expect(streams("ffmpeg -i a -s hd720 out.mp4")[0]!.size).toEqual({ width: 1280, height: 720 });
    expect(streams("ffmpeg -i a -vf scale=1920:1080,fps=30 out.mp4")[0]!.size).toEqual({ width: 1920, height: 1080 });
    expect(streams("ffmpeg -i a -vf scale=iw/2:-2 out.mp4")[0]!.size).toBeNull();
    expect(streams("ffmpeg -i a -vf crop=100:100 -s 640x480 out.mp4")[0]!.size).toEqual({ width: 640, height: 480 });
    expect(streams("ffmpeg -i a -r ntsc out.mp4")[0]!.frameRate).toBeCloseTo(29.97, 2);
  });

  it("reads -t and -to as a duration bound", () => {
    expect(job("ffmpeg -i a -t 01:30 out.mp4").job.outputs[0]!.duration).toBe(90_000);
    // ffmpeg 5.1: "-t and -to cannot be used together; using -t", and -to counts from -ss.
    expect(job("ffmpeg -i a -t 10 -to 5 out.mp4").job.outputs[0]!.duration).toBe(10_000);
    expect(job("ffmpeg -i a -ss -100 -to 5 out.mp4").job.outputs[0]!.duration).toBe(105_000);
    expect(job("ffmpeg -i a -ss 3 -to 5 out.mp4").job.outputs[0]!.duration).toBe(2000);
    expect(job("ffmpeg -i a -ss 6 -to 5 out.mp4").job.problems.map((p) => p.message)).toContain("-to value smaller than -ss; aborting.");
  });
});

describe("files other files name", () => {
  it("leaves what a concatf: list, an hls+ playlist or an hls key info file names to the run", () => {
    expect(job("ffmpeg -f mp4 -i concatf:/in/list.txt out.mkv").job.pending).toContain("the files the concatf: list /in/list.txt names");
    expect(job("ffmpeg -f mpegts -i hls+file:/in/p.m3u8 out.mkv").job.pending).toContain("the files the hls: list file:/in/p.m3u8 names");
    expect(job("ffmpeg -i a.mov -f hls -hls_key_info_file /in/k.info out.m3u8").job.pending).toContain("the files /in/k.info names (-hls_key_info_file)");
  });
});

describe("stream selection and inputs feeding outputs", () => {
  it("maps explicitly, negatively, and from complex graphs", () => {
    expect(streams("ffmpeg -i a -i b -map 1:a -map 0:v out.mkv").map((s) => [s.media, s.inputs])).toEqual([
      ["audio", [1]],
      ["video", [0]],
    ]);
    expect(streams("ffmpeg -i a -map 0 -map -0:a out.mkv").map((s) => s.media)).toEqual(["video"]);
    expect(streams("ffmpeg -i a -i b -filter_complex '[0:v][1:v]overlay[o]' -map '[o]' -map 1:a out.mp4").map((s) => [s.media, s.inputs])).toEqual([
      ["video", [0, 1]],
      ["audio", [1]],
    ]);
  });

  it("counts every candidate input as feeding an automatic choice it cannot decide", () => {
    expect(streams("ffmpeg -i a -i b out.mp4").map((s) => [s.media, s.inputs])).toEqual([
      ["video", [0, 1]],
      ["audio", [0, 1]],
    ]);
  });

  it("honours -vn/-an and audio-only muxers", () => {
    expect(streams("ffmpeg -i a -vn out.mp4").map((s) => s.media)).toEqual(["audio"]);
    expect(streams("ffmpeg -i a out.mp3").map((s) => s.media)).toEqual(["audio"]);
  });

  it("refuses a -map whose specifier depends on unknown stream properties", () => {
    expect(job("ffmpeg -i a -map 0:m:language:eng out.mkv").warnings.join("\n")).toContain("depends on stream properties");
  });
});

describe("facts about inputs", () => {
  const probed: FactsSource = () => ({
    format: "matroska,webm",
    streams: [{ media: "video", codec: "ffv1", width: 1280, height: 720, frameRate: 20, bitrate: null, duration: 5000 }],
  });
  const input = (command: string) => job(command, probed).job.inputs[0]!;

  it("uses probed facts when -f names the demuxer the probe found, or nothing", () => {
    expect(input("ffmpeg -i b.mkv out.mp4").assumed).toBe(false);
    expect(input("ffmpeg -f matroska -i b.mkv out.mp4").assumed).toBe(false);
  });

  it("assumes the input when -f or a size, pixel format or sample rate changes what is read", () => {
    // 5.1 read this 1280x720 file as 3840x2160 video.
    expect(input("ffmpeg -f rawvideo -pixel_format gray -video_size 3840x2160 -i b.mkv out.mp4").assumed).toBe(true);
    expect(input("ffmpeg -f rawvideo -i b.mkv out.mp4").assumed).toBe(true);
    expect(input("ffmpeg -s 3840x2160 -i b.mkv out.mp4").assumed).toBe(true);
    // mov's edit lists decide which frames are read (5.1: 30 s read from a 3 s file).
    expect(input("ffmpeg -ignore_editlist 1 -i b.mkv out.mp4").assumed).toBe(true);
  });
});

describe("7.x input bitstream filters", () => {
  it("are checked as output ones are", () => {
    const read = (args: string) => readCommand(args.split(" "), loadCatalogue("7.1")!, loadEffects(), () => null);
    const setts = read("-bsf:v setts=ts=TS*10 -i a.mp4 out.mp4");
    const harmless = read("-bsf:v h264_mp4toannexb -i a.mp4 out.mp4");
    if (!setts.ok || !harmless.ok) throw new Error("7.1 refuses an input -bsf");
    expect(setts.warnings).toContain("bitstream filter setts changes the stream in ways that are not modelled");
    expect(harmless.warnings.filter((w) => w.includes("bitstream"))).toEqual([]);
  });
});

describe("files muxers and encoders write beside the output", () => {
  const writes = (command: string) =>
    job(command)
      .job.accesses.filter((a) => a.kind === "write")
      .map((a) => a.target);

  it("smoothstreaming and hds write a tree of files under their url", () => {
    expect(writes("ffmpeg -i a.mov -f smoothstreaming /r/ss")).toEqual(expect.arrayContaining(["/r/ss/Manifest", "/r/ss/%d/%d"]));
    expect(writes("ffmpeg -i a.mov -f hds /r/h")).toEqual(expect.arrayContaining(["/r/h/index.f4m", "/r/h/%d"]));
  });

  it("x264's two-pass files: its tree file, and each written as NAME.temp first", () => {
    expect(writes("ffmpeg -i a.mov -c:v libx264 -b:v 1M -pass 1 -passlogfile /r/x -an -f null -")).toEqual(
      expect.arrayContaining(["/r/x-*.log", "/r/x-*.log.temp", "/r/x-*.log.mbtree", "/r/x-*.log.mbtree.temp"]),
    );
    expect(writes("ffmpeg -i a.mov -c:v libx264 -b:v 1M -x264-params pass=1:stats=/r/s.log -an -f null -")).toEqual(
      expect.arrayContaining(["/r/s.log", "/r/s.log.temp", "/r/s.log.mbtree", "/r/s.log.mbtree.temp"]),
    );
  });

  it("a segment list written as NAME.tmp and renamed", () => {
    expect(writes("ffmpeg -i a.mov -c copy -f segment -segment_list /r/list.m3u8 /r/s%03d.ts")).toEqual(
      expect.arrayContaining(["/r/list.m3u8", "/r/list.m3u8.tmp"]),
    );
  });
});

describe("formats and problems", () => {
  it("guesses formats like av_guess_format and refuses what ffmpeg refuses", () => {
    expect(job("ffmpeg -i a out.mkv").job.outputs[0]!.format).toBe("matroska");
    expect(job("ffmpeg -i a out.m3u8").job.outputs[0]!.format).toBe("hls");
    expect(job("ffmpeg -i a rtmp://host/app/key").warnings.join("\n")).toContain("Unable to find a suitable output format");
    expect(job("ffmpeg -i a").warnings).toContain("At least one output file must be specified");
    expect(job("ffmpeg -i a -ss 1 out.mp4 -re").warnings.join("\n")).toContain("Trailing option");
    expect(job("ffmpeg -i a -re out.mp4").warnings.join("\n")).toContain("input option");
  });

  it("marks information-only commands", () => {
    expect(job("ffmpeg -version").job.info).toBe(true);
    expect(job("ffmpeg -h encoder=libx264").job.info).toBe(true);
    expect(job("ffmpeg -sources pulse").job.info).toBe(false);
  });
});

describe("options judged by what they really do", () => {
  it("an http method or body on an input writes to its server", () => {
    const accesses = job("ffmpeg -method PUT -i http://media.example.com/a.mp4 out.mp4").job.accesses.map((a) => [a.kind, a.target]);
    expect(accesses).toContainEqual(["write", "http://media.example.com/a.mp4"]);
    expect(
      job("ffmpeg -method GET -i http://media.example.com/a.mp4 out.mp4")
        .job.accesses.filter((a) => a.kind === "write")
        .map((a) => a.target),
    ).toEqual(["out.mp4"]);
  });

  it("x264's pass key writes or reads its statistics file, not a file named after the pass", () => {
    const targets = job("ffmpeg -i a -c:v libx264 -b:v 1M -x264-params pass=1 -f null -").job.accesses.map((a) => [a.kind, a.target]);
    expect(targets).toContainEqual(["write", "x264_2pass.log"]);
    expect(targets).not.toContainEqual(["write", "1"]);
  });

  it("var_stream_map names stay inside the playlist's directory", () => {
    expect(job("ffmpeg -i a -map 0:v -map 0:v -f hls -var_stream_map 'v:0,name:hi v:1,name:lo' /srv/%v.m3u8").warnings).toEqual([]);
    expect(job("ffmpeg -i a -map 0:v -f hls -var_stream_map 'v:0,name:../../etc' /srv/%v.m3u8").warnings.join()).toContain("outside the playlist's directory");
  });

  it("a tee branch's own protocol options redirect its url", () => {
    const endpoints = job("ffmpeg -i a -map 0 -c copy -f tee '[f=flv:rtmp_app=other]rtmp://live.example.com/app/k'").job.endpoints.map((e) => e.url.raw);
    expect(endpoints).toContain("rtmp://live.example.com/other/k");
  });

  it("reports an output without streams", () => {
    expect(job("ffmpeg -i a -c copy -f tee '[f=flv]rtmp://h/app/k'").warnings).toContain("Output file #0 does not contain any stream");
  });
});
