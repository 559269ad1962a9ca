/**
 * Child process of bench/publish.ts: starts the real server (all features, PostgreSQL from DATABASE_URL /
 * DATABASE_SCHEMA, loopback, random port) and prints `{"url": ...}` once it listens. Stops on SIGTERM.
 */
import { startServer } from "@bluezone/server";

const server = await startServer();
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
