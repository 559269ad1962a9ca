// Integration: weekly reports generated on demand and by the Monday job, downloaded as XLSX (read back with
// exceljs: sheets per level, formulas and their values) and PDF (text read back: the Vietnamese letter head),
// with sign-ins and exports in the audit log.
import ExcelJS from "exceljs";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../audit/store.ts";
import { JobWorker } from "../platform/jobs/worker.ts";
import { type CampaignTestApp, createCampaignTestApp, installIdOf } from "./campaign.testutil.ts";
import { SHEET_NAMES } from "./report-xlsx.ts";

let t: CampaignTestApp;
let hanoi: string;
beforeAll(async () => {
  t = await createCampaignTestApp({ env: { CAMPAIGN_PHONE_RATE_LIMIT: "1000" } });
  hanoi = await t.official("hanoi", "province", "01");
  await t.app.inject({
    method: "POST",
    url: "/v1/campaign/subscribers",
    headers: { authorization: `Bearer ${hanoi}`, "content-type": "text/csv" },
    payload: "unit code,subscribers,date\n00004,7,2025-07-01\n00008,4,2025-07-01\n",
  });
  await t.app.inject({
    method: "PUT",
    url: "/v1/campaign/units/01/target",
    headers: { authorization: `Bearer ${hanoi}` },
    payload: { percent: 60, deadline: "2025-08-31" },
  });
  await t.app.inject({
    method: "POST",
    url: "/v1/campaign/agencies",
    headers: { authorization: `Bearer ${hanoi}` },
    payload: { unitCode: "00004", name: "Trường THPT Phan Đình Phùng", kind: "school", headcount: 80 },
  });
  for (let i = 0; i < 3; i++) {
    await t.register({ installId: installIdOf(i), communeCode: "00004" });
    await t.confirmPhone(installIdOf(i), `091234560${i}`);
  }
  await t.register({ installId: installIdOf(9), communeCode: "00008" });
  await t.confirmPhone(installIdOf(9), "0912345609");
});
afterAll(async () => {
  await t?.close();
});

const download = (url: string, token = hanoi) =>
  t.app.inject({ method: "GET", url, headers: { authorization: `Bearer ${token}` } });

describe("weekly report", () => {
  it("is generated on demand as XLSX with one sheet per level and working formulas", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: "/v1/campaign/units/01/reports",
      headers: { authorization: `Bearer ${hanoi}` },
      payload: {},
    });
    expect(created.statusCode).toBe(201);
    const report = JSON.parse(created.body);
    expect(report).toMatchObject({ unitCode: "01", weekStart: "2025-08-04" });
    const xlsx = await download(report.xlsxUrl);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    expect(xlsx.headers["content-disposition"]).toContain("bao-cao-tuan-01-2025-08-04.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      SHEET_NAMES.summary,
      SHEET_NAMES.commune,
      SHEET_NAMES.agencies,
      SHEET_NAMES.trend,
    ]);
    const communes = wb.getWorksheet(SHEET_NAMES.commune)!;
    expect(communes.rowCount).toBe(1 + 126 + 1);
    const baDinh = communes.getRow(2);
    expect(baDinh.getCell(2).value).toBe("00004");
    expect(baDinh.getCell(3).value).toBe("Phường Ba Đình");
    expect(baDinh.getCell(4).value).toBe("Thành phố Hà Nội");
    expect(baDinh.getCell(6).value).toBe(3); // with phone
    expect(baDinh.getCell(9).value).toEqual({ formula: 'IF(H2>0,TRUNC(F2*10000/H2)/100,"")', result: 42.85 });
    expect(baDinh.getCell(10).value).toBe(60);
    expect((baDinh.getCell(11).value as { result: string }).result).toBe("Chưa đạt");
    const total = communes.getRow(128);
    expect(total.getCell(3).value).toBe("Tổng cộng");
    expect(total.getCell(6).value).toEqual({ formula: "SUM(F2:F127)", result: 4 });
    expect((total.getCell(9).value as { result: number }).result).toBe(36.36); // 4 / 11
    const summary = wb.getWorksheet(SHEET_NAMES.summary)!;
    expect(summary.getCell("A2").value).toBe("Thành phố Hà Nội");
    expect(summary.getCell("B10").value).toEqual({
      formula: 'IF(B9>0,TRUNC(B7*10000/B9)/100,"")',
      result: 36.36,
    });
    const agencies = wb.getWorksheet(SHEET_NAMES.agencies)!;
    expect(agencies.getRow(2).getCell(2).value).toBe("Trường THPT Phan Đình Phùng");
  });

  it("is a PDF in the official letter's style whose text reads back in Vietnamese", async () => {
    const created = JSON.parse(
      (
        await t.app.inject({
          method: "POST",
          url: "/v1/campaign/units/01/reports",
          headers: { authorization: `Bearer ${hanoi}` },
          payload: { weekStart: "2025-07-28" },
        })
      ).body,
    );
    const pdf = await download(created.pdfUrl);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const bytes = new Uint8Array(pdf.rawPayload);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const { text, totalPages } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    expect(totalPages).toBeGreaterThanOrEqual(2);
    const normalized = text.normalize("NFC").replace(/\s+/g, " ");
    expect(normalized).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(normalized).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(normalized).toContain("Kết quả triển khai ứng dụng Bluezone tuần từ 28/07/2025 đến 03/08/2025");
    expect(normalized).toContain("THÀNH PHỐ HÀ NỘI");
    expect(normalized).toContain("Phường Ba Đình");
    expect(normalized).toContain("Trường THPT Phan Đình Phùng");
    const list = JSON.parse((await download("/v1/campaign/units/01/reports")).body);
    expect(list.reports.map((r: { weekStart: string }) => r.weekStart)).toEqual(["2025-08-04", "2025-07-28"]);
  });

  it("logs sign-ins and every export in the audit log", async () => {
    const exports = await listAudit(t.db, { action: "campaign.report-export" });
    expect(exports.map((e) => [e.username, e.unitCode, e.detail.format])).toEqual([
      ["hanoi", "01", "pdf"],
      ["hanoi", "01", "xlsx"],
    ]);
    const signIns = await listAudit(t.db, { action: "auth.sign-in" });
    expect(signIns.map((e) => e.username)).toContain("hanoi");
    const national = await t.official("national", "national", null);
    const audit = JSON.parse((await download("/v1/campaign/audit", national)).body);
    expect(audit.entries[0]).toMatchObject({ action: "auth.sign-in", username: "national" });
    expect((await download("/v1/campaign/audit")).statusCode).toBe(403);
  });

  it("is generated for the nation and every province by the Monday job", async () => {
    const worker = new JobWorker({ registry: t.jobs, now: () => Date.parse("2025-08-04T10:06:00Z") });
    await worker.tickSchedules();
    await worker.drain();
    const national = await t.official("national2", "national", null);
    const vn = JSON.parse((await download("/v1/campaign/units/VN/reports", national)).body);
    expect(vn.reports.map((r: { weekStart: string }) => r.weekStart)).toEqual(["2025-07-28"]);
    const hcm = JSON.parse((await download("/v1/campaign/units/79/reports", national)).body);
    expect(hcm.reports).toHaveLength(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(vn.reports[0].xlsxUrl, national)).rawPayload as never);
    expect(wb.getWorksheet(SHEET_NAMES.province)!.rowCount).toBe(1 + 34 + 1);
    expect(wb.getWorksheet(SHEET_NAMES.commune)!.rowCount).toBe(1 + 3321 + 1);
  });
});
