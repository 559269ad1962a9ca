// Worker thread of ExportBuildPool: receives packed export files and the signing key, replies with the
// signed zip bytes (transferred, not copied). Runs from TypeScript source (see createTsWorker).
import { parentPort } from "node:worker_threads";
import { buildSignedZip, unpackExportFile } from "./build.ts";
import type { BuildReply, BuildRequest } from "./build-pool.ts";

parentPort?.on("message", (request: BuildRequest) => {
  let reply: BuildReply;
  try {
    const zip = buildSignedZip(unpackExportFile(request.file), request.privateKey);
    reply = { id: request.id, zip };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply, "zip" in reply ? [reply.zip.buffer as ArrayBuffer] : []);
});
