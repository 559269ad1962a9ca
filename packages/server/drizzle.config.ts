// drizzle-kit configuration: every feature's tables.ts -> SQL migrations in ./migrations.
// Generate after changing a table: `npm run db:generate -w @bluezone/server`.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: ["./src/*/tables.ts", "./src/outreach/landing-tables.ts"],
  out: "./migrations",
});
