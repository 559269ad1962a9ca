/**
 * The demo with the real server in-process on a simulated clock: A meets B, D walks past, B meets C the next
 * day; A and then B upload with consent; the hourly export (run at HH:05 on the scene's clock) publishes
 * their keys after the embargo, and the phones turn F1 and F2.
 */
import { SimulatedClock } from "@bluezone/device";
import { rows, sql } from "@bluezone/server";
import { type LocalServer, startLocalServer } from "./local-server.ts";
import { Narrator, summaryLines } from "./narrator.ts";
import { vnClock, vnDate } from "./printer.ts";
import { HOUR_MS, MINUTE_MS, sceneTimes, startScene, vnDateIso, vnTime } from "./scene.ts";
import { DEFAULT_HEALTH_AUTHORITY_ID, fetchExposureSource, HealthAuthorityOfficer } from "./server-api.ts";
import { type StatusChange, StatusWatcher } from "./watcher.ts";

/** Monday 2026-11-02, the default first day of the local scene. */
export const DEFAULT_DAY_A = Date.UTC(2026, 10, 2);

export interface DemoResult {
  /** Every printed status change, in order. */
  changes: StatusChange[];
  /** Whether the scene reached A = F0, B = F1, C = F2 with D not exposed. */
  complete: boolean;
}

interface Step {
  atMs: number;
  run(): Promise<void>;
}

/** Keys not exported yet: held by the embargo (and until when), or due in the next hourly window. */
async function unexportedKeys(
  server: LocalServer,
  nowMs: number,
): Promise<{ embargoed: number; until: number | undefined; due: number }> {
  const now = new Date(nowMs).toISOString();
  const [row] = await rows<{ embargoed: number; until: string | null; due: number }>(
    server.db,
    sql`SELECT count(*) FILTER (WHERE available_at > ${now}::timestamptz)::int AS embargoed,
          (min(available_at) FILTER (WHERE available_at > ${now}::timestamptz))::text AS until,
          count(*) FILTER (WHERE available_at <= ${now}::timestamptz)::int AS due
        FROM diagnosis_keys WHERE export_batch_id IS NULL`,
  );
  return {
    embargoed: row?.embargoed ?? 0,
    until: row?.until ? Date.parse(row.until) : undefined,
    due: row?.due ?? 0,
  };
}

const keys = (n: number) => `${n} key${n === 1 ? "" : "s"}`;

