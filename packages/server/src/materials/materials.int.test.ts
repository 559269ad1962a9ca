// Integration: guidance materials - upload (multipart; allow-list checked against the bytes, size limit, unit
// scope), public list and filters, download with Content-Disposition and Range, scoped delete, audit entries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../audit/index.ts";
import { authFeature } from "../auth/index.ts";
import { officialSessions } from "../auth/sessions.testutil.ts";
import { createTestApp, type TestApp } from "../platform/test-app.ts";
import { loadUnitsDataset, seedUnits, unitsFeature } from "../units/index.ts";
import { materialsFeature } from "./index.ts";

const MAX = 4096;
let t: TestApp;
const tokens = { national: "", hanoi: "", hcm: "", commune: "" };

beforeAll(async () => {
  t = await createTestApp({
    features: [authFeature, unitsFeature, materialsFeature],
    env: { AUTH_SCRYPT_COST: "10", UNITS_SEED: "false", MATERIALS_MAX_BYTES: String(MAX) },
    config: { rateLimit: { max: 0, windowMs: 60_000 } },
  });
  const full = loadUnitsDataset();
  const wanted = new Set(["79", "01"]);
  await seedUnits(t.db, {
    version: "materials-tests",
    units: full.units.filter(
      (u) => u.hierarchy === "v2025" && (wanted.has(u.code) || wanted.has(u.parentCode ?? "")),
    ),
    mapping: [],
  });
  const login = officialSessions(t);
  tokens.national = await login("national.materials", "national", null);
  tokens.hanoi = await login("hanoi.materials", "province", "01");
  tokens.hcm = await login("hcm.materials", "province", "79");
  tokens.commune = await login("badinh.materials", "commune", "00004");
});
afterAll(async () => {
  await t?.close();
});

const PDF = Buffer.from("%PDF-1.4\n% Hướng dẫn cài đặt Bluezone\n%%EOF\n");
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypmp42"), Buffer.alloc(200, 7)]);

