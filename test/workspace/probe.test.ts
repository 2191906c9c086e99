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
role editor {
  read "${dir}/*"
  write "${dir}/out/**"
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
