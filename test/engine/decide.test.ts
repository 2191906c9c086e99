// Decision semantics, rule by rule: extends, the bitrate rule, pending facts, templates,
// forbids, roles that must not combine, limits, alerts, shadow mode.

import { describe, expect, it } from "vitest";
import { statedHistory } from "../../src/engine/history.js";
import type { Decision } from "../../src/engine/decision.js";
import type { FactsSource } from "../../src/ffmpeg/job/model.js";
import { decideCommand, policyFromText } from "../helpers.js";

const HEADER = `
provider okta oidc {
  issuer "https://login.example.com/"
  audience "ffmpeg"
  jwks "keys.json"
}
`;

function policy(body: string) {
  return policyFromText(HEADER + body);
}

const FACTS: FactsSource = () => ({
  streams: [
    { media: "video", codec: "h264", width: 1920, height: 1080, frameRate: 25, bitrate: 6e6, duration: 60_000 },
    { media: "audio", codec: "aac", width: null, height: null, frameRate: null, bitrate: 128e3, duration: 60_000 },
  ],
});

function verdict(decision: Decision): string {
  return decision.verdict === "deny" ? "deny" : decision.pending.length > 0 ? "allow-pending" : "allow";
}

describe("extends", () => {
  const p = policy(`
map okta claim groups contains "a" => child
role parent {
  read "/in/**"
  write "/out/**"
  video codec in [h264]
  video bitrate <= 4M
  limit 2 jobs per 1h
}
role child extends parent {
  write "/extra/**"
  video bitrate <= 8M
}
`);
  const as = { claims: { sub: "u", groups: ["a"] }, facts: FACTS };

  it("inherits grants and adds its own", () => {
    expect(verdict(decideCommand(p, "ffmpeg -i /in/a.mov -c:v libx264 -b:v 6M -c:a aac /extra/a.mp4", as))).toBe("allow");
    expect(verdict(decideCommand(p, "ffmpeg -i /in/a.mov -c:v libx264 -b:v 6M -c:a aac /out/a.mp4", as))).toBe("allow");
  });

  it("replaces a redefined limit, keeps the others", () => {
    expect(decideCommand(p, "ffmpeg -i /in/a.mov -c:v libx264 -b:v 9M -c:a aac /out/a.mp4", as).reasons.join()).toContain("-b:v is 9M, over 8M");
    expect(decideCommand(p, "ffmpeg -i /in/a.mov -c:v libx265 -b:v 1M -c:a aac /out/a.mp4", as).reasons.join()).toContain("allows h264");
  });

  it("inherits the job limit", () => {
    const d = decideCommand(p, "ffmpeg -i /in/a.mov -c:v libx264 -b:v 1M -c:a aac /out/a.mp4", {
      ...as,
      history: statedHistory([{ jobs: 2, windowMs: 3_600_000 }]),
    });
    expect(d.reasons.join()).toContain("2 jobs already ran in the window; the limit is 2");
  });
});

