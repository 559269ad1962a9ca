export * from "./bytes.ts";
export * from "./checkin/index.ts";
export * from "./errors.ts";
export * from "./export/index.ts";
export * from "./gaen/index.ts";
export * from "./matching/index.ts";
export * from "./scoring/index.ts";
export * from "./verification/index.ts";
