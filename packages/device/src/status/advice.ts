/**
 * Advice shown for each exposure status, in Vietnamese (first) and English. Dates are the UTC day of the
 * exposure, written dd/mm/yyyy in Vietnamese and yyyy-mm-dd in English. Glossary: F0 = a confirmed or likely
 * case; F1 = a close contact of an F0; F2 = a close contact of an F1. Check-in warning times are Viet Nam time
 * (UTC+7, no daylight saving).
 */
import { OVERLAP_WARNING_TEXT } from "../checkin/check-in.ts";

/** A text in both languages of the app. */
export interface LocalizedText {
  vi: string;
  en: string;
}

/** Ministry of Health hotline. */
export const HEALTH_HOTLINE = "1900 9095";

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** 31/08/2021 */
export function formatDateVi(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** 2021-08-31 */
export function formatDateEn(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function adviceNotExposed(): LocalizedText {
  return {
    vi: "Chưa phát hiện bạn tiếp xúc gần với người nhiễm bệnh. Hãy luôn bật Bluetooth và thực hiện thông điệp 5K.",
    en: "No close contact with an infected person has been detected. Keep Bluetooth on and follow the 5K message.",
  };
}

export function adviceF1(exposureDateMs: number): LocalizedText {
  return {
    vi:
      `Bạn đã tiếp xúc gần với người nhiễm bệnh (F0) vào ngày ${formatDateVi(exposureDateMs)}. ` +
      "Hãy tự cách ly tại nhà, theo dõi sức khỏe, hạn chế tiếp xúc với người khác và liên hệ ngay với trạm y tế " +
      `nơi bạn ở hoặc gọi đường dây nóng ${HEALTH_HOTLINE} để được hướng dẫn xét nghiệm.`,
    en:
      `You were in close contact with an infected person (F0) on ${formatDateEn(exposureDateMs)}. ` +
      "Isolate at home, monitor your health, avoid contact with others and contact your local health station " +
      `or call the hotline ${HEALTH_HOTLINE} right away for testing instructions.`,
  };
}

export function adviceF2(exposureDateMs: number): LocalizedText {
  return {
    vi:
      `Bạn đã tiếp xúc gần với một người tiếp xúc gần (F1) vào ngày ${formatDateVi(exposureDateMs)}. ` +
      "Hãy hạn chế tiếp xúc, tự theo dõi sức khỏe và làm theo hướng dẫn của cơ quan y tế địa phương. " +
      "Nếu có sốt, ho hoặc khó thở, hãy báo ngay cho trạm y tế.",
    en:
      `You were in close contact with a close contact (F1) of a case on ${formatDateEn(exposureDateMs)}. ` +
      "Limit your contacts, monitor your health and follow your local health authority's guidance. " +
      "If you develop a fever, cough or shortness of breath, tell your health station right away.",
  };
}

export function adviceF0(): LocalizedText {
  return {
    vi:
      "Bạn đã chia sẻ kết quả xét nghiệm. Cảm ơn bạn đã giúp cảnh báo những người đã tiếp xúc gần với bạn. " +
      "Hãy tuân thủ hướng dẫn cách ly và điều trị của cơ quan y tế.",
    en:
      "You have shared your test result. Thank you for helping to warn the people you were in close contact with. " +
      "Follow the health authority's isolation and treatment instructions.",
  };
}

const VN_OFFSET_MS = 7 * 3_600_000;

/** 14:05 in Viet Nam time. */
export function formatTimeVn(ms: number): string {
  const d = new Date(ms + VN_OFFSET_MS);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/**
 * "Bạn đã ở cùng địa điểm với ca bệnh" with the latest warned visit (venue, Viet Nam date and times) and what
 * to do; more visits are counted. `warnings` must not be empty; the first is the one named.
 */
export function adviceCheckIn(
  warnings: readonly { venueName: string; startMs: number; endMs: number }[],
): LocalizedText {
  const w = warnings[0];
  if (!w) throw new RangeError("adviceCheckIn needs at least one warning");
  const dayVi = formatDateVi(w.startMs + VN_OFFSET_MS);
  const dayEn = formatDateEn(w.startMs + VN_OFFSET_MS);
  const span = `${formatTimeVn(w.startMs)}–${formatTimeVn(w.endMs)}`;
  const more = warnings.length - 1;
  return {
    vi:
      `${OVERLAP_WARNING_TEXT.vi}: ${w.venueName}, ngày ${dayVi}, ${span}` +
      (more > 0 ? ` (và ${more} lần check-in khác)` : "") +
      ". Hãy theo dõi sức khỏe trong 14 ngày, hạn chế tiếp xúc và liên hệ trạm y tế nơi bạn ở hoặc gọi " +
      `đường dây nóng ${HEALTH_HOTLINE} nếu có sốt, ho hoặc khó thở.`,
    en:
      `${OVERLAP_WARNING_TEXT.en}: ${w.venueName}, on ${dayEn}, ${span} (Viet Nam time)` +
      (more > 0 ? ` (and ${more} other check-in${more > 1 ? "s" : ""})` : "") +
      ". Monitor your health for 14 days, limit your contacts, and contact your local health station or call " +
      `the hotline ${HEALTH_HOTLINE} if you develop a fever, cough or shortness of breath.`,
  };
}
