// Every construct of the language, parsed: no diagnostics, the AST as a reviewed
// snapshot, and every node's range pointing at its own text.

import { describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { allRanges, withoutRanges } from "./ast-tools.js";

const CONSTRUCTS: Readonly<Record<string, string>> = {
  "policy and mode": "policy studio\nmode audit_only",
  import: 'import "common/roles.ffpolicy"',
  "oidc provider": `provider okta oidc {
  issuer "https://login.example.com/oauth2/default"
  audience ["ffmpeg-pipeline", "ffmpeg"]
  jwks "keys/okta.jwks.json"
  max_token_age 15m
  clock_skew 30s
  algorithms [RS256, EdDSA]
  accept id_tokens
  one_time
}`,
  "saml provider": `provider corp saml {
  idp_certificate "keys/corp-idp.pem"
  audience "urn:example:ffmpeg"
  issuer "https://idp.example.com/metadata"
  recipient "https://ffmpeg.example.com/acs"
}`,
  "api token provider": 'provider ci api_token { tokens "secrets/api-tokens.json" }',
  "map rules": `map okta claim groups contains "video-editors" => editor
map okta claim client_id == "render-farm" => renderer
map okta claim realm_access.roles contains admin => admin
map okta claim "https://example.com/tenant" in [acme, globex] => tenant
map corp attribute memberOf contains "CN=Broadcast,OU=Groups" => publisher
map ci subject "ci-bot" => renderer`,
  sets: 'set web_video = [h264, hevc, vp9, av1, libvpx-vp9, 8bps, 4xm, 3gp]\nset live = ["rtmp://live.example.com/app/*", "srt://ingest.example.com:9000",]',
  "role with every rule": `role editor extends base, viewer {
  read "/mnt/ingest/**"
  read ["/a/*", "https://media.example.com/**"]
  write "/mnt/renders/{claims.tenant}/**"
  write stdout
  publish live
  video codec in web_video
  audio codec in [aac, opus]
  subtitle codec in [mov_text]
  data codec in [bin_data]
  video encoder in [libx264, h264_nvenc]
  format in [mp4, mkv]
  video bitrate <= 8M
  audio bitrate <= 320k
  resolution <= 3840x2160
  frame_rate <= 60
  duration <= 2h
  size <= 10GB
  deny filter [movie, amovie, subtitles]
  filter in [scale, fps, format]
  allow filter zmq
  allow protocol [concat, crypto]
  allow device v4l2
  allow option [safe]
  allow listen "rtmp://0.0.0.0:1935/**"
  limit 100 jobs per 1h
}`,
  forbids: `forbid publish "udp://**"
forbid read ["/etc/**", "/root/**"]
forbid write stdout
forbid video codec in [mpeg2video]
forbid format in [rtp]
forbid filter [sendcmd]
forbid protocol gopher`,
  alerts: `alert "job spike" when jobs > 3x baseline over 10m => block
alert "hard cap" when jobs > 1000 over 1h => notify
alert "unusual codec" when codec unseen over 30d => notify`,
  audit: `audit {
  log "/var/log/ffpolicy/audit.jsonl"
  sign_key env FFPOLICY_AUDIT_KEY
  node "render-01"
}
audit { log "a.jsonl" sign_key file "keys/audit.pem" }`,
  tests: `test "editors render" {
  as okta { sub: "alice", groups: ["video-editors"], realm_access: { roles: [admin] }, n: 3, ok: true }
  input "/mnt/ingest/a.mov" { video h264 1920x1080 8M 30fps 10s, audio aac 128k }
  with history { jobs 99 in 1h }
  cwd "/mnt/ingest"
  run "ffmpeg -i a.mov -c:v libx264 -b:v 5M '/mnt/renders/my file.mp4'"
  expect allow
}
test "argv form" {
  as ci { sub: "ci-bot" }
  run ["ffmpeg", "-i", "/mnt/ingest/a.mov", "-f", "null", "-"]
  expect allow strict
}
test "deny" { as ci { sub: "x" } run "ffmpeg -i a b" expect deny }`,
  "keywords as names": `role read { read "/a/**" }
role test extends read { video codec in [data] }
set video = [h264]
map okta claim role == "set" => test`,
  "strings with hashes and escapes": 'role r { publish "rtmp://h/app#frag" read "/a/\\"q\\"\\\\b\\u00e9" } # comment',
};

describe("parser", () => {
  it.each(Object.entries(CONSTRUCTS))("%s", (_name, text) => {
    const result = parse(text);
    expect(result.diagnostics).toEqual([]);
    expect(withoutRanges(result.file.statements)).toMatchSnapshot();
    for (const { node, range } of allRanges(result.file.statements)) {
      expect(range.start).toBeGreaterThanOrEqual(0);
      expect(range.end).toBeLessThanOrEqual(text.length);
      expect(range.start).toBeLessThanOrEqual(range.end);
      if (node.kind === "Word") expect(text.slice(range.start, range.end)).toBe(node.text);
      if (node.kind === "String") expect(text.slice(range.start, range.end)).toBe(node.raw);
    }
  });

  it("decodes escapes in strings", () => {
    const result = parse(CONSTRUCTS["strings with hashes and escapes"]!);
    const role = result.file.statements[0]!;
    expect(role.kind === "RoleDecl" && role.rules.map((r) => (r.kind === "PathGrant" && r.targets?.kind === "String" ? r.targets.value : null))).toEqual([
      "rtmp://h/app#frag",
      '/a/"q"\\bé',
    ]);
    expect(result.comments.map((c) => c.text)).toEqual(["# comment"]);
  });

  it("keeps going after errors: every statement after a typo is still parsed", () => {
    const text = `rol a { read "/x" }
role b {
  reed "/y"
  video bitrate 8M
  write "/z"
}
role c { read "/c" }
provider p oidc { issuer "https://x audience "a" }
role d { read "/d" }`;
    const result = parse(text);
    const names = result.file.statements.map((s) => ("name" in s && s.name.kind === "Word" ? s.name.text : s.kind));
    expect(names).toEqual(["b", "c", "p", "d"]);
    const b = result.file.statements[0]!;
    expect(b.kind === "RoleDecl" && b.rules.map((r) => r.kind)).toEqual(["LimitRule", "PathGrant"]);
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(["FFP1001", "FFP1001", "FFP1002", "FFP1005", "FFP1006"]);
  });

  it("inserts a missing closing brace and keeps the role", () => {
    const result = parse('role a {\n  read "/a/**"\nrole b { read "/b/**" }');
    expect(result.file.statements.map((s) => s.kind)).toEqual(["RoleDecl", "RoleDecl"]);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.message).toBe("expected '}' but found 'role'");
  });
});
