// Resolved jobs against what ffmpeg really did: tiny lavfi jobs run by the real ffmpeg,
// their outputs read back with ffprobe — streams, codecs, sizes, and bitrate caps — and
// compared with the job ffpolicy resolved for the same command.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultCatalogue } from "../../src/ffmpeg/catalogue/index.js";
import { readCommand } from "../../src/ffmpeg/command.js";
import { loadEffects } from "../../src/ffmpeg/job/effects.js";
import type { InputFacts, JobOutput } from "../../src/ffmpeg/job/model.js";

const dir = mkdtempSync(join(tmpdir(), "ffpolicy-jobs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Probed {
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
  bit_rate?: string;
}

function ffprobe(args: readonly string[]): Probed[] {
  const out = execFileSync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_type,codec_name,width,height,bit_rate", "-of", "json", ...args], {
    encoding: "utf8",
  });
  return (JSON.parse(out) as { streams: Probed[] }).streams;
}

/** Facts as ffprobe states them (as the enforcer will probe real inputs). */
function factsOf(probed: readonly Probed[]): InputFacts {
  return {
    streams: probed.map((s) => ({
      media: s.codec_type as "video" | "audio",
      codec: s.codec_name,
      width: s.width ?? null,
      height: s.height ?? null,
      frameRate: null,
      bitrate: null,
      duration: null,
    })),
  };
}

/** Facts about lavfi inputs, read by ffprobe. */
function lavfiFacts(url: string): InputFacts {
  return factsOf(ffprobe(["-f", "lavfi", url]));
}

/** Run the command for real in a temp dir and resolve it with ffpolicy. */
function run(args: readonly string[]): { output: JobOutput; probed: Probed[]; path: string } {
  const read = readCommand(args, defaultCatalogue(), loadEffects(), lavfiFacts);
  if (!read.ok) throw new Error(read.refusal.message);
  expect(read.warnings).toEqual([]);
  execFileSync("ffmpeg", ["-nostdin", "-v", "error", "-y", ...args], { cwd: dir });
  const path = join(dir, args.at(-1)!);
  return { output: read.job.outputs[0]!, probed: ffprobe([path]), path };
}

const VIDEO = ["-f", "lavfi", "-i", "testsrc=d=1:s=640x480:r=25"];
const AUDIO = ["-f", "lavfi", "-i", "sine=d=1"];

describe("resolved jobs agree with what ffmpeg did", () => {
  it.each([
    ["mp4 defaults", [...VIDEO, ...AUDIO, "defaults.mp4"]],
    ["matroska defaults", [...VIDEO, ...AUDIO, "defaults.mkv"]],
    ["webm defaults", [...VIDEO, ...AUDIO, "defaults.webm"]],
    ["audio-only muxer", [...VIDEO, ...AUDIO, "audio.wav"]],
    ["mp3 takes no ordinary video", [...VIDEO, ...AUDIO, "audio.mp3"]],
    ["-vn", [...VIDEO, ...AUDIO, "-vn", "novideo.mkv"]],
    ["explicit maps in order", [...VIDEO, ...AUDIO, "-map", "1:a", "-map", "0:v", "maps.mkv"]],
    ["encoders and -s", [...VIDEO, ...AUDIO, "-c:v", "libvpx-vp9", "-s", "320x240", "-c:a", "libopus", "encoders.mkv"]],
    ["constant scale filter", [...VIDEO, "-vf", "scale=160:120,fps=10", "-c:v", "mpeg4", "scaled.avi"]],
    ["image2 by extension", [...VIDEO, "-frames:v", "1", "still.jpg"]],
    ["codec name to default encoder", [...VIDEO, "-c:v", "hevc", "hevc.mkv"]],
  ])("%s", (_name, args) => {
    const { output, probed } = run(args);
    expect(output.streams.map((s) => [s.media, s.codec])).toEqual(probed.map((s) => [s.codec_type, s.codec_name]));
    output.streams.forEach((stream, i) => {
      if (stream.size !== null) expect(stream.size).toEqual({ width: probed[i]!.width, height: probed[i]!.height });
    });
  });

  it("copies the input's codec and size, ignoring -s and -b:v", () => {
    const source = run([...VIDEO, "-c:v", "mpeg4", "source.avi"]);
    const read = readCommand(["-i", source.path, "-c", "copy", "-s", "160x120", "-b:v", "1M", join(dir, "copied.avi")], defaultCatalogue(), loadEffects(), () =>
      factsOf(source.probed),
    );
    if (!read.ok) throw new Error(read.refusal.message);
    execFileSync("ffmpeg", ["-nostdin", "-v", "error", "-y", "-i", source.path, "-c", "copy", "-s", "160x120", "-b:v", "1M", join(dir, "copied.avi")]);
    const probed = ffprobe([join(dir, "copied.avi")]);
    const stream = read.job.outputs[0]!.streams[0]!;
    expect([stream.codec, stream.size, stream.rate.b]).toEqual([probed[0]!.codec_name, { width: probed[0]!.width, height: probed[0]!.height }, null]);
  });

  it("reads a params-string bitrate as overriding -b:v, as libx264 does (kbit/s)", () => {
    const seconds = 4;
    const args = ["-f", "lavfi", "-i", `testsrc2=d=${seconds}:s=640x360:r=25`, "-c:v", "libx264", "-b:v", "5M", "-x264-params", "bitrate=300", "params.mp4"];
    const { output, path } = run(args);
    const rate = output.streams[0]!.rate;
    expect(rate.b).toEqual({ value: 5e6 });
    expect(rate.paramsBitrate).toEqual({ value: 3e5 });
    const measured = (statSync(path).size * 8) / seconds;
    // 300 kbit/s as an average, far below the 5 Mbit/s of -b:v.
    expect(measured).toBeLessThan(600e3);
  });

  it("reads a lowercase m as milli: -b:v 5m is 0.005 bit/s, which libx264 ignores (CRF)", () => {
    const { output, path } = run(["-f", "lavfi", "-i", "testsrc2=d=2:s=640x360:r=25", "-c:v", "libx264", "-b:v", "5m", "milli.mp4"]);
    expect(output.streams[0]!.rate.b).toEqual({ value: 0 });
    expect((statSync(path).size * 8) / 2).toBeGreaterThan(50e3);
  });
});
