/**
 * The demo against a running server, in real time. The server's clock cannot be moved, so the meetings are
 * placed on the two previous UTC days (their keys are past their embargo), the phones live those days in a
 * few seconds, and then A and B upload now and the demo waits for the server's own hourly export.
 */
import { FetchHttp, type Http, SimulatedClock } from "@bluezone/device";
import { fetchJsonApi, type JsonApi } from "./api.ts";
import { Narrator, summaryLines } from "./narrator.ts";
import { vnClock } from "./printer.ts";
import { DAY_MS, sceneTimes, startScene, utcDay, vnDateIso } from "./scene.ts";
import { DEFAULT_HEALTH_AUTHORITY_ID, fetchExposureSource, HealthAuthorityOfficer } from "./server-api.ts";
import { StatusWatcher } from "./watcher.ts";

const CODE_NAMES = {
  confirmed: { vi: "dương tính", en: "confirmed" },
  close_contact: { vi: "tiếp xúc gần", en: "close contact" },
} as const;

export interface RemoteDemoOptions {
  url: string;
  blobBaseUrl: string;
  user: string;
  password: string;
  seed: number;
  /** Longest wait for each export to show up on the phones. */
  waitMs: number;
  /** Time between the phones' checks while waiting. Default 30 s. */
  pollMs?: number;
  out: (line: string) => void;
  /** Real time (injectable for tests). Default Date.now. */
  now?: () => number;
  /** Waits `ms` of real time (injectable for tests). */
  sleep?: (ms: number) => Promise<void>;
  /** The phones' Http (default FetchHttp) and the officer's API (default fetch) against `url`. */
  http?: Http;
  api?: JsonApi;
}

