/**
 * Key-server operations for an officer at a terminal: `bluezone issue-code` (a one-time verification code,
 * as the console's "Cấp mã xác nhận" page issues) and `bluezone export --once` (one export run now).
 * Both use the configured database (DATABASE_URL, or PGlite in DATA_DIR) and migrate it first.
 */
import { exportOnceFromEnv, issueCode, loadConfig, migrate, openDatabase } from "@bluezone/server";
import type { CommandResult } from "./verify-export.ts";

const TEST_TYPES = ["confirmed", "likely", "negative", "close_contact"] as const;
type TestType = (typeof TEST_TYPES)[number];

export interface IssueCodeOptions {
  type: string;
  symptomDate?: string;
  testDate?: string;
  env?: NodeJS.ProcessEnv;
}

/** Issues a code; prints the 8-digit code, the long code and their expiry times. */
export async function issueCodeCommand(options: IssueCodeOptions): Promise<CommandResult> {
  if (!TEST_TYPES.includes(options.type as TestType)) {
    return { exitCode: 2, stdout: "", stderr: `--type must be one of ${TEST_TYPES.join(", ")}` };
  }
  const env = options.env ?? process.env;
  const platform = loadConfig(env);
  const database = await openDatabase(
    platform.database.kind === "postgres"
      ? { kind: "postgres", url: platform.database.url, schema: platform.database.schema, poolSize: 1 }
      : { kind: "pglite", dataDir: platform.database.dataDir },
  );
  try {
    await migrate(database);
    const issued = await issueCode(
      database.db,
      {
        testType: options.type as TestType,
        ...(options.symptomDate ? { symptomDate: options.symptomDate } : {}),
        ...(options.testDate ? { testDate: options.testDate } : {}),
      },
      { env },
    );
    const lines = [
      `Mã xác nhận / verification code: ${issued.code}   (hết hạn / expires ${issued.expiresAt.toISOString()})`,
      `Mã dài / long code (SMS link):   ${issued.longCode}   (hết hạn / expires ${issued.longExpiresAt.toISOString()})`,
      `Loại / test type: ${issued.testType}${issued.symptomDate ? `, symptom onset ${issued.symptomDate}` : ""}`,
    ];
    return { exitCode: 0, stdout: lines.join("\n"), stderr: "" };
  } catch (error) {
    return { exitCode: 1, stdout: "", stderr: error instanceof Error ? error.message : String(error) };
  } finally {
    await database.close();
  }
}

/** Runs the export once and prints what was published. */
export async function exportOnceCommand(env: NodeJS.ProcessEnv = process.env): Promise<CommandResult> {
  const result = await exportOnceFromEnv(env);
  const lines = result.published.map((b) =>
    b.files.length === 0
      ? `${b.region}: window ${b.start.toISOString()} - ${b.end.toISOString()} closed with no keys (no file)`
      : `${b.region}: ${b.keys} keys (+${b.paddingKeys} padding, ${b.revisedKeys} revised) -> ${b.files.join(", ")}`,
  );
  return {
    exitCode: 0,
    stdout: lines.length > 0 ? lines.join("\n") : "nothing to export (no closed window with keys)",
    stderr: "",
  };
}
