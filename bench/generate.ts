// Realistic generated policies of a given size: providers, maps, sets, roles with every
// kind of rule, forbids and tests, repeated with fresh names until the line count is met.

const ROLE = (i: number) => `role team_${i} extends base {
  read "/mnt/ingest/team_${i}/**"
  write "/mnt/renders/team_${i}/**"
  publish ["rtmp://live.example.com/team_${i}/*", "srt://ingest.example.com:${9000 + (i % 100)}"]
  video codec in web_video
  audio codec in [aac, opus]
  video encoder in [libx264, libvpx-vp9, libsvtav1]
  video bitrate <= ${(i % 20) + 1}M
  audio bitrate <= 320k
  resolution <= 3840x2160
  frame_rate <= 60
  deny filter [movie, amovie, subtitles]
  limit ${100 + i} jobs per 1h
}

map okta claim groups contains "team-${i}" => team_${i}
`;

const TEST = (i: number) => `test "team ${i} renders" {
  as okta { sub: "user${i}", groups: ["team-${i}"] }
  input "/mnt/ingest/team_${i}/a.mov" { video h264 1920x1080 8M, audio aac }
  run "ffmpeg -i /mnt/ingest/team_${i}/a.mov -c:v libx264 -b:v 5M -s 1920x1080 -c:a aac -b:a 128k /mnt/renders/team_${i}/a.mp4"
  expect allow
}
`;

const HEADER = `policy generated

provider okta oidc {
  issuer "https://login.example.com/oauth2/default"
  audience "ffmpeg-pipeline"
  jwks "keys/okta.jwks.json"
  max_token_age 15m
}

set web_video = [h264, hevc, vp9, av1]

role base {
  read "/mnt/shared/**"
}

forbid publish "udp://**"
`;

export function generatePolicy(lines: number): string {
  const parts = [HEADER];
  let count = HEADER.split("\n").length;
  for (let i = 0; count < lines; i++) {
    const chunk = i % 4 === 3 ? TEST(i) : ROLE(i);
    parts.push(chunk);
    count += chunk.split("\n").length - 1;
  }
  return parts.join("\n");
}
