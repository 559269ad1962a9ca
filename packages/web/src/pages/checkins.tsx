// "Check-in của tôi": the check-ins this phone keeps (IndexedDB wallet), newest first, with venue, times,
// check-out, time editing, delete, and the warnings raised for them. Opening the page runs the wallet's upkeep
// (automatic check-out after the venue's default length, deletion after 14 days).
import type { CheckInWarning, StoredCheckIn } from "@bluezone/device";
import { venueCategory } from "@bluezone/protocol";
import { useCallback, useEffect, useState } from "preact/hooks";
import "../checkin/checkin.css";
import { localOffset, useTimeFormat } from "../checkin/hooks.ts";
import {
  autoCheckOutMs,
  fromLocalInput,
  isOpen,
  shownEndMs,
  timeEditProblem,
  toLocalInput,
} from "../checkin/model.ts";
import { browserWallet } from "../checkin/wallet.ts";
import { useNow } from "../components/use-now.ts";
import { useI18n } from "../i18n/context.ts";

type Load =
  | { state: "loading" }
  | { state: "ready"; list: StoredCheckIn[]; warnings: CheckInWarning[] }
  | { state: "failed" };

function EditTimes({ checkIn, onDone }: { checkIn: StoredCheckIn; onDone: () => void }) {
  const { t } = useI18n();
  const [start, setStart] = useState(toLocalInput(checkIn.startMs, localOffset(checkIn.startMs)));
  const end0 = Math.min(shownEndMs(checkIn), Date.now());
  const [end, setEnd] = useState(toLocalInput(end0, localOffset(end0)));
  const [problem, setProblem] = useState<string | null>(null);
  const id = `edit-${checkIn.id}`;
  const save = async (event: Event) => {
    event.preventDefault();
    const now = Date.now();
    const s = fromLocalInput(start, localOffset(now));
    const e = fromLocalInput(end, localOffset(now));
    const p = timeEditProblem(s, e, now);
    if (p || s === null || e === null) return setProblem(p ?? "invalid");
    try {
      await browserWallet().editTimes(checkIn.id, s, e);
      onDone();
    } catch {
      setProblem("invalid");
    }
  };
  return (
    <form class="form edit-times" onSubmit={save}>
      {problem ? (
        <p class="alert alert-error" role="alert">
          {t(`checkin.editProblem.${problem}` as "checkin.editProblem.invalid")}
        </p>
      ) : null}
      <div class="field">
        <label for={`${id}-start`}>{t("checkin.arrival")}</label>
        <input
          id={`${id}-start`}
          type="datetime-local"
          value={start}
          onInput={(e) => setStart(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={`${id}-end`}>{t("checkin.departure")}</label>
        <input
          id={`${id}-end`}
          type="datetime-local"
          value={end}
          onInput={(e) => setEnd(e.currentTarget.value)}
        />
      </div>
      <div class="actions">
        <button type="submit" class="button">
          {t("checkin.saveTimes")}
        </button>
      </div>
    </form>
  );
}

function CheckInCard({
  checkIn,
  warning,
  now,
  reload,
}: {
  checkIn: StoredCheckIn;
  warning: CheckInWarning | undefined;
  now: number;
  reload: () => void;
}) {
  const { t, language } = useI18n();
  const fmt = useTimeFormat();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const open = isOpen(checkIn, now);
  return (
    <article class="checkin-card">
      <h2>{checkIn.name}</h2>
      <p class="hint">
        {language === "vi"
          ? checkIn.categoryVi
          : (venueCategory(checkIn.categoryId)?.en ?? checkIn.categoryVi)}{" "}
        · {checkIn.address}
      </p>
      {warning ? (
        <p class="alert alert-error" role="alert">
          <strong>{language === "vi" ? warning.text.vi : warning.text.en}</strong>{" "}
          {t("checkin.overlap", { minutes: warning.overlapMinutes })}
        </p>
      ) : null}
      <p class="checkin-times">
        {t("checkin.from")} {fmt.dateTime(checkIn.startMs)}
        {open
          ? ` · ${t("checkin.autoCheckOut", { time: fmt.time(autoCheckOutMs(checkIn)) })}`
          : ` – ${fmt.dateTime(shownEndMs(checkIn))}`}
      </p>
      <div class="actions">
        {open ? (
          <button
            type="button"
            class="button"
            onClick={async () => {
              await browserWallet().checkOut(checkIn.id);
              reload();
            }}
          >
            {t("checkin.checkOut")}
          </button>
        ) : (
          <button type="button" class="button secondary" onClick={() => setEditing(!editing)}>
            {t("checkin.editTimes")}
          </button>
        )}
        <button type="button" class="button secondary" onClick={() => setConfirming(true)}>
          {t("checkin.delete")}
        </button>
      </div>
      {editing ? (
        <EditTimes
          checkIn={checkIn}
          onDone={() => {
            setEditing(false);
            reload();
          }}
        />
      ) : null}
      {confirming ? (
        <div class="alert alert-info" role="alertdialog" aria-label={t("checkin.deleteConfirm")}>
          <p>{t("checkin.deleteConfirm")}</p>
          <div class="actions">
            <button
              type="button"
              class="button"
              onClick={async () => {
                await browserWallet().remove(checkIn.id);
                reload();
              }}
            >
              {t("checkin.deleteYes")}
            </button>
            <button type="button" class="button secondary" onClick={() => setConfirming(false)}>
              {t("checkin.cancel")}
            </button>
          </div>
        </div>
      ) : null}
    </article>
  );
}

export function CheckInsPage() {
  const { t } = useI18n();
  const now = useNow(30_000);
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [checking, setChecking] = useState<"idle" | "busy" | "done" | "failed">("idle");
  const reload = useCallback(async () => {
    try {
      const wallet = browserWallet();
      await wallet.maintain();
      setLoad({ state: "ready", list: await wallet.list(), warnings: await wallet.warnings() });
    } catch {
      setLoad({ state: "failed" });
    }
  }, []);
  useEffect(() => {
    reload();
  }, [reload]);
  const checkWarnings = async () => {
    setChecking("busy");
    try {
      await browserWallet().checkForWarnings();
      setChecking("done");
      await reload();
    } catch {
      setChecking("failed");
    }
  };

  return (
    <section class="page narrow checkin-page">
      <h1>{t("nav.checkins")}</h1>
      <p class="lead">{t("checkin.mineLead")}</p>
      {load.state === "failed" ? (
        <p class="alert alert-error" role="alert">
          {t("checkin.storageFailed")}
        </p>
      ) : null}
      {load.state === "ready" && load.list.length === 0 ? <p>{t("checkin.none")}</p> : null}
      {load.state === "ready"
        ? load.list.map((c) => (
            <CheckInCard
              key={c.id}
              checkIn={c}
              now={now}
              warning={load.warnings.find((w) => w.checkInId === c.id)}
              reload={reload}
            />
          ))
        : null}
      <div class="actions">
        <a class="button" href="/c/scan">
          {t("checkin.scanAction")}
        </a>
        <button type="button" class="button secondary" disabled={checking === "busy"} onClick={checkWarnings}>
          {t("checkin.checkWarnings")}
        </button>
      </div>
      {checking === "done" || checking === "failed" ? (
        <p role="status">{t(checking === "done" ? "checkin.warningsChecked" : "checkin.warningsFailed")}</p>
      ) : null}
    </section>
  );
}
