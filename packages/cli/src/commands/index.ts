/** The CLI's commands as plain functions (args in, { exitCode, stdout, stderr } out); main.ts wires them. */
export { exportBinJson, inspectCommand, signatureListJson } from "./inspect.ts";
export {
  type CommandResult,
  EXIT_INVALID,
  EXIT_USAGE,
  type VerifyExportOptions,
  verifyExportCommand,
} from "./verify-export.ts";
