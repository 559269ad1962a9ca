// A local fake SMS / Zalo gateway (node:http on port 0) for tests and the benchmark: records every request,
// dedupes on the idempotency key like real providers (the same key is delivered once and answers the same id),
// and lets a test choose each answer (status, body), hang a request, or close the connection.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface GatewayRequest {
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export type GatewayAnswer = { status: number; body: unknown } | "hang" | "drop" | "default";

export interface FakeGateway {
  url: string;
  /** Every request (only when `record` is on, the default). */
  requests: GatewayRequest[];
  /** POSTs received, duplicates included. */
  posts: number;
  /** The body of the latest POST (kept even when `record` is off). */
  last: Record<string, unknown> | null;
  /** Idempotency key -> how many times it was accepted (answered 200; the message is delivered once). */
  keys: Map<string, number>;
  /** Idempotency key -> how many times it was POSTed at all (hung, dropped and failed requests included). */
  received: Map<string, number>;
  /** Decides the answer to the n-th request (1-based); "default" = 200 with a provider id. */
  answer: (request: GatewayRequest, n: number) => GatewayAnswer;
  /** Answers every request left hanging with 503 and stops hanging new ones. */
  release(): void;
  close(): Promise<void>;
}

const keyOf = (body: Record<string, unknown>): string =>
  String(body.requestId ?? body.tracking_id ?? body.RequestId ?? "");

export async function startFakeGateway(
  options: { record?: boolean; zalo?: boolean } = {},
): Promise<FakeGateway> {
  const hanging = new Set<http.ServerResponse>();
  const ids = new Map<string, string>();
  const gateway: FakeGateway = {
    url: "",
    requests: [],
    posts: 0,
    last: null,
    keys: new Map(),
    received: new Map(),
    answer: () => "default",
    release() {
      gateway.answer = () => "default";
      for (const res of hanging) if (!res.writableEnded) res.writeHead(503).end("{}");
      hanging.clear();
    },
    close: async () => {
      gateway.release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      const request = { headers: req.headers, body };
      gateway.posts++;
      gateway.last = body;
      const received = keyOf(body);
      gateway.received.set(received, (gateway.received.get(received) ?? 0) + 1);
      if (options.record !== false) gateway.requests.push(request);
      const answer = gateway.answer(request, gateway.posts);
      if (answer === "hang") {
        hanging.add(res);
        return;
      }
      if (answer === "drop") {
        req.socket.destroy();
        return;
      }
      if (answer !== "default") {
        res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
        return;
      }
      const key = keyOf(body);
      gateway.keys.set(key, (gateway.keys.get(key) ?? 0) + 1);
      let id = ids.get(key);
      if (!id) {
        id = `gw-${ids.size + 1}`;
        ids.set(key, id);
      }
      const reply = options.zalo
        ? { error: 0, message: "Success", data: { msg_id: id, sent_time: String(Date.now()) } }
        : { code: "100", messageId: id };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  gateway.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms/send`;
  return gateway;
}