describe("the bitrate rule", () => {
  const p = policy(`
map okta claim sub == "u" => r
role r {
  read "/in/**"
  write "/out/**"
  video bitrate <= 8M
}
`);
  const cases: [string, string, string][] = [
    ["-b:v within the limit is a cap by convention", "-c:v libx264 -b:v 8M", "allow"],
    ["no rate setting at all", "-c:v libx264", "nothing caps it"],
    ["-b:v over the limit", "-c:v libx264 -b:v 9M", "over 8M"],
    ["a lowercase m is milli", "-c:v libx264 -b:v 5m", "below 1000 bit/s"],
    ["zero", "-c:v libx264 -b:v 0", "below 1000 bit/s"],
    ["an expression", "-c:v libx264 -b:v 2*4M", "allow"],
    ["an expression over", "-c:v libx264 -b:v 2*5M", "over 8M"],
    ["a named constant cannot be read", "-c:v libx264 -b:v max", "cannot evaluate"],
    ["crf without maxrate", "-c:v libx264 -crf 18", "lets the encoder choose"],
    ["crf with a maxrate within", "-c:v libx264 -crf 18 -maxrate:v 8M -bufsize:v 16M", "allow"],
    ["crf with a maxrate over", "-c:v libx264 -crf 18 -maxrate:v 20M -bufsize:v 16M", "-maxrate is 20M, over 8M"],
    ["-b:v under, -maxrate over", "-c:v libx264 -b:v 4M -maxrate 12M", "over 8M"],
    ["params bitrate over, in kbit/s", "-c:v libx264 -b:v 4M -x264-params bitrate=9000", "bitrate= in the params string is 9M"],
    ["params bitrate within overrides -b:v", "-c:v libx264 -b:v 4M -x264-params bitrate=300", "allow"],
    ["params crf", "-c:v libx264 -b:v 4M -x264-params crf=10", "lets the encoder choose"],
    ["-q:v is a quality mode", "-c:v mpeg4 -b:v 4M -q:v 2", "lets the encoder choose"],
    ["-global_quality", "-c:v libx264 -b:v 4M -global_quality 20", "lets the encoder choose"],
    ["the last -b:v wins", "-c:v libx264 -b:v 4M -b:v 12M", "over 8M"],
    ["-vb is -b:v", "-c:v libx264 -vb 12M", "over 8M"],
    ["-b is -b:v", "-c:v libx264 -b 12M", "over 8M"],
    ["a cap on audio does not cap video", "-c:v libx264 -b:a 128k", "nothing caps it"],
  ];
  it.each(cases)("%s", (_name, options, expected) => {
    const d = decideCommand(p, `ffmpeg -i /in/a.mov ${options} -an /out/a.mp4`, { claims: { sub: "u" }, facts: FACTS });
    if (expected === "allow") expect(verdict(d), d.reasons.join("\n")).toBe("allow");
    else expect(d.reasons.join("\n")).toContain(expected);
  });

  it("judges a copied stream by the input's bitrate, pending without facts", () => {
    expect(verdict(decideCommand(p, "ffmpeg -i /in/a.mov -c copy -an /out/a.mp4", { claims: { sub: "u" }, facts: FACTS }))).toBe("allow");
    const fast: FactsSource = () => ({ streams: [{ media: "video", codec: "h264", width: 1920, height: 1080, frameRate: 25, bitrate: 50e6, duration: null }] });
    expect(decideCommand(p, "ffmpeg -i /in/a.mov -c copy /out/a.mp4", { claims: { sub: "u" }, facts: fast }).reasons.join()).toContain("runs at 50M, over 8M");
    const pending = decideCommand(p, "ffmpeg -i /in/a.mov -c copy -an /out/a.mp4", { claims: { sub: "u" } });
    expect(verdict(pending)).toBe("allow-pending");
    expect(pending.pending.join()).toContain("the copied stream's bitrate must be ≤ 8M");
  });
});

describe("roles do not combine", () => {
  const p = policy(`
map okta claim groups contains "archive" => archivist
map okta claim groups contains "live" => publisher
role archivist { read "/secret/**" write "/archive/**" }
role publisher { read "/public/**" publish "rtmp://live.example.com/app/*" }
`);
  const both = { claims: { sub: "u", groups: ["archive", "live"] } };
  it("denies streaming a file one role reads to a destination only the other may publish to", () => {
    const d = decideCommand(p, "ffmpeg -re -i /secret/a.mov -c copy -f flv rtmp://live.example.com/app/k", both);
    expect(d.verdict).toBe("deny");
    expect(d.reasons.join()).toContain("not allowed by any role held");
  });
  it("allows each role its own flows", () => {
    expect(decideCommand(p, "ffmpeg -i /public/a.mov -c copy -f flv rtmp://live.example.com/app/k", both).verdict).toBe("allow");
    expect(decideCommand(p, "ffmpeg -i /secret/a.mov -c copy /archive/a.mov", both).verdict).toBe("allow");
  });
  it("judges each output on its own: two outputs may be allowed by two roles", () => {
    const d = decideCommand(p, "ffmpeg -i /public/a.mov -c copy -f flv rtmp://live.example.com/app/k -c copy /archive/copy.mov", both);
    expect(d.outputs.map((o) => o.by)).toEqual(["publisher", null]);
  });
});

