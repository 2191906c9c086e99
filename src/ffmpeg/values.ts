// Values of ffmpeg's own options, read as libavutil's parseutils reads them: frame sizes
// (`-s 1920x1080`, `-s hd720`), frame rates (`-r 30000/1001`, `-r ntsc`), durations
// (`-t 90`, `-t 01:30`, `-t 1500ms`). Anything else is null: unknown, never guessed.

import { ownEntry } from "../base/tables.js";

/** av_parse_video_size's abbreviations (libavutil/parseutils.c video_size_abbrs). */
const SIZE_ABBREVIATIONS: Readonly<Record<string, readonly [number, number]>> = {
  ntsc: [720, 480],
  pal: [720, 576],
  qntsc: [352, 240],
  qpal: [352, 288],
  sntsc: [640, 480],
  spal: [768, 576],
  film: [352, 240],
  "ntsc-film": [352, 240],
  sqcif: [128, 96],
  qcif: [176, 144],
  cif: [352, 288],
  "4cif": [704, 576],
  "16cif": [1408, 1152],
  qqvga: [160, 120],
  qvga: [320, 240],
  vga: [640, 480],
  svga: [800, 600],
  xga: [1024, 768],
  uxga: [1600, 1200],
  qxga: [2048, 1536],
  sxga: [1280, 1024],
  qsxga: [2560, 2048],
  hsxga: [5120, 4096],
  wvga: [852, 480],
  wxga: [1366, 768],
  wsxga: [1600, 1024],
  wuxga: [1920, 1200],
  woxga: [2560, 1600],
  wqhd: [2560, 1440],
  wqsxga: [3200, 2048],
  wquxga: [3840, 2400],
  whsxga: [6400, 4096],
  whuxga: [7680, 4800],
  cga: [320, 200],
  ega: [640, 350],
  hd480: [852, 480],
  hd720: [1280, 720],
  hd1080: [1920, 1080],
  quadhd: [2560, 1440],
  "2k": [2048, 1080],
  "2kdci": [2048, 1080],
  "2kflat": [1998, 1080],
  "2kscope": [2048, 858],
  "4k": [4096, 2160],
  "4kdci": [4096, 2160],
  "4kflat": [3996, 2160],
  "4kscope": [4096, 1716],
  nhd: [640, 360],
  hqvga: [240, 160],
  wqvga: [400, 240],
  fwqvga: [432, 240],
  hvga: [480, 320],
  qhd: [960, 540],
  uhd2160: [3840, 2160],
  uhd4320: [7680, 4320],
};

/** av_parse_video_rate's abbreviations. */
const RATE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  ntsc: 30000 / 1001,
  pal: 25 / 1,
  qntsc: 30000 / 1001,
  qpal: 25 / 1,
  sntsc: 30000 / 1001,
  spal: 25 / 1,
  film: 24 / 1,
  "ntsc-film": 24000 / 1001,
};

export function parseVideoSize(text: string): { width: number; height: number } | null {
  const abbreviation = ownEntry(SIZE_ABBREVIATIONS, text);
  if (abbreviation !== undefined) return { width: abbreviation[0], height: abbreviation[1] };
  // strtol, one separator character, strtol, nothing after.
  const m = /^\s*([+-]?\d+)[^]?\s*([+-]?\d+)$/.exec(text);
  if (m === null) return null;
  const width = Number(m[1]);
  const height = Number(m[2]);
  return width > 0 && height > 0 ? { width, height } : null;
}

export function parseVideoRate(text: string): number | null {
  const abbreviation = ownEntry(RATE_ABBREVIATIONS, text);
  if (abbreviation !== undefined) return abbreviation;
  const fraction = /^(\d+(?:\.\d+)?)(?:[/:](\d+(?:\.\d+)?))?$/.exec(text);
  if (fraction === null) return null;
  const rate = Number(fraction[1]) / Number(fraction[2] ?? 1);
  return Number.isFinite(rate) && rate > 0 ? rate : null;
}

/** av_parse_time(…, duration=1): `[-][[HH:]MM:]SS[.m…]` or `[-]S+[.m…][s|ms|us]`, in milliseconds. */
export function parseDurationMs(text: string): number | null {
  const clock = /^(-?)(?:(\d+):)?(\d{1,2}):(\d{1,2})(\.\d+)?$/.exec(text);
  if (clock !== null) {
    const seconds = Number(clock[2] ?? 0) * 3600 + Number(clock[3]) * 60 + Number(clock[4]) + Number(clock[5] ?? 0);
    return (clock[1] === "-" ? -1 : 1) * seconds * 1000;
  }
  const plain = /^(-?)(\d+)(\.\d+)?(s|ms|us)?$/.exec(text);
  if (plain === null) return null;
  const scale = plain[4] === "ms" ? 1 : plain[4] === "us" ? 0.001 : 1000;
  return (plain[1] === "-" ? -1 : 1) * Number(`${plain[2]}${plain[3] ?? ""}`) * scale;
}