function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) {
  const boundary = "----bz-materials-test";
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(
  bearer: string | null,
  fields: Record<string, string>,
  file?: { name: string; type: string; bytes: Buffer },
) {
  const body = multipart(fields, file);
  return t.app.inject({
    method: "POST",
    url: "/v1/materials",
    headers: {
      "content-type": body.contentType,
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    payload: body.payload,
  });
}

const pdfFile = { name: "Hướng dẫn cài đặt.pdf", type: "application/pdf", bytes: PDF };
const list = async (query = "") => {
  const res = await t.app.inject({ method: "GET", url: `/v1/materials${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return (
    res.json() as { materials: { id: string; titleVi: string; unitCode: string | null; type: string }[] }
  ).materials;
};
const ids = { national: "", hanoi: "", badinh: "" };

describe("upload", () => {
  it("stores a national PDF with its metadata and hash, and audits it", async () => {
    const res = await upload(
      tokens.national,
      { titleVi: "Hướng dẫn cài đặt Bluezone", titleEn: "How to install Bluezone", description: "Ba bước" },
      pdfFile,
    );
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({
      titleVi: "Hướng dẫn cài đặt Bluezone",
      titleEn: "How to install Bluezone",
      description: "Ba bước",
      unitCode: null,
      type: "pdf",
      contentType: "application/pdf",
      fileName: "Hướng dẫn cài đặt.pdf",
      size: PDF.length,
    });
    expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
    ids.national = m.id;
    const audit = await listAudit(t.db, { action: "materials.upload" });
    expect(audit[0]).toMatchObject({
      username: "national.materials",
      detail: { material: m.id, type: "pdf" },
    });
  });

  it("scopes province uploads to their province; commune officers and the public cannot upload", async () => {
    const own = await upload(
      tokens.hanoi,
      { titleVi: "Video hướng dẫn Hà Nội" },
      {
        name: "video.mp4",
        type: "video/mp4",
        bytes: MP4,
      },
    );
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ unitCode: "01", type: "video" });
    ids.hanoi = own.json().id;
    const commune = await upload(tokens.hanoi, { titleVi: "Ba Đình", unitCode: "00004" }, pdfFile);
    expect(commune.json()).toMatchObject({ unitCode: "00004" });
    ids.badinh = commune.json().id;
    expect((await upload(tokens.hanoi, { titleVi: "x", unitCode: "79" }, pdfFile)).statusCode).toBe(403);
    expect((await upload(tokens.national, { titleVi: "x", unitCode: "99999" }, pdfFile)).statusCode).toBe(
      404,
    );
    expect((await upload(tokens.commune, { titleVi: "x" }, pdfFile)).statusCode).toBe(403);
    expect((await upload(null, { titleVi: "x" }, pdfFile)).statusCode).toBe(401);
  });

  it("refuses types outside the allow-list, bytes that lie about their type, too big files, bad fields", async () => {
    const before = (await list()).length;
    const html = await upload(
      tokens.national,
      { titleVi: "x" },
      {
        name: "a.html",
        type: "text/html",
        bytes: Buffer.from("<script>alert(1)</script>"),
      },
    );
    expect(html.statusCode).toBe(415);
    expect(html.headers["content-type"]).toMatch(/problem\+json/);
    const liar = await upload(
      tokens.national,
      { titleVi: "x" },
      {
        name: "a.pdf",
        type: "application/pdf",
        bytes: Buffer.from("<html>not a pdf</html>"),
      },
    );
    expect(liar.statusCode).toBe(415);
    const big = await upload(
      tokens.national,
      { titleVi: "x" },
      {
        name: "big.pdf",
        type: "application/pdf",
        bytes: Buffer.concat([PDF, Buffer.alloc(MAX)]),
      },
    );
    expect(big.statusCode).toBe(413);
    expect((await upload(tokens.national, { titleVi: "" }, pdfFile)).statusCode).toBe(400);
    expect((await upload(tokens.national, { titleVi: "x", owner: "y" }, pdfFile)).statusCode).toBe(400);
    expect((await upload(tokens.national, { titleVi: "x" })).statusCode).toBe(400);
    const json = await t.app.inject({
      method: "POST",
      url: "/v1/materials",
      headers: { authorization: `Bearer ${tokens.national}` },
      payload: { titleVi: "x" },
    });
    expect(json.statusCode).toBe(415);
    expect((await list()).length).toBe(before);
  });
});

describe("list and download", () => {
  it("lists for everyone, by type and by the citizen's unit (national + the unit and above)", async () => {
    expect((await list()).map((m) => m.id).sort()).toEqual([ids.national, ids.hanoi, ids.badinh].sort());
    expect((await list("?type=video")).map((m) => m.id)).toEqual([ids.hanoi]);
    expect((await list("?unit=00004")).map((m) => m.id).sort()).toEqual(
      [ids.national, ids.hanoi, ids.badinh].sort(),
    );
    expect((await list("?unit=00008")).map((m) => m.id).sort()).toEqual([ids.national, ids.hanoi].sort());
    expect((await list("?unit=79")).map((m) => m.id)).toEqual([ids.national]);
    expect((await t.app.inject({ method: "GET", url: "/v1/materials?type=exe" })).statusCode).toBe(400);
  });

  it("downloads the bytes with type, Content-Disposition and byte ranges", async () => {
    const res = await t.app.inject({ method: "GET", url: `/v1/materials/${ids.national}/file` });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PDF)).toBe(true);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="Huong dan cai dat.pdf"; filename*=UTF-8''${encodeURIComponent("Hướng dẫn cài đặt.pdf")}`,
    );
    expect(res.headers["accept-ranges"]).toBe("bytes");
    const part = await t.app.inject({
      method: "GET",
      url: `/v1/materials/${ids.hanoi}/file`,
      headers: { range: "bytes=4-11" },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers["content-range"]).toBe(`bytes 4-11/${MP4.length}`);
    expect(part.rawPayload.toString()).toBe("ftypmp42");
    const beyond = await t.app.inject({
      method: "GET",
      url: `/v1/materials/${ids.hanoi}/file`,
      headers: { range: `bytes=${MP4.length}-` },
    });
    expect(beyond.statusCode).toBe(416);
    expect(
      (await t.app.inject({ method: "GET", url: `/v1/materials/${"A".repeat(22)}/file` })).statusCode,
    ).toBe(404);
  });
});

describe("delete", () => {
  const del = (bearer: string, id: string) =>
    t.app.inject({
      method: "DELETE",
      url: `/v1/materials/${id}`,
      headers: { authorization: `Bearer ${bearer}` },
    });

  it("lets a province delete only within its province, national anything; removes the file; audits", async () => {
    expect((await del(tokens.hcm, ids.hanoi)).statusCode).toBe(403);
    expect((await del(tokens.hanoi, ids.national)).statusCode).toBe(403);
    expect((await del(tokens.commune, ids.badinh)).statusCode).toBe(403);
    expect((await del(tokens.hanoi, ids.badinh)).statusCode).toBe(204);
    expect((await del(tokens.national, ids.hanoi)).statusCode).toBe(204);
    expect((await del(tokens.national, ids.hanoi)).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/v1/materials/${ids.hanoi}/file` })).statusCode).toBe(
      404,
    );
    expect(await t.blobs.list("materials/")).toEqual([`materials/${ids.national}`]);
    expect((await list()).map((m) => m.id)).toEqual([ids.national]);
    const audit = await listAudit(t.db, { action: "materials.delete" });
    expect(audit.map((a) => a.username).sort()).toEqual(["hanoi.materials", "national.materials"]);
  });
});
