/**
 * Child process of the ingest benches with BENCH_WORKERS > 1: the cluster primary (platform/cluster.ts) forks
 * SERVER_WORKERS servers sharing one port and prints `{"url": ...}` once every worker listens. Stops on SIGTERM.
 */
import { announceWorker, isClusterWorker, loadConfig, startCluster, startServer } from "@bluezone/server";

if (isClusterWorker()) {
  const server = await startServer();
  announceWorker((server.app as unknown as { server: import("node:http").Server }).server, server.url);
} else {
  const workers = loadConfig().workers;
  let listening = 0;
  await startCluster({
    workers,
    log: (line) => {
      const url = /listening at (\S+)/.exec(line)?.[1];
      if (url && ++listening === workers) process.stdout.write(`${JSON.stringify({ url })}\n`);
    },
  });
}
