// Runs `ffpolicy inspect --json` in-process (the same code path as the command) and
// returns its parsed output.

import { main } from "../../src/cli/main.js";
import type { Job } from "../../src/ffmpeg/job/model.js";
import { splitShellWords } from "../../src/ffmpeg/shell-words.js";

export interface InspectResult {
  readonly exitCode: number;
  readonly global: { name: string; specifier: string | null; value: string | null }[];
  readonly inputs: { url: string; options: { name: string; specifier: string | null; value: string | null }[] }[];
  readonly outputs: { url: string; options: { name: string; specifier: string | null; value: string | null }[] }[];
  readonly trailing: unknown[];
  readonly warnings: string[];
  readonly job: Job;
  readonly stderr: string;
}

export async function runCli(args: readonly string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const exitCode = await main(args, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
  return { exitCode, stdout, stderr };
}

export async function inspectJson(command: string, catalogue?: string): Promise<InspectResult> {
  const words = splitShellWords(command);
  if (!words.ok) throw new Error(words.message);
  const { exitCode, stdout, stderr } = await runCli([
    "inspect",
    "--json",
    ...(catalogue === undefined ? [] : ["--catalogue", catalogue]),
    "--",
    ...words.words,
  ]);
  if (exitCode !== 0) throw new Error(`inspect exited ${exitCode}: ${stderr}`);
  return { ...(JSON.parse(stdout) as Omit<InspectResult, "exitCode" | "stderr">), exitCode, stderr };
}
