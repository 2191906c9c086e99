#!/usr/bin/env node
// The `ffpolicy` command. The CLI itself is TypeScript, compiled by `npm run build`.
import { main } from "../out/src/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