export async function runRemoteDemo(options: RemoteDemoOptions): Promise<{ complete: boolean }> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const pollMs = options.pollMs ?? 30_000;
  const api = options.api ?? fetchJsonApi(options.url);
  const say = new Narrator(options.out);
  const watcher = new StatusWatcher(say.line);
  const waitMinutes = Math.round(options.waitMs / 60_000);

  say.plain(`Bluezone demo-phones (seed ${options.seed}) với máy chủ ${options.url}, thời gian thực.`);
  say.plain(`  against the server at ${options.url}, in real time.`);
  for (const l of [
    "  Máy chủ chỉ xuất khóa theo đồng hồ của nó: mỗi EXPORT_PERIOD (mặc định 1 giờ, lúc HH:05), và khóa còn hiệu lực",
    "  trong ngày bị giữ đến 2 giờ sau khi hết ngày UTC. Vì vậy các cuộc gặp được đặt vào 2 ngày UTC trước (điện thoại",
    "  ảo 'sống' qua chúng trong vài giây) và mỗi bước phải chờ lần xuất khóa thật tiếp theo (tối đa " +
      `${waitMinutes} phút).`,
    "  The server exports on its own clock: every EXPORT_PERIOD (default 1 h, at HH:05), and keys still valid today are",
    "  held until 2 h after their UTC day. So the meetings are placed on the two previous UTC days (the virtual phones",
    `  live through them in seconds) and each step waits for the server's next real export (up to ${waitMinutes} min).`,
    "  Tip: run the server with EXPORT_PERIOD=1m to watch it in minutes. The uploaded keys are real diagnosis keys on",
    "  that server: use a demo server, never production.",
    "",
  ]) {
    say.plain(l);
  }

  const officer = await HealthAuthorityOfficer.login(api, options.user, options.password);
  const exposureSource = await fetchExposureSource(api, options.blobBaseUrl);
  const times = sceneTimes(utcDay(now()) - 2 * DAY_MS);
  const clock = new SimulatedClock(times.startMs);
  const sim = await startScene({
    times,
    seed: options.seed,
    http: options.http ?? new FetchHttp(),
    clock,
    exposureSource,
    keyServer: { baseUrl: options.url, healthAuthorityID: DEFAULT_HEALTH_AUTHORITY_ID },
  });
  const phone = (id: string) => sim.phone(id);

  try {
    say.at(times.startMs);
    for (const p of sim.phones) watcher.show(times.startMs, p.id, await p.engine.status());
    const past: [number, { vi: string; en: string }][] = [
      [
        times.aMeetsB.fromMs,
        { vi: "A và B ngồi cách nhau 1,5 m trong 20 phút.", en: "A and B sit 1.5 m apart for 20 minutes." },
      ],
      [
        times.dPassesA.fromMs,
        { vi: "D đi ngang qua, cách A 10 m, trong 2 phút.", en: "D walks past A at 10 m for 2 minutes." },
      ],
      [
        times.bMeetsC.fromMs,
        { vi: "B và C ngồi cách nhau 1,5 m trong 20 phút.", en: "B and C sit 1.5 m apart for 20 minutes." },
      ],
    ];
    for (const [at, text] of past) {
      await sim.runUntil(at);
      say.at(at).event(text);
    }
    const catchUp = async () => {
      await sim.runUntil(Math.max(now(), clock.nowMs()));
      say.at(clock.nowMs());
    };
    await catchUp();
    say.event({
      vi: "Bây giờ (giờ thật): các điện thoại kiểm tra máy chủ.",
      en: "Now (real time): the phones check the server.",
    });
    await watcher.checkAll(clock.nowMs(), sim.phones);

    const upload = async (id: string, testType: "confirmed" | "close_contact", date: string) => {
      await catchUp();
      const { code } = await officer.issueCode(
        testType === "confirmed" ? { testType, symptomDate: date } : { testType, testDate: date },
      );
      const outcome = await phone(id).engine.uploadKeys({ code, consent: true });
      say.event({
        vi: `${id} nhận mã "${CODE_NAMES[testType].vi}" của cán bộ y tế, đồng ý và tải lên ${outcome.keyCount} khóa.`,
        en: `${id} gets a "${CODE_NAMES[testType].en}" code from a health officer, consents and uploads ${outcome.keyCount} key${outcome.keyCount === 1 ? "" : "s"}.`,
      });
      watcher.show(clock.nowMs(), id, await phone(id).engine.status());
    };

    /** Checks every pollMs until `id` reaches `level` or waitMs passes. */
    const waitFor = async (id: string, level: "F1" | "F2"): Promise<boolean> => {
      const deadline = now() + options.waitMs;
      say.event({
        vi: `Chờ lần xuất khóa tiếp theo của máy chủ để ${id} thấy mình là ${level} (kiểm tra mỗi ${Math.round(pollMs / 1000)} giây)...`,
        en: `Waiting for the server's next export so ${id} sees it is ${level} (checking every ${Math.round(pollMs / 1000)} s)...`,
      });
      while (now() < deadline) {
        await sleep(pollMs);
        await catchUp();
        await watcher.checkAll(clock.nowMs(), sim.phones);
        if (watcher.level(id) === level) return true;
      }
      say.event({
        vi: `${id} chưa thành ${level} sau ${waitMinutes} phút: máy chủ chưa xuất khóa (kiểm tra EXPORT_PERIOD và job worker của máy chủ).`,
        en: `${id} is not ${level} after ${waitMinutes} min: the server has not exported the keys yet (check its EXPORT_PERIOD and job worker).`,
      });
      return false;
    };

    await upload("A", "confirmed", vnDateIso(times.aMeetsB.fromMs));
    if (!(await waitFor("B", "F1"))) return { complete: false };
    await upload("B", "close_contact", vnDateIso(times.bMeetsC.fromMs));
    if (!(await waitFor("C", "F2"))) return { complete: false };

    say.plain("");
    say.plain(`Xong lúc ${vnClock(now())} / done.`);
    for (const l of summaryLines(["A", "B", "C", "D"], watcher.changes)) say.plain(l);
    return { complete: watcher.level("D") === "not_exposed" };
  } finally {
    await sim.stop();
  }
}
