// Field error texts of the declaration pages: the client's own checks translated with the same codes the
// server uses, and the server's field errors (already in the language the request asked for).
import type { I18n } from "../i18n/index.ts";
import type vi from "../i18n/vi.json";
import type { FieldProblems } from "./validate.ts";

export type ErrorCode = keyof typeof vi.declaration.errors;

/** Text for each pointer with a problem, in the UI language. */
export function problemTexts(problems: FieldProblems, t: I18n["t"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [pointer, problem] of Object.entries(problems)) {
    const code = problem.code as ErrorCode;
    const text = t(`declaration.errors.${code}`, { limit: problem.limit ?? "" });
    out[pointer] =
      typeof text === "string" && !text.startsWith("declaration.errors.")
        ? text
        : t("declaration.errors.invalid");
  }
  return out;
}

/** Drops the errors of `pointer` and of every field under it (the user is changing it). */
export function withoutErrors(errors: Record<string, string>, ...pointers: string[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).filter(([p]) => !pointers.some((q) => p === q || p.startsWith(`${q}/`))),
  );
}