describe("templates", () => {
  const p = policy(`
map okta claim plan == "x" => tenant
role tenant { read "/data/{claims.tenant}/in/**" write "/data/{claims.tenant}/out/**" }
`);
  it("fills the identity's claim", () => {
    expect(decideCommand(p, "ffmpeg -i /data/acme/in/a.mov -c copy /data/acme/out/a.mov", { claims: { sub: "u", plan: "x", tenant: "acme" } }).verdict).toBe(
      "allow",
    );
  });
  it.each([
    ["a missing claim", { plan: "x" }, "has no claim tenant"],
    ["a claim with a slash", { plan: "x", tenant: "acme/../globex" }, "may not be used in a path"],
    ["a wildcard claim", { plan: "x", tenant: "*" }, "may not be used in a path"],
    ["a list claim", { plan: "x", tenant: ["acme"] }, "is a list, not a string"],
  ])("matches nothing for %s", (_name, claims, reason) => {
    const d = decideCommand(p, "ffmpeg -i /data/acme/in/a.mov -c copy /data/acme/out/a.mov", { claims: { sub: "u", ...claims } });
    expect(d.verdict).toBe("deny");
    expect(d.reasons.join()).toContain(reason);
  });
});

describe("forbid, shadow mode, alerts", () => {
  const p = policy(`
mode audit_only
map okta claim sub == "u" => r
role r { read "/in/**" publish "udp://**" write "/out/**" }
forbid publish "udp://**"
alert "spike" when jobs > 5 over 1h => block
alert "note" when jobs > 2 over 1h => notify
`);
  it("lets a forbid win over a role, and reports shadow mode", () => {
    const d = decideCommand(p, "ffmpeg -i /in/a.mov -c copy -f mpegts udp://10.0.0.1:1234", { claims: { sub: "u" } });
    expect(d.verdict).toBe("deny");
    expect(d.enforced).toBe(false);
    expect(d.forbids.map((f) => f.what)).toEqual(["publish udp://10.0.0.1:1234"]);
  });
  it("blocks on an alert over its threshold and notes a notify", () => {
    const busy = decideCommand(p, "ffmpeg -i /in/a.mov -c copy /out/a.mov", {
      claims: { sub: "u" },
      history: statedHistory([{ jobs: 5, windowMs: 3_600_000 }]),
    });
    expect(busy.reasons.join()).toContain("alert 'spike' blocks");
    const calm = decideCommand(p, "ffmpeg -i /in/a.mov -c copy /out/a.mov", {
      claims: { sub: "u" },
      history: statedHistory([{ jobs: 2, windowMs: 3_600_000 }]),
    });
    expect([calm.verdict, calm.alerts.map((a) => a.name)]).toEqual(["allow", ["note"]]);
  });
});

describe("what ffmpeg refuses, and information-only commands", () => {
  const p = policy(`map okta claim sub == "u" => r
role r { read "/in/**" write "/out/**" }`);
  it("denies a split-time refusal and a later refusal, allows -version", () => {
    expect(decideCommand(p, "ffmpeg -i /in/a.mov -nope 1 /out/a.mp4", { claims: { sub: "u" } }).reasons.join()).toContain("Unrecognized option 'nope'");
    expect(decideCommand(p, "ffmpeg -i /in/a.mov", { claims: { sub: "u" } }).reasons.join()).toContain("At least one output file must be specified");
    const info = decideCommand(p, "ffmpeg -version", { claims: { sub: "nobody" } });
    expect([info.verdict, info.info]).toEqual(["allow", true]);
    expect(decideCommand(p, "ffprobe /in/a.mov", { claims: { sub: "u" } }).reasons.join()).toContain("not ffmpeg");
  });
});

