// The poster's page `/c/?v=1#<payload>`: the venue decoded on the phone from the URL fragment (the server never
// sees which venue), "Check in" into the IndexedDB wallet (with the anonymous enter tick), arrival time, the
// automatic check-out time and check-out. And `/c/scan`: the camera scanner (getUserMedia + jsqr).
import type { StoredCheckIn } from "@bluezone/device";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import "../checkin/checkin.css";
import { useTimeFormat } from "../checkin/hooks.ts";
import {
  autoCheckOutMs,
  CHECK_IN_PATH,
  checkInUrlFor,
  isOpen,
  scannedTarget,
  venueFromUrl,
} from "../checkin/model.ts";
import { browserWallet } from "../checkin/wallet.ts";
import { useNow } from "../components/use-now.ts";
import { useI18n } from "../i18n/context.ts";

export function CheckInPage() {
  const { t, language } = useI18n();
  const fmt = useTimeFormat();
  const now = useNow(15_000);
  const origin = globalThis.location.origin;
  const url = checkInUrlFor(origin, globalThis.location.search, globalThis.location.hash);
  const parsed = useMemo(() => venueFromUrl(url, `${origin}${CHECK_IN_PATH}`), [url, origin]);
  const [checkIn, setCheckIn] = useState<StoredCheckIn | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const run = async (action: () => Promise<StoredCheckIn>) => {
    setBusy(true);
    setFailed(false);
    try {
      setCheckIn(await action());
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  if (!parsed.ok) {
    return (
      <section class="page narrow checkin-page">
        <h1>{t("checkin.invalidTitle")}</h1>
        <p class="alert alert-error" role="alert">
          {t(parsed.problem === "missing" ? "checkin.missing" : "checkin.invalid")}
        </p>
        <a class="button" href="/c/scan">
          {t("checkin.scanAction")}
        </a>
      </section>
    );
  }
  const venue = parsed.venue;
  return (
    <section class="page narrow checkin-page">
      <p class="checkin-kicker">{t("checkin.kicker")}</p>
      <h1>{venue.name}</h1>
      <dl class="venue-facts">
        <dt>{t("checkin.address")}</dt>
        <dd>{venue.address}</dd>
        <dt>{t("checkin.category")}</dt>
        <dd>{language === "vi" ? venue.categoryVi : venue.categoryEn}</dd>
        <dt>{t("checkin.defaultLength")}</dt>
        <dd>{t("checkin.minutes", { count: venue.defaultMinutes })}</dd>
        {venue.startsMs !== null && venue.endsMs !== null ? (
          <>
            <dt>{t("checkin.event")}</dt>
            <dd>
              {fmt.dateTime(venue.startsMs)} – {fmt.dateTime(venue.endsMs)}
            </dd>
          </>
        ) : null}
      </dl>
      {failed ? (
        <p class="alert alert-error" role="alert">
          {t("checkin.failed")}
        </p>
      ) : null}
      {checkIn === null ? (
        <>
          <p class="hint">{t("checkin.privacy")}</p>
          <button
            type="button"
            class="button checkin-button"
            disabled={busy}
            onClick={() => run(() => browserWallet().checkIn(url))}
          >
            {t("checkin.checkIn")}
          </button>
        </>
      ) : (
        <div class="checkin-status" role="status">
          <p class="checkin-done">{t("checkin.checkedInAt", { time: fmt.time(checkIn.startMs) })}</p>
          {isOpen(checkIn, now) ? (
            <>
              <p>{t("checkin.autoCheckOut", { time: fmt.time(autoCheckOutMs(checkIn)) })}</p>
              <button
                type="button"
                class="button secondary"
                disabled={busy}
                onClick={() => run(() => browserWallet().checkOut(checkIn.id))}
              >
                {t("checkin.checkOut")}
              </button>
            </>
          ) : (
            <p>{t("checkin.checkedOutAt", { time: fmt.time(checkIn.endMs ?? autoCheckOutMs(checkIn)) })}</p>
          )}
          <p>
            <a href="/checkins">{t("checkin.seeMine")}</a>
          </p>
        </div>
      )}
    </section>
  );
}

type ScanState = "starting" | "scanning" | "denied" | "no-camera" | "unknown-code";

export function ScanPage() {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<ScanState>("starting");
  const [pasted, setPasted] = useState("");

  useEffect(() => {
    let stream: MediaStream | undefined;
    let frame = 0;
    let stopped = false;
    const canvas = document.createElement("canvas");
    const go = (text: string) => {
      const target = scannedTarget(text, globalThis.location.origin);
      if (!target.ok) return false;
      stopped = true;
      globalThis.location.assign(target.path);
      return true;
    };
    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) return setState("no-camera");
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: "environment" },
          audio: false,
        });
      } catch (e) {
        const name = (e as DOMException).name;
        return setState(name === "NotAllowedError" || name === "SecurityError" ? "denied" : "no-camera");
      }
      if (stopped || !video.current) return;
      video.current.srcObject = stream;
      await video.current.play().catch(() => undefined);
      setState("scanning");
      const { default: jsQR } = await import("jsqr");
      const tick = () => {
        const v = video.current;
        if (stopped || !v) return;
        if (v.videoWidth > 0) {
          canvas.width = v.videoWidth;
          canvas.height = v.videoHeight;
          const ctx = canvas.getContext("2d", { willReadFrequently: true });
          ctx?.drawImage(v, 0, 0);
          const image = ctx?.getImageData(0, 0, canvas.width, canvas.height);
          const code = image ? jsQR(image.data, image.width, image.height) : null;
          if (code && !go(code.data)) setState("unknown-code");
        }
        frame = requestAnimationFrame(tick);
      };
      frame = requestAnimationFrame(tick);
    };
    start();
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  const onPaste = (event: Event) => {
    event.preventDefault();
    const target = scannedTarget(pasted, globalThis.location.origin);
    if (target.ok) globalThis.location.assign(target.path);
    else setState("unknown-code");
  };

  return (
    <section class="page narrow checkin-page">
      <h1>{t("nav.checkinScan")}</h1>
      <p class="lead">{t("checkin.scanLead")}</p>
      {state === "denied" || state === "no-camera" || state === "unknown-code" ? (
        <p class="alert alert-error" role="alert">
          {t(
            `checkin.scan.${state === "no-camera" ? "noCamera" : state === "denied" ? "denied" : "unknown"}`,
          )}
        </p>
      ) : null}
      <video ref={video} class="scanner" muted playsInline hidden={state !== "scanning"} />
      <form class="form" onSubmit={onPaste}>
        <div class="field">
          <label for="scan-link">{t("checkin.scan.pasteLabel")}</label>
          <input
            id="scan-link"
            type="url"
            value={pasted}
            onInput={(e) => setPasted(e.currentTarget.value)}
            placeholder={`${globalThis.location.origin}/c/?v=1#…`}
          />
        </div>
        <button type="submit" class="button secondary">
          {t("checkin.scan.open")}
        </button>
      </form>
    </section>
  );
}
