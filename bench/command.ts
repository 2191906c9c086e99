// Split + resolve per command (DESIGN.md / issue target: median ≤ 10 µs for a typical
// 20-token command), measured in batches so timer resolution does not dominate.

import { defaultCatalogue } from "../src/ffmpeg/catalogue/index.js";
import { readCommand } from "../src/ffmpeg/command.js";
import { loadEffects } from "../src/ffmpeg/job/effects.js";
import { splitCommandLine } from "../src/ffmpeg/split.js";
import { fixed, median, printTable, quantile } from "./table.js";

const TARGET_MEDIAN_US = 10;

const COMMANDS: Readonly<Record<string, string[]>> = {
  "typical (20 tokens)": [
    "-y",
    "-i",
    "/mnt/ingest/a.mov",
    "-c:v",
    "libx264",
    "-b:v",
    "5M",
    "-maxrate",
    "6M",
    "-bufsize",
    "12M",
    "-s",
    "1920x1080",
    "-c:a",
    "aac",
    "-b:a",
    "128k",
    "-movflags",
    "+faststart",
    "/mnt/renders/a.mp4",
  ],
  "filters + tee (24 tokens)": [
    "-i",
    "/mnt/a.mov",
    "-i",
    "/mnt/logo.png",
    "-filter_complex",
    "[0:v][1:v]overlay=10:10,scale=1280:720[v]",
    "-map",
    "[v]",
    "-map",
    "0:a",
    "-c:v",
    "libx264",
    "-crf",
    "20",
    "-maxrate",
    "3M",
    "-bufsize",
    "6M",
    "-c:a",
    "aac",
    "-f",
    "tee",
    "[f=flv]rtmp://live.example.com/app/k|[f=mp4]/mnt/out.mp4",
    "-y",
  ],
};

/** Microseconds per call, over `batches` batches of `size` calls each. */
function measure(fn: () => unknown, batches: number, size: number): number[] {
  for (let i = 0; i < 50_000; i++) fn();
  const samples: number[] = [];
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < size; i++) fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1000 / size);
  }
  return samples;
}

export function benchCommand(): void {
  const catalogue = defaultCatalogue();
  const effects = loadEffects();
  const rows = Object.entries(COMMANDS).flatMap(([name, argv]) => {
    const split = measure(() => splitCommandLine(argv, catalogue.options), 400, 50);
    const both = measure(() => readCommand(argv, catalogue, effects), 400, 50);
    return [
      [name, "split", fixed(median(split), 2), fixed(quantile(split, 0.99), 2), `${fixed(TARGET_MEDIAN_US / median(split), 1)}×`],
      [name, "split + resolve", fixed(median(both), 2), fixed(quantile(both, 0.99), 2), `${fixed(TARGET_MEDIAN_US / median(both), 1)}×`],
    ];
  });
  printTable(
    `ffmpeg command model, µs per command (target: median ≤ ${TARGET_MEDIAN_US} µs; "vs target" > 1× is faster)`,
    ["command", "work", "median µs", "p99 µs", "vs target"],
    rows,
  );
}
