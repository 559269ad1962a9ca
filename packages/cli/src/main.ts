#!/usr/bin/env node
/** The `bluezone` command: run the system, inspect and verify export files, operate the key server. */
import { Command } from "commander";
import { configCommand } from "./commands/config.ts";
import { type CommandResult, inspectCommand, verifyExportCommand } from "./commands/index.ts";
import { exportOnceCommand, issueCodeCommand } from "./commands/key-server.ts";
import { posterInstallCommand } from "./commands/poster.ts";
import { serveCommand } from "./commands/serve.ts";
import { demoPhonesCommand, UsageError } from "./demo-phones/command.ts";

function finish(result: CommandResult): void {
  if (result.stdout)
    process.stdout.write(result.stdout.endsWith("\n") ? result.stdout : `${result.stdout}\n`);
  if (result.stderr)
    process.stderr.write(result.stderr.endsWith("\n") ? result.stderr : `${result.stderr}\n`);
  process.exitCode = result.exitCode;
}

function fail(error: unknown): void {
  process.stderr.write(`bluezone: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

const program = new Command()
  .name("bluezone")
  .description("Bluezone, rebuilt: privacy-preserving exposure notification and campaign monitoring")
  .showHelpAfterError();

program
  .command("start")
  .description("run the whole system in demo mode (embedded PGlite database, demo accounts and keys)")
  .action(async () => {
    await serveCommand({ demo: true }).catch(fail);
  });

program
  .command("serve")
  .description("run the server with configuration from the environment (production)")
  .option(
    "--workers <n>",
    'server processes sharing the port (PostgreSQL only; "auto" = one per CPU; env SERVER_WORKERS)',
  )
  .action(async (opts: { workers?: string }) => {
    await serveCommand({ demo: false, ...(opts.workers ? { workers: opts.workers } : {}) }).catch(fail);
  });

program
  .command("verify-export")
  .description("verify a GAEN export zip's format and signature and print its metadata")
  .argument("<file>", "export zip (export.bin + export.sig)")
  .option("--pubkey <pem>", "trusted public key: PEM file path or PEM text (repeatable)", collect)
  .action((file: string, opts: { pubkey?: string[] }) => verifyExportCommand(file, opts).then(finish, fail));

program
  .command("inspect")
  .description("dump an export.bin, export.sig or export zip as JSON")
  .argument("<file>")
  .action((file: string) => inspectCommand(file).then(finish, fail));

program
  .command("issue-code")
  .description("issue a one-time verification code (health authority), using the configured database")
  .requiredOption("--type <type>", "confirmed | likely | negative | close_contact")
  .option("--symptom-date <YYYY-MM-DD>", "symptom onset date")
  .option("--test-date <YYYY-MM-DD>", "test date")
  .action((opts: { type: string; symptomDate?: string; testDate?: string }) =>
    issueCodeCommand(opts).then(finish, fail),
  );

program
  .command("export")
  .description("run the signed key export now (--once), using the configured database and blob store")
  .option("--once", "run one export and exit (the only mode; the server runs it hourly)")
  .action(() => exportOnceCommand().then(finish, fail));

program
  .command("poster")
  .description("print posters to PDF files")
  .command("install")
  .description("install poster (A4/A3) with a QR code to PUBLIC_BASE_URL/cai-dat?src=<source>")
  .option("--size <size>", "A4 or A3", "A4")
  .option("--src <source>", "outreach source: poster-<id>, wifi-<place>, bus-<station>, ...")
  .requiredOption("-o, --out <file>", "PDF file to write")
  .action((opts: { size: string; src?: string; out: string }) =>
    posterInstallCommand(opts).then(finish, fail),
  );

program
  .command("config")
  .description("list every environment variable the server reads, with its default")
  .option("--markdown", "print a Markdown table (as in README.md)")
  .action((opts: { markdown?: boolean }) => finish(configCommand(opts)));

program
  .command("demo-phones")
  .description("watch F0 -> F1 -> F2 happen on four virtual phones against the real server (vi/en)")
  .option(
    "--url <server>",
    "a running server (real time); default: the server in-process on a simulated clock",
  )
  .option("--seed <n>", "seed of the virtual radio and the phones' keys", "42")
  .option("--user <name>", "with --url: a health-authority account that issues the codes")
  .option("--password <pw>", "with --url: its password (or BLUEZONE_PASSWORD)")
  .option("--wait <minutes>", "with --url: longest wait for each export (default 75)")
  .option("--blobs <url>", "with --url: blob/CDN base URL of the exports (default <server>/blobs)")
  .action(
    async (opts: {
      url?: string;
      seed?: string;
      user?: string;
      password?: string;
      wait?: string;
      blobs?: string;
    }) => {
      try {
        process.exitCode = await demoPhonesCommand(opts);
      } catch (error) {
        fail(error);
        if (error instanceof UsageError) process.exitCode = 2;
      }
    },
  );

await program.parseAsync(process.argv);
