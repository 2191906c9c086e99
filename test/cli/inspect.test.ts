// `ffpolicy inspect`: the JSON shape of DESIGN.md, exit 2 exactly where ffmpeg refuses
// while splitting, later refusals as warnings, and the readable summary.

import { describe, expect, it } from "vitest";
import { inspectJson, runCli } from "../ffmpeg/inspect-helper.js";

describe("inspect --json", () => {
  it("prints DESIGN.md's split shape", async () => {
    const result = await inspectJson("ffmpeg -y -nostdin -ss 10 -i in.mov -c:v libx264 -flags:v +global_header out.mp4");
    expect({ global: result.global, inputs: result.inputs, outputs: result.outputs, trailing: result.trailing }).toEqual({
      global: [
        { name: "y", specifier: null, value: "1" },
        { name: "stdin", specifier: null, value: "0" },
      ],
      inputs: [{ url: "in.mov", options: [{ name: "ss", specifier: null, value: "10" }] }],
      outputs: [
        {
          url: "out.mp4",
          options: [
            { name: "c", specifier: "v", value: "libx264" },
            { name: "flags", specifier: "v", value: "+global_header" },
          ],
        },
      ],
      trailing: [],
    });
    expect(result.warnings).toEqual([]);
  });

  it("keeps aliases as written and lists trailing options", async () => {
    const result = await inspectJson("ffmpeg -i a.mov -vcodec libx264 out.mp4 -ss 5");
    expect(result.outputs[0]!.options).toEqual([{ name: "vcodec", specifier: null, value: "libx264" }]);
    expect(result.trailing).toEqual([{ name: "ss", specifier: null, value: "5" }]);
    expect(result.warnings[0]).toContain("Trailing option");
  });

  it("exits 2 with the option's name only when ffmpeg refuses while splitting", async () => {
    const unknown = await runCli(["inspect", "--", "ffmpeg", "-i", "a.mov", "-frobnicate", "1", "out.mp4"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("Unrecognized option 'frobnicate'");
    const missing = await runCli(["inspect", "--json", "--", "ffmpeg", "-i", "a.mov", "-c:v"]);
    expect(missing.exitCode).toBe(2);
    expect(JSON.parse(missing.stdout).refused.message).toBe("Missing argument for option 'c:v'.");
    const later = await runCli(["inspect", "--json", "--", "ffmpeg", "-i", "a.mov"]);
    expect(later.exitCode).toBe(0);
    expect(JSON.parse(later.stdout).warnings).toContain("At least one output file must be specified");
  });

  it("refuses a program that is not ffmpeg", async () => {
    const result = await runCli(["inspect", "--", "ffprobe", "a.mov"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("inspect reads ffmpeg commands");
  });

  it("reads the 7.x forms with the 7.1 catalogue and refuses them with 5.1's", async () => {
    const seven = await inspectJson("ffmpeg -i in.mp4 -c:v libx264 -f null - -dec 0:0 -/filter_complex graph.txt out.mp4", "7.1");
    expect(seven.exitCode).toBe(0);
    expect((seven as unknown as { decoders: { url: string }[] }).decoders).toEqual([{ url: "0:0", options: [] }]);
    expect(seven.job.accesses.some((a) => a.kind === "read" && a.target === "graph.txt")).toBe(true);
    const five = await runCli(["inspect", "--", "ffmpeg", "-i", "in.mp4", "-/filter_complex", "graph.txt", "out.mp4"]);
    expect(five.exitCode).toBe(2);
    expect(five.stderr).toContain("Unrecognized option '/filter_complex'");
  });
});

describe("inspect (summary)", () => {
  it("says what the command opens and what is wrong with it", async () => {
    const result = await runCli(["inspect", "--", "ffmpeg", "-i", "/mnt/in.mov", "-vf", "movie=/etc/passwd", "-c:v", "libx264", "-b:v", "5M", "/mnt/out.mp4"]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("input #0: /mnt/in.mov");
    expect(result.stdout).toContain("stream 0 video: libx264 (h264) b=5000000 from input 0");
    expect(result.stdout).toMatch(/read\s+\/etc\/passwd\s+\(filter movie \(filename\)\)/);
    expect(result.stdout).toMatch(/write\s+\/mnt\/out.mp4/);
  });
});