export async function runLocalDemo(options: {
  seed: number;
  out: (line: string) => void;
  dayA?: number;
}): Promise<DemoResult> {
  const times = sceneTimes(options.dayA ?? DEFAULT_DAY_A);
  const vn = (day: number, h: number, m = 0) => vnTime(times.dayA, day, h, m);
  const clock = new SimulatedClock(times.startMs);
  const server = await startLocalServer({ clock: () => new Date(clock.nowMs()) });
  const say = new Narrator(options.out);
  const watcher = new StatusWatcher(say.line);
  try {
    say.plain(
      `Bluezone demo-phones (seed ${options.seed}): 4 điện thoại ảo + máy chủ thật trong tiến trình, đồng hồ mô phỏng.`,
    );
    say.plain("  4 virtual phones + the real server in-process, on a simulated clock.");
    say.plain(
      "  Giờ Việt Nam (UTC+7) / Vietnam time (UTC+7). Mức / level: -- chưa phơi nhiễm / not exposed, F0, F1, F2.",
    );
    say.plain("");
    const officer = await HealthAuthorityOfficer.login(
      server.api,
      server.officer.username,
      server.officer.password,
    );
    const sim = await startScene({
      times,
      seed: options.seed,
      http: server.http,
      clock,
      exposureSource: await fetchExposureSource(server.api, server.blobBaseUrl),
      keyServer: { baseUrl: server.baseUrl, healthAuthorityID: DEFAULT_HEALTH_AUTHORITY_ID },
    });
    const phone = (id: string) => sim.phone(id);
    let explainHeld = false;

    const upload = async (id: string, testType: "confirmed" | "close_contact", dayMs: number) => {
      const date = vnDateIso(dayMs);
      say.event(
        testType === "confirmed"
          ? {
              vi: `Cán bộ y tế cấp cho ${id} mã xác nhận dương tính (8 chữ số, hiệu lực 15 phút; khởi phát ${vnDate(dayMs)}). ${id} đồng ý chia sẻ khóa.`,
              en: `A health officer issues ${id} a "confirmed" code (8 digits, valid 15 min; onset ${date}). ${id} consents to share keys.`,
            }
          : {
              vi: `Cán bộ y tế xác nhận ${id} là F1 và cấp mã "tiếp xúc gần" (ngày xét nghiệm ${vnDate(dayMs)}). ${id} đồng ý chia sẻ khóa.`,
              en: `A health officer confirms ${id} as an F1 and issues a "close contact" code (test date ${date}). ${id} consents.`,
            },
      );
      const symptomOrTest = testType === "confirmed" ? { symptomDate: date } : { testDate: date };
      const { code } = await officer.issueCode({ testType, ...symptomOrTest });
      const outcome = await phone(id).engine.uploadKeys({ code, consent: true });
      say.event({
        vi: `${id} tải lên ${outcome.keyCount} khóa (TEK các ngày gần đây) qua /v1/verify → /v1/certificate → /v1/publish.`,
        en: `${id} uploads ${keys(outcome.keyCount)} (recent daily TEKs) via /v1/verify -> /v1/certificate -> /v1/publish.`,
      });
      const status = await phone(id).engine.status();
      if (!watcher.show(say.nowMs, id, status) && testType === "close_contact") {
        say.event({
          vi: `${id} vẫn là F1; khóa của ${id} được phát hành với loại RECURSIVE, để người đã gặp ${id} biết mình là F2.`,
          en: `${id} stays F1; its keys are published as RECURSIVE so the people it met learn they are F2.`,
        });
      }
      explainHeld = true;
    };

    const exportAndCheck = async () => {
      const run = await server.exportNow();
      const files = run.published.filter((b) => b.files.length > 0);
      if (files.length === 0) {
        const held = await unexportedKeys(server, say.nowMs);
        if (explainHeld && held.embargoed + held.due > 0) {
          const vi: string[] = ["Xuất khóa hằng giờ: chưa có khóa mới."];
          const en: string[] = ["Hourly export: nothing new."];
          if (held.due > 0) {
            vi.push(
              `${held.due} khóa của ngày đã qua được tải lên sau khi cửa sổ này đóng: có trong lần xuất sau.`,
            );
            en.push(`${keys(held.due)} of past days came after this window closed: in the next export.`);
          }
          if (held.embargoed > 0 && held.until !== undefined) {
            const until = `${vnClock(held.until)} ${vnDate(held.until)}`;
            vi.push(
              `${held.embargoed} khóa còn hiệu lực hôm nay bị giữ đến ${until} (2 giờ sau khi hết ngày UTC).`,
            );
            en.push(`${keys(held.embargoed)} still valid today held until ${until} (2 h after the UTC day).`);
          }
          say.event({ vi: vi.join(" "), en: en.join(" ") });
          explainHeld = false;
        }
        return;
      }
      for (const b of files) {
        say.event({
          vi: `Xuất khóa: ${b.keys} khóa thật + ${b.paddingKeys} khóa đệm (tối thiểu 140), ký ECDSA P-256 → ${b.files.join(", ")}`,
          en: `Export: ${keys(b.keys)} + ${b.paddingKeys} padding keys (minimum 140), signed ECDSA P-256 -> ${b.files.join(", ")}`,
        });
      }
      const checkAt = say.nowMs + 15 * MINUTE_MS;
      await sim.runUntil(checkAt);
      say.at(checkAt);
      await watcher.checkAll(checkAt, sim.phones);
    };

    const steps: Step[] = [
      {
        atMs: times.startMs,
        run: async () => {
          for (const p of sim.phones) watcher.show(times.startMs, p.id, await p.engine.status());
        },
      },
      {
        atMs: times.aMeetsB.fromMs,
        run: async () =>
          say.event({
            vi: `A và B ngồi cách nhau 1,5 m trong 20 phút (đến ${vnClock(times.aMeetsB.toMs)}).`,
            en: `A and B sit 1.5 m apart for 20 minutes (until ${vnClock(times.aMeetsB.toMs)}).`,
          }),
      },
      {
        atMs: times.dPassesA.fromMs,
        run: async () =>
          say.event({
            vi: "D đi ngang qua, cách A 10 m, trong 2 phút.",
            en: "D walks past A at 10 m for 2 minutes.",
          }),
      },
      { atMs: vn(0, 15), run: () => upload("A", "confirmed", times.aMeetsB.fromMs) },
      {
        atMs: times.bMeetsC.fromMs,
        run: async () =>
          say.event({
            vi: "B và C ngồi cách nhau 1,5 m trong 20 phút (B chưa biết mình đã tiếp xúc với F0).",
            en: "B and C sit 1.5 m apart for 20 minutes (B does not know yet that it met an F0).",
          }),
      },
      { atMs: vn(1, 14), run: () => upload("B", "close_contact", times.bMeetsC.fromMs) },
    ];
    // The export job runs at HH:05 every hour (EXPORT_PERIOD 1 h, EXPORT_CLOSE_DELAY 5 min).
    for (let t = vn(0, 8, 5); t <= vn(2, 9, 5); t += HOUR_MS) steps.push({ atMs: t, run: exportAndCheck });
    steps.sort((a, b) => a.atMs - b.atMs);

    for (const step of steps) {
      await sim.runUntil(step.atMs);
      say.at(step.atMs);
      await step.run();
    }
    await sim.stop();

    say.plain("");
    const ids = sim.phones.map((p) => p.id);
    for (const l of summaryLines(ids, watcher.changes)) say.plain(l);
    const complete =
      watcher.level("A") === "F0" &&
      watcher.level("B") === "F1" &&
      watcher.level("C") === "F2" &&
      watcher.level("D") === "not_exposed";
    return { changes: watcher.changes, complete };
  } finally {
    await server.close();
  }
}
