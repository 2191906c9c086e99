// A policy of N team roles for the decision benchmark, written twice: in ffpolicy and as
// an equivalent Cedar policy set (one permit per role, one forbid per forbid), plus the
// requests both are asked: typical ~20-token ffmpeg commands, allowed and denied, for
// identities in the middle and at the end of the role list (so a linear scan shows).

/** Per-role limits vary a little so that the N rules are not all alike. */
function videoBitrateM(i: number): number {
  return 8 + (i % 3) * 4;
}
function resolutionOf(i: number): { width: number; height: number } {
  return i % 2 === 0 ? { width: 3840, height: 2160 } : { width: 1920, height: 1080 };
}

const WEB_VIDEO = ["h264", "hevc", "vp9", "av1"];
const AUDIO = ["aac", "opus"];
const DENIED_FILTERS = ["movie", "amovie", "subtitles"];
const FORBIDDEN_FILTERS = ["zmq", "azmq"];

const HEADER = `policy decide_bench

provider okta oidc {
  issuer "https://login.example.com/oauth2/default"
  audience "ffmpeg-pipeline"
  jwks "keys/okta.jwks.json"
  max_token_age 15m
}

set web_video = [${WEB_VIDEO.join(", ")}]

forbid publish "udp://**"
forbid write "/mnt/renders/*/locked/**"
forbid filter [${FORBIDDEN_FILTERS.join(", ")}]
`;

function ffpolicyRole(i: number): string {
  const { width, height } = resolutionOf(i);
  return `role team_${i} {
  read "/mnt/ingest/team_${i}/**"
  write "/mnt/renders/team_${i}/**"
  publish "rtmp://live.example.com/team_${i}/*"
  video codec in web_video
  audio codec in [${AUDIO.join(", ")}]
  video bitrate <= ${videoBitrateM(i)}M
  audio bitrate <= 320k
  resolution <= ${width}x${height}
  deny filter [${DENIED_FILTERS.join(", ")}]
}

map okta claim groups contains "team-${i}" => team_${i}
`;
}

/** The ffpolicy text of a policy with `roles` team roles. */
export function ffpolicyText(roles: number): string {
  return [HEADER, ...Array.from({ length: roles }, (_, i) => ffpolicyRole(i))].join("\n");
}

const set = (values: readonly string[]) => `[${values.map((v) => JSON.stringify(v)).join(", ")}]`;

/**
 * The Cedar twin of role i. The context (see cedar.ts) is the resolved job: `input` and
 * `input2` (the paths read), `outKind` ("write" | "publish" | other) and `out` (the
 * normalised path or url), `outQuery`, `video` / `audio` records ({ codec, bitrate,
 * width, height }: `bitrate` only when the command provably caps the stream, `width`/
 * `height` only when known), and `filters`. Globs become `like`: a trailing `**` is `*`
 * (paths are normalised, so never empty segments); a one-segment `*` also excludes `*\/*`.
 */
function cedarPermit(i: number): string {
  const { width, height } = resolutionOf(i);
  return `@id("team_${i}")
permit (principal in Group::"team-${i}", action == Action::"ffmpeg", resource == Job::"job")
when {
  context.input like "/mnt/ingest/team_${i}/*" &&
  (!(context has input2) || context.input2 like "/mnt/ingest/team_${i}/*") &&
  ((context.outKind == "write" && context.out like "/mnt/renders/team_${i}/*") ||
   (context.outKind == "publish" && !context.outQuery && context.out like "rtmp://live.example.com/team_${i}/*" && !(context.out like "rtmp://live.example.com/team_${i}/*/*"))) &&
  (!(context has video) ||
   (${set(WEB_VIDEO)}.contains(context.video.codec) &&
    context.video has bitrate && context.video.bitrate <= ${videoBitrateM(i) * 1_000_000} &&
    context.video has width && context.video.width <= ${width} && context.video.height <= ${height})) &&
  (!(context has audio) ||
   (${set(AUDIO)}.contains(context.audio.codec) &&
    context.audio has bitrate && context.audio.bitrate <= 320000)) &&
  !context.filters.containsAny(${set(DENIED_FILTERS)})
};
`;
}

const CEDAR_FORBIDS = `@id("forbid publish udp")
forbid (principal, action, resource)
when { context.outKind == "publish" && context.out like "udp://*" };

@id("forbid write locked")
forbid (principal, action, resource)
when { context.outKind == "write" && context.out like "/mnt/renders/*/locked/*" && !(context.out like "/mnt/renders/*/*/locked/*") };

@id("forbid filter")
forbid (principal, action, resource)
when { context.filters.containsAny(${set(FORBIDDEN_FILTERS)}) };
`;

