// The codes of a bad line in a subscriber file, one list for the server's parser and the console's messages.
export const ROW_ERROR_CODES = [
  "missing-header",
  "empty-file",
  "missing-value",
  "unknown-unit",
  "out-of-scope",
  "invalid-number",
  "invalid-date",
  "future-date",
  "duplicate",
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];
