// Probing with the real ffprobe: a playlist hidden behind a media name is found by its
// content, and probing it opens none of the files it names.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { probeFile } from "../../src/workspace/files.js";
import { decideCommand, policyFromText } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "ffpolicy-probe-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An m3u8 naming a segment in a directory the caller may not read. */
function hiddenPlaylist(): string {
  const path = join(dir, "evil.mov");
  writeFileSync(path, `#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\n${join(dir, "secret", "s.ts")}\n#EXT-X-ENDLIST\n`);
  return path;
}

const POLICY = policyFromText(`
provider okta oidc {
  issuer "https://login.example.com/"
  audience "ffmpeg"
  jwks "keys.json"
}
map okta claim groups contains "editors" => editor
map okta claim groups contains "clippers" => clipper
role editor {
  read "${dir}/*"
  write "${dir}/out/**"
}
role clipper extends editor {
  resolution <= 1280x720
  duration <= 10s
}
`);

describe("probing inputs", () => {
  it("names the demuxer of an ordinary file", () => {
    const path = join(dir, "clip.mp4");
    execFileSync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=d=0.2:s=64x48", path]);
    const facts = probeFile(path);
    expect(facts?.format).toBe("mov,mp4,m4a,3gp,3g2,mj2");
    expect(facts?.streams?.map((s) => [s.media, s.width, s.height])).toEqual([["video", 64, 48]]);
  });

  it("finds an m3u8 behind a .mov name without opening what it lists", () => {
    const facts = probeFile(hiddenPlaylist());
    // ffprobe refused the hls demuxer (kept off its whitelist) before reading any segment.
    expect(facts).toEqual({ format: "hls" });
  });

  it("leaves the files a probed playlist lists to the run, and a name alone to the probe", () => {
    const path = hiddenPlaylist();
    const command = `ffmpeg -i ${path} -c copy ${dir}/out/a.mkv`;
    const probed = decideCommand(POLICY, command, { claims: { sub: "alice", groups: ["editors"] }, facts: () => probeFile(path) });
    expect(probed.pending).toContain(`before the run, probe the files input #0 (${path}) lists`);
    const unprobed = decideCommand(POLICY, command, { claims: { sub: "alice", groups: ["editors"] } });
    expect(unprobed.pending).toContain(`before the run, probe the format of input #0 (${path}), which must not be a playlist or list`);
    const stated = decideCommand(POLICY, command, {
      claims: { sub: "alice", groups: ["editors"] },
      facts: () => ({
        format: "matroska,webm",
        streams: [{ media: "video", codec: "h264", width: 64, height: 48, frameRate: 25, bitrate: 1e5, duration: 200 }],
      }),
    });
    expect(stated.pending).toEqual([]);
  });
});

describe("probed facts as ffmpeg will decode them", () => {
  const judge = (command: string, path: string) =>
    decideCommand(POLICY, command, { claims: { sub: "alice", groups: ["clippers"] }, facts: () => probeFile(path) });
  const ENC = "-c:v libx264 -b:v 500k -c:a aac -b:a 64k";

  it("a stream that starts late makes the input last until it ends (5.1 wrote 103 s from sound starting at 100 s)", () => {
    const path = join(dir, "late.mp4");
    const late = ["-f", "lavfi", "-i", "testsrc=d=3:s=64x48", "-itsoffset", "100", "-f", "lavfi", "-i", "sine=d=3"];
    execFileSync("ffmpeg", ["-v", "error", "-y", ...late, "-map", "0", "-map", "1", "-c:v", "libx264", "-c:a", "aac", path]);
    expect(Math.max(...(probeFile(path)?.streams ?? []).map((s) => s.duration ?? 0))).toBeGreaterThan(102_000);
    const decision = judge(`ffmpeg -i ${path} ${ENC} ${dir}/out/a.mp4`, path);
    expect(decision.verdict).toBe("deny");
    expect(decision.reasons.join("\n")).toContain("over 10s");
  });

  it("a quarter turn in the display matrix swaps width and height, unless -autorotate 0", () => {
    const plain = join(dir, "wide.mp4");
    const path = join(dir, "turned.mp4");
    execFileSync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=d=1:s=1280x720", "-c:v", "libx264", plain]);
    execFileSync("ffmpeg", ["-v", "error", "-y", "-i", plain, "-c", "copy", "-metadata:s:v:0", "rotate=90", path]);
    expect(probeFile(path)?.streams?.[0]?.rotation).toBe(90);
    // 5.1 wrote 720x1280: ffmpeg turns the picture before encoding it.
    const turned = judge(`ffmpeg -i ${path} -c:v libx264 -b:v 500k ${dir}/out/a.mp4`, path);
    expect(turned.reasons.join("\n")).toContain("720x1280");
    expect(judge(`ffmpeg -autorotate 0 -i ${path} -c:v libx264 -b:v 500k ${dir}/out/a.mp4`, path).verdict).not.toBe("deny");
  });
});