/** The Cedar policy set equivalent to `ffpolicyText(roles)`. */
export function cedarText(roles: number): string {
  return [CEDAR_FORBIDS, ...Array.from({ length: roles }, (_, i) => cedarPermit(i))].join("\n");
}

export interface BenchRequest {
  readonly name: string;
  /** The team whose member asks (groups ["staff", "team-k"]). */
  readonly team: number;
  readonly argv: readonly string[];
  /** What the request is written to get; both engines must agree with it. */
  readonly expect: "allow" | "deny";
}

type Template = { readonly name: string; readonly expect: "allow" | "deny"; readonly command: (k: number) => string };

const TEMPLATES: readonly Template[] = [
  {
    name: "render",
    expect: "allow",
    command: (k) => `-i /mnt/ingest/team_${k}/a.mov -c:v libx264 -b:v 5M -s 1920x1080 -c:a aac -b:a 128k /mnt/renders/team_${k}/a.mp4`,
  },
  {
    name: "render vp9/opus + scale",
    expect: "allow",
    command: (k) =>
      `-y -i /mnt/ingest/team_${k}/b.mkv -vf scale=1280:720 -c:v libvpx-vp9 -b:v 3M -maxrate:v 4M -bufsize:v 8M -c:a libopus -b:a 96k /mnt/renders/team_${k}/b.webm`,
  },
  {
    name: "publish rtmp",
    expect: "allow",
    command: (k) =>
      `-re -i /mnt/ingest/team_${k}/a.mov -c:v libx264 -b:v 4M -maxrate:v 4M -bufsize:v 8M -s 1280x720 -c:a aac -b:a 128k -f flv rtmp://live.example.com/team_${k}/key`,
  },
  {
    name: "over bitrate",
    expect: "deny",
    command: (k) => `-i /mnt/ingest/team_${k}/a.mov -c:v libx264 -b:v 50M -s 1920x1080 -c:a aac -b:a 128k /mnt/renders/team_${k}/a.mp4`,
  },
  {
    name: "crf, no maxrate",
    expect: "deny",
    command: (k) => `-i /mnt/ingest/team_${k}/a.mov -c:v libx264 -crf 20 -s 1920x1080 -c:a aac -b:a 128k /mnt/renders/team_${k}/a.mp4`,
  },
  {
    name: "over resolution",
    expect: "deny",
    command: (k) => `-i /mnt/ingest/team_${k}/a.mov -c:v libx264 -b:v 5M -s 7680x4320 -c:a aac -b:a 128k /mnt/renders/team_${k}/a.mp4`,
  },
  {
    name: "write elsewhere",
    expect: "deny",
    command: (k) => `-i /mnt/ingest/team_${k}/a.mov -c:v libx264 -b:v 5M -s 1920x1080 -c:a aac -b:a 128k /mnt/renders/team_${k === 0 ? 1 : 0}/a.mp4`,
  },
  {
    name: "read elsewhere",
    expect: "deny",
    command: (k) => `-i /mnt/ingest/team_${k === 0 ? 1 : 0}/a.mov -c:v libx264 -b:v 5M -s 1920x1080 -c:a aac -b:a 128k /mnt/renders/team_${k}/a.mp4`,
  },
  {
    name: "denied filter",
    expect: "deny",
    command: (k) =>
      `-i /mnt/ingest/team_${k}/a.mov -vf subtitles=/mnt/ingest/team_${k}/a.srt -c:v libx264 -b:v 5M -s 1920x1080 -c:a aac -b:a 128k /mnt/renders/team_${k}/a.mp4`,
  },
  {
    name: "forbid: locked dir",
    expect: "deny",
    command: (k) => `-i /mnt/ingest/team_${k}/a.mov -c:v libx264 -b:v 5M -s 1920x1080 -c:a aac -b:a 128k /mnt/renders/team_${k}/locked/a.mp4`,
  },
  {
    name: "forbid: publish udp",
    expect: "deny",
    command: (k) => `-re -i /mnt/ingest/team_${k}/a.mov -c:v libx264 -b:v 4M -s 1280x720 -c:a aac -b:a 128k -f mpegts udp://239.0.0.1:1234`,
  },
];

/** The requests for a policy of `roles` roles: every template, for a member of the middle team and of the last. */
export function benchRequests(roles: number): BenchRequest[] {
  const teams = [...new Set([Math.floor(roles / 2), roles - 1])];
  return teams.flatMap((team) => TEMPLATES.map((t) => ({ name: t.name, team, argv: ["ffmpeg", ...t.command(team).split(" ")], expect: t.expect })));
}