describe("findings of the documentation review", () => {
  const p = policy(`
set levels = [3]
map okta claim level in levels => lvl
map okta claim groups contains "b" => rb
map okta claim groups contains "a" => ra
role ra { read "/in/**" write "/out/**" publish "udp://*:*?*" duration <= 10m }
role rb { read "/in/**" write "/out/**" }
role lvl { read "/in/**" write "/out/**" }
forbid publish "udp://**"
forbid video codec in [mpeg2video]
alert "busy" when jobs > 1 over 1h => block
`);
  const as = (claims: Record<string, unknown>) => ({ claims: { sub: "u", ...claims } as never });

  it("a forbid without a query or path covers urls with them", () => {
    for (const url of ["udp://10.0.0.1:1234?pkt_size=1316", "udp://h:1234/x"]) {
      const d = decideCommand(p, `ffmpeg -i /in/a.mov -c copy -f mpegts ${url}`, as({ groups: ["a"] }));
      expect(d.forbids.map((f) => f.what)).toEqual([`publish ${url}`]);
    }
  });

  it("leaves a codec forbid on a copied stream of unknown codec to the run", () => {
    const d = decideCommand(p, "ffmpeg -i /in/a.mov -c copy /out/a.mov", as({ groups: ["a"] }));
    expect(d.pending.join()).toContain("the copied video stream 0 must not be mpeg2video");
  });

  it("does not count an information-only command against alerts", () => {
    expect(decideCommand(p, "ffmpeg -version", { ...as({}), history: statedHistory([{ jobs: 9, windowMs: 3_600_000 }]) }).verdict).toBe("allow");
  });

  it("names the first allowing role in policy order, whatever the claims' order", () => {
    expect(decideCommand(p, "ffmpeg -i /in/a.mov -c copy /out/a.mov", as({ groups: ["b", "a"] })).outputs[0]!.by).toBe("rb");
  });

  it("types a set's items in map rules like literals", () => {
    expect(decideCommand(p, "ffmpeg -i /in/a.mov -c copy /out/a.mov", as({ level: 3 })).identity.roles).toEqual(["lvl"]);
    expect(decideCommand(p, "ffmpeg -i /in/a.mov -c copy /out/a.mov", as({ level: "3" })).identity.roles).toEqual([]);
  });

  it("does not bound a looped or retimed input's duration by its facts", () => {
    const short: FactsSource = () => ({ streams: [{ media: "video", codec: "h264", width: 640, height: 360, frameRate: 25, bitrate: 1e6, duration: 60_000 }] });
    expect(verdict(decideCommand(p, "ffmpeg -i /in/a.mov -c copy /out/a.mov", { ...as({ groups: ["a"] }), facts: short }))).toBe("allow");
    // Measured with ffmpeg 5.1: -itsoffset 100 on a 2 s clip writes an mp4 ffprobe reports as 102 s long.
    for (const retiming of ["-stream_loop 100", "-stream_loop -1", "-itsoffset 100", "-itsscale 10", "-loop 1", "-ignore_loop 0"]) {
      const d = decideCommand(p, `ffmpeg ${retiming} -i /in/a.mov -c copy /out/a.mov`, { ...as({ groups: ["a"] }), facts: short });
      expect(d.reasons.join(), retiming).toContain("cannot tell how long");
    }
    for (const neutral of ["-stream_loop 0", "-itsoffset 0", "-loop 0", "-ignore_loop 1"])
      expect(verdict(decideCommand(p, `ffmpeg ${neutral} -i /in/a.mov -c copy /out/a.mov`, { ...as({ groups: ["a"] }), facts: short })), neutral).toBe("allow");
    expect(
      decideCommand(p, "ffmpeg -i /in/a.mov -vf setpts=20*PTS -c:v libx264 /out/a.mp4", { ...as({ groups: ["a"] }), facts: short }).reasons.join(),
    ).toContain("cannot tell how long");
  });
});
