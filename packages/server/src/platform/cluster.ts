// Multi-process serving with node:cluster (SERVER_WORKERS / `bluezone serve --workers N`): the primary forks N
// workers that share the listening port, restarts a worker that dies (with back-off when it keeps dying at
// start), and on SIGINT/SIGTERM stops every worker gracefully. Workers are whole servers (PostgreSQL only;
// jobs are claimed with SKIP LOCKED, so several workers are safe). No database access in the primary.
import cluster, { type Worker } from "node:cluster";

/** Messages a worker sends the primary. */
type WorkerMessage = { type: "bluezone:listening"; url: string };

const isWorkerMessage = (m: unknown): m is WorkerMessage =>
  typeof m === "object" && m !== null && (m as { type?: unknown }).type === "bluezone:listening";

/** Response header naming the worker that answered (the cluster worker id, a small number). */
export const WORKER_HEADER = "x-bluezone-worker";

export interface ClusterOptions {
  workers: number;
  /** Environment of the workers (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Grace period a worker gets on stop before it is killed (default 10 s). */
  shutdownTimeoutMs?: number;
  /** First delay before restarting a dead worker; doubles while workers die within `stableMs` (default 500 ms). */
  restartDelayMs?: number;
  /** A worker that lived this long resets the back-off (default 10 s). */
  stableMs?: number;
  /** Install SIGINT/SIGTERM handlers that stop the cluster (default true). */
  handleSignals?: boolean;
  /** Event log of the primary (one line per event; never request data). */
  log?: (message: string) => void;
}

export interface ClusterHandle {
  /** URL the workers listen on (from the first worker that listens). */
  url: string;
  /** Ids and pids of the live workers. */
  workers(): { id: number; pid: number | undefined }[];
  /** Workers started so far, restarts included. */
  started(): number;
  /** Stops every worker (SIGTERM, then SIGKILL after the grace period); resolves when all have exited. */
  close(): Promise<void>;
}

/** Starts the primary: forks `workers` copies of this program and resolves once one of them listens. */
export function startCluster(options: ClusterOptions): Promise<ClusterHandle> {
  if (!cluster.isPrimary) throw new Error("startCluster must run in the primary process");
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
  const baseDelay = options.restartDelayMs ?? 500;
  const stableMs = options.stableMs ?? 10_000;
  const env = options.env ?? process.env;
  const bornAt = new Map<Worker, number>();
  let delay = baseDelay;
  let started = 0;
  let stopping: Promise<void> | undefined;
  let url: string | undefined;
  const timers = new Set<NodeJS.Timeout>();

  return new Promise<ClusterHandle>((resolve, reject) => {
    const fork = () => {
      started++;
      const worker = cluster.fork({ ...env, BLUEZONE_CLUSTER_WORKER: "1" });
      bornAt.set(worker, Date.now());
      worker.on("message", (message: unknown) => {
        if (!isWorkerMessage(message)) return;
        log(`worker ${worker.id} (pid ${worker.process.pid}) listening at ${message.url}`);
        if (url === undefined) {
          url = message.url;
          resolve(handle);
        }
      });
    };

    const onExit = (worker: Worker, code: number | null, signal: string | null) => {
      const lived = Date.now() - (bornAt.get(worker) ?? Date.now());
      bornAt.delete(worker);
      if (stopping) return;
      if (url === undefined && started >= options.workers * 3) {
        // Workers die before ever listening: a configuration or database problem, not a crash to ride out.
        reject(new Error(`workers exit before listening (last: code ${code}, signal ${signal})`));
        void close();
        return;
      }
      delay = lived >= stableMs ? baseDelay : Math.min(delay * 2, 30_000);
      const wait = lived >= stableMs ? 0 : delay;
      log(`worker ${worker.id} exited (code ${code}, signal ${signal}); restarting in ${wait} ms`);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!stopping) fork();
      }, wait);
      timers.add(timer);
    };
    cluster.on("exit", onExit);

    const close = (): Promise<void> => {
      stopping ??= (async () => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
        await Promise.all(
          live.map(
            (w) =>
              new Promise<void>((done) => {
                if (w.isDead()) return done();
                const kill = setTimeout(() => w.process.kill("SIGKILL"), shutdownTimeoutMs * 2);
                w.once("exit", () => {
                  clearTimeout(kill);
                  done();
                });
                w.process.kill("SIGTERM");
              }),
          ),
        );
        cluster.off("exit", onExit);
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
        log("all workers stopped");
      })();
      return stopping;
    };
    const onSignal = (signal: NodeJS.Signals) => {
      log(`${signal}: stopping ${Object.keys(cluster.workers ?? {}).length} workers`);
      close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    if (options.handleSignals !== false) {
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
    }

    const handle: ClusterHandle = {
      get url() {
        return url ?? "";
      },
      workers: () =>
        Object.values(cluster.workers ?? {})
          .filter((w): w is Worker => w !== undefined && !w.isDead())
          .map((w) => ({ id: w.id, pid: w.process.pid })),
      started: () => started,
      close,
    };
    for (let i = 0; i < options.workers; i++) fork();
  });
}

/** Whether this process is a worker started by startCluster. */
export const isClusterWorker = (): boolean => cluster.isWorker && process.env.BLUEZONE_CLUSTER_WORKER === "1";

/**
 * In a worker, once its server listens: tags responses with the worker id and tells the primary the URL.
 * `server` is the Node HTTP server (Fastify's `app.server`).
 */
export function announceWorker(server: import("node:http").Server, url: string): void {
  const id = String(cluster.worker?.id ?? 0);
  server.prependListener("request", (_req, res) => {
    res.setHeader(WORKER_HEADER, id);
  });
  process.send?.({ type: "bluezone:listening", url } satisfies WorkerMessage);
}
