// Attacks that move what one role may read into a file another role writes, found by a
// fourth review and checked against the real ffmpeg 5.1: what ffmpeg did is in the name.
// The identity holds editor (reads /mnt/ingest, writes /mnt/renders) and archivist (reads
// /secret, writes /mnt/archive); neither may do both.

import { attackKind, HD, type Attack, type Legitimate } from "./cases.js";

const BOTH = ["editors", "archivists"];
const ENC = "-c:v libx264 -b:v 5M -s 1280x720 -c:a aac -b:a 128k";
const FACTS = { "/mnt/ingest/a.mov": HD, "/mnt/ingest/b.mov": HD, "/secret/s.mov": HD, "/secret/s.mkv": HD };
const SECRET_IN_RENDER = "read /secret/s.mov (-i) — role editor reads nothing there";
const attack = attackKind("roles", { as: BOTH, facts: FACTS, cwd: "/mnt/renders" });

export const ROLE_ATTACKS: readonly Attack[] = [
  attack(
    "-map_metadata and -map_chapters copy the secret's into a render (title, comment, chapter titles written)",
    `ffmpeg -i /mnt/ingest/a.mov -i /secret/s.mov -map 0:v -map 0:a -map_metadata 1 -map_chapters 1 ${ENC} /mnt/renders/a.mp4`,
    SECRET_IN_RENDER,
  ),
  attack(
    "global metadata comes from input 0 by default, mapped or not",
    `ffmpeg -i /secret/s.mov -i /mnt/ingest/a.mov -map 1:v -map 1:a ${ENC} /mnt/renders/a.mp4 -map 0 -c copy /mnt/archive/s.mov`,
    SECRET_IN_RENDER,
  ),
  attack(
    "chapters come from the first input that has any by default",
    `ffmpeg -i /mnt/ingest/a.mov -i /secret/s.mov -map 0:v -map 0:a -map_metadata 0 ${ENC} /mnt/renders/a.mp4 -map 1 -c copy /mnt/archive/s.mov`,
    SECRET_IN_RENDER,
  ),
  attack(
    "-report -hex -dump logs the secret's packets into a render directory (338 hex lines written)",
    "ffmpeg -report -hex -dump -i /secret/s.mov -map 0:v -c copy /mnt/archive/s.mkv",
    "which may hold what any input holds",
  ),
  attack(
    "-dump_attachment of an input no output reads writes its attachment where its reader may not",
    `ffmpeg -i /mnt/ingest/a.mov -dump_attachment:t:0 /mnt/renders/leak.bin -i /secret/s.mkv -map 0:v -map 0:a -map_metadata 0 -map_chapters 0 ${ENC} /mnt/renders/a.mp4`,
    "input #1 (/secret/s.mkv) and what its options do",
  ),
];

export const ROLE_LEGITIMATE: readonly Legitimate[] = [
  {
    name: "roles: a render with its own metadata and chapters beside an archive copy",
    command: `ffmpeg -i /secret/s.mov -i /mnt/ingest/a.mov -map 1:v -map 1:a -map_metadata 1 -map_chapters 1 ${ENC} /mnt/renders/a.mp4 -map 0 -map_metadata 0 -map_chapters 0 -c copy /mnt/archive/s.mov`,
    as: BOTH,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "roles: two renders from two inputs the editor reads, chapters from either",
    command: `ffmpeg -i /mnt/ingest/a.mov -i /mnt/ingest/b.mov -map 0 ${ENC} /mnt/renders/a.mp4 -map 1 ${ENC} /mnt/renders/b.mp4`,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "roles: stream metadata mapped from the same input",
    command: `ffmpeg -i /mnt/ingest/a.mov -map 0 -map_metadata:s:a 0:s:a ${ENC} /mnt/renders/a.mp4`,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "roles: -report beside a render",
    command: `ffmpeg -report -i /mnt/ingest/a.mov ${ENC} /mnt/renders/a.mp4`,
    facts: FACTS,
    cwd: "/mnt/renders",
    expect: "allow",
  },
  {
    name: "roles: an attachment dumped from a readable input",
    command: `ffmpeg -dump_attachment:t:0 /mnt/renders/font.ttf -i /mnt/ingest/a.mov ${ENC} /mnt/renders/a.mp4`,
    facts: FACTS,
    expect: "allow",
  },
];
