import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchHttp } from "./fetch-http.ts";

let server: Server;
let base = "";
const seen: { method?: string; type?: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      seen.push({ method: req.method, type: req.headers["content-type"], body });
      if (req.url === "/bytes") res.end(Buffer.from([0, 1, 2, 255]));
      else if (req.url === "/json")
        res.writeHead(201, { "content-type": "application/json" }).end('{"ok":true}');
      else if (req.url === "/problem") res.writeHead(400).end('{"errorCode":"code_invalid"}');
      else res.writeHead(502).end("<html>bad gateway</html>");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("FetchHttp (over the real fetch)", () => {
  it("GET returns status and raw bytes", async () => {
    const http = new FetchHttp();
    expect(await http.get(`${base}/bytes`)).toEqual({ status: 200, body: new Uint8Array([0, 1, 2, 255]) });
  });

  it("POST sends JSON and returns parsed JSON with the status; error statuses are returned, not thrown", async () => {
    const http = new FetchHttp();
    expect(await http.postJson(`${base}/json`, { code: "1" })).toEqual({ status: 201, body: { ok: true } });
    expect(seen.at(-1)).toEqual({ method: "POST", type: "application/json", body: '{"code":"1"}' });
    expect(await http.postJson(`${base}/problem`, {})).toEqual({
      status: 400,
      body: { errorCode: "code_invalid" },
    });
    expect(await http.postJson(`${base}/other`, {})).toEqual({ status: 502, body: undefined });
  });
});
