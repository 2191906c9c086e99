#!/usr/bin/env node
// The `ffpolicy` command. The CLI itself is TypeScript, compiled by `npm run build`.
import { main } from "../out/src/cli/main.js";

// A reader that stops early (`ffpolicy check … | head -1`) closes the pipe: the rest of the
// output is dropped, and the exit code stays the verb's.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
