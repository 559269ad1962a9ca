// Preact helpers of the check-in pages: the typed API, local time formats for the UI language, and the phone's
// UTC offset for datetime-local inputs.
import { useMemo } from "preact/hooks";
import { useI18n } from "../i18n/context.ts";
import { useServices } from "../services.ts";
import { type CheckinApi, checkinApi } from "./api.ts";

export function useCheckinApi(): CheckinApi {
  const { client, session } = useServices();
  return useMemo(() => checkinApi(client, () => session.token), [client, session]);
}

/** The phone's UTC offset (minutes east) at `ms`. */
export const localOffset = (ms: number): number => -new Date(ms).getTimezoneOffset();

/** Time and date-time formatters in the UI language. */
export function useTimeFormat() {
  const { language } = useI18n();
  const locale = language === "vi" ? "vi-VN" : "en-GB";
  return useMemo(
    () => ({
      time: (ms: number) => new Date(ms).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" }),
      dateTime: (ms: number) =>
        new Date(ms).toLocaleString(locale, {
          hour: "2-digit",
          minute: "2-digit",
          day: "2-digit",
          month: "2-digit",
          year: "numeric",
        }),
    }),
    [locale],
  );
}
