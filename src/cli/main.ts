// `ffpolicy <verb>`: argument parsing and exit codes only; each verb is a function of
// its own module over the core.

import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { catalogueIds, DEFAULT_CATALOGUE_ID, loadCatalogue, type CatalogueIndex } from "../ffmpeg/catalogue/index.js";
import { runCheck } from "./check.js";
import { runFmt } from "./fmt.js";
import { runDiff } from "./diff.js";
import { runInspect } from "./inspect.js";
import { runSimulate } from "./simulate.js";
import { runTests } from "./test.js";
import { EXIT, processIo, UsageError, type Io } from "./io.js";

/** The version in ffpolicy's package.json, found upwards from this module (src/cli from the sources, out/src/cli built). */
function packageVersion(): string {
  for (let dir = new URL(".", import.meta.url); dir.pathname !== "/"; dir = new URL("..", dir)) {
    try {
      const manifest = JSON.parse(readFileSync(new URL("package.json", dir), "utf8")) as { name?: string; version?: string };
      if (manifest.name === "ffpolicy" && manifest.version !== undefined) return manifest.version;
    } catch {
      // No package.json here, or not ffpolicy's: look further up.
    }
  }
  return "unknown";
}

function catalogueOption(): Option {
  return new Option("--catalogue <id>", `the pinned ffmpeg catalogue (${catalogueIds().join(", ")}, or a version like 7.1)`).default(DEFAULT_CATALOGUE_ID);
}

function catalogue(id: string): CatalogueIndex {
  const found = loadCatalogue(id);
  if (found === null) throw new UsageError(`unknown catalogue '${id}'; known: ${catalogueIds().join(", ")}`);
  return found;
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command("ffpolicy")
    .description("Identity and access management for FFmpeg, written as policy files.")
    .version(`${packageVersion()} (catalogue ${DEFAULT_CATALOGUE_ID})`, "--version", "print ffpolicy's version and its default ffmpeg catalogue")
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)");

  program
    .command("check")
    .description("check policy files; print diagnostics as file:line:col: severity CODE message")
    .argument("<files...>", "policy files")
    .option("--json", "print an array of diagnostics with LSP-style ranges")
    .addOption(catalogueOption())
    .action((files: string[], opts: { json?: boolean; catalogue: string }) => {
      setExit(runCheck(files, { json: opts.json === true }, catalogue(opts.catalogue), io));
    });

  program
    .command("fmt")
    .description("format policy files canonically (to stdout unless --write or --check)")
    .argument("<files...>", "policy files")
    .option("--write", "rewrite the files in place")
    .option("--check", "list the files whose formatting differs; exit 1 if any")
    .action((files: string[], opts: { write?: boolean; check?: boolean }) => {
      setExit(runFmt(files, { write: opts.write === true, check: opts.check === true }, io));
    });

  program
    .command("inspect")
    .description("show how ffmpeg splits a command line and what the command will open (ffpolicy inspect -- ffmpeg ARGS…)")
    .argument("<command...>", "ffmpeg and its arguments, after --")
    .option("--json", "print the split and the resolved job as JSON")
    .addOption(catalogueOption())
    .action((command: string[], opts: { json?: boolean; catalogue: string }) => {
      setExit(runInspect(command, { json: opts.json === true }, catalogue(opts.catalogue), io));
    });

  const collect = (value: string, previous: string[]) => [...previous, value];

  program
    .command("simulate")
    .description("decide a command as an identity would, with the explanation (ffpolicy simulate POLICY --as P --claims JSON -- ffmpeg ARGS…)")
    .argument("<policy>", "the policy file")
    .argument("[command...]", "ffmpeg and its arguments, after --")
    .requiredOption("--as <provider>", "the provider the identity comes from")
    .requiredOption("--claims <json>", "the identity's claims as JSON, or @file")
    .option("--facts <file>", "facts about inputs (JSON: url → streams)")
    .option("--history <entry>", "past jobs, like 'jobs 99 in 1h' (repeatable)", collect, [])
    .option("--cwd <dir>", "the working directory relative paths resolve against (default: the current one)")
    .option("--commands <file>", "decide every command of a file, one a line")
    .option("--json", "print the decision as JSON")
    .addOption(catalogueOption())
    .action(
      (
        policy: string,
        command: string[],
        opts: { as: string; claims: string; facts?: string; history: string[]; cwd?: string; commands?: string; json?: boolean; catalogue: string },
      ) => {
        setExit(runSimulate(policy, command, { ...opts, json: opts.json === true }, catalogue(opts.catalogue), io));
      },
    );

  program
    .command("test")
    .description("run the test blocks of policy files; ends with 'N passed, N failed'")
    .argument("<policies...>", "policy files")
    .option("--emit-vectors <file>", "write the tests as parity vectors (JSON) for the compiler")
    .addOption(catalogueOption())
    .action((policies: string[], opts: { emitVectors?: string; catalogue: string }) => {
      setExit(runTests(policies, opts, catalogue(opts.catalogue), io));
    });

  program
    .command("diff")
    .description("list the commands whose decision changes between two versions of a policy")
    .argument("<old>", "the policy as it was")
    .argument("<new>", "the policy as it will be")
    .requiredOption("--commands <file>", "commands to decide, one a line")
    .option("--as <provider>", "the provider of one identity")
    .option("--claims <json>", "that identity's claims (JSON or @file)")
    .option("--identities <file>", "a JSON list of {provider, claims}")
    .option("--facts <file>", "facts about inputs (JSON: url → streams)")
    .option("--history <entry>", "past jobs, like 'jobs 99 in 1h' (repeatable)", collect, [])
    .option("--cwd <dir>", "the working directory relative paths resolve against")
    .option("--json", "print the changes as JSON")
    .addOption(catalogueOption())
    .action(
      (
        oldPolicy: string,
        newPolicy: string,
        opts: {
          commands: string;
          as?: string;
          claims?: string;
          identities?: string;
          facts?: string;
          history: string[];
          cwd?: string;
          json?: boolean;
          catalogue: string;
        },
      ) => {
        setExit(runDiff(oldPolicy, newPolicy, { ...opts, json: opts.json === true }, catalogue(opts.catalogue), io));
      },
    );

  return program;
}

/** Runs the CLI and returns its exit code. Nothing here lets an exception reach the user. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; every other commander error is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.err(`ffpolicy: ${error.message}\n`);
      return EXIT.usage;
    }
    io.err(`ffpolicy: internal error: ${(error as Error).message}\nPlease report this with the command that caused it.\n`);
    return 70;
  }
}
