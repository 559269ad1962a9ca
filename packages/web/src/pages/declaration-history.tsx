// "Lịch sử khai báo của tôi": the declarations this device's key holds, newest first, each with its daily
// follow-ups, a form to add or replace a day's follow-up, and delete; "forget this device" deletes everything.
import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/client.ts";
import { ProblemAlert } from "../components/problem-alert.tsx";
import { CheckGroup, describedBy, Field } from "../declaration/components.tsx";
import { useDeclarationApi, useKeyStore } from "../declaration/hooks.ts";
import { problemTexts } from "../declaration/messages.ts";
import { type DeclarationView, SYMPTOMS, type Symptom } from "../declaration/types.ts";
import { serverFieldErrors, validateFollowUp, vnToday } from "../declaration/validate.ts";
import "../declaration/declaration.css";
import { useI18n } from "../i18n/context.ts";

type Load =
  | { state: "loading" }
  | { state: "none" }
  | { state: "ready"; list: DeclarationView[] }
  | { state: "failed"; error: unknown };

function useDate() {
  const { language } = useI18n();
  const locale = language === "vi" ? "vi-VN" : "en-GB";
  return (day: string) => new Date(`${day}T00:00:00`).toLocaleDateString(locale);
}

function FollowUpForm({
  declaration,
  onSaved,
  open,
}: {
  declaration: DeclarationView;
  onSaved: () => Promise<void>;
  /** Shown unfolded (the newest declaration's); the others' fold away. */
  open: boolean;
}) {
  const { t, language } = useI18n();
  const api = useDeclarationApi();
  const keys = useKeyStore();
  const formatDate = useDate();
  const today = vnToday(new Date());
  const id = `fu-${declaration.id.slice(0, 8)}`;
  const [day, setDay] = useState(today);
  const [temperature, setTemperature] = useState("");
  const [symptoms, setSymptoms] = useState<Symptom[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event: Event) => {
    event.preventDefault();
    setSaved(null);
    setFailure(null);
    const problems = validateFollowUp(temperature);
    if (Object.keys(problems).length > 0) return setErrors(problemTexts(problems, t));
    const key = keys.get();
    if (!key) return;
    setBusy(true);
    try {
      const value = temperature.trim().replace(",", ".");
      await api.followUp(
        key,
        declaration.id,
        day,
        { symptoms, ...(value ? { temperature: Number(value) } : {}) },
        language,
      );
      setErrors({});
      setSaved(day);
      setTemperature("");
      setSymptoms([]);
      await onSaved();
    } catch (e) {
      const fields = e instanceof ApiError ? serverFieldErrors(e.problem.errors) : {};
      if (Object.keys(fields).length > 0) setErrors(fields);
      else setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="follow-up" open={open}>
      <summary>{t("declaration.history.addFollowUp")}</summary>
      <form class="form follow-up-form" onSubmit={save} noValidate aria-busy={busy}>
        {failure ? <ProblemAlert error={failure} /> : null}
        {saved ? (
          <p class="alert alert-success" role="status">
            {t("declaration.history.saved", { date: formatDate(saved) })}
          </p>
        ) : null}
        <div class="field-row">
          <Field
            id={`${id}-day`}
            label={t("declaration.history.followUpDay")}
            required
            error={errors["#/day"]}
          >
            <input
              id={`${id}-day`}
              type="date"
              min={declaration.declaredOn}
              max={today}
              value={day}
              onInput={(e) => setDay(e.currentTarget.value)}
              {...describedBy(`${id}-day`, false, errors["#/day"])}
            />
          </Field>
          <Field
            id={`${id}-temp`}
            label={t("declaration.history.temperature")}
            hint={t("declaration.history.temperatureHint")}
            error={errors["#/temperature"]}
          >
            <input
              id={`${id}-temp`}
              inputMode="decimal"
              maxLength={4}
              value={temperature}
              onInput={(e) => setTemperature(e.currentTarget.value)}
              {...describedBy(`${id}-temp`, true, errors["#/temperature"])}
            />
          </Field>
        </div>
        <CheckGroup
          name={`${id}-symptoms`}
          legend={t("declaration.history.followUpSymptoms")}
          hint={t("declaration.section.noneHint")}
          options={SYMPTOMS}
          selected={symptoms}
          onChange={setSymptoms}
          labelOf={(s) => t(`declaration.symptom.${s}`)}
          error={errors["#/symptoms"]}
          compact
        />
        <button class="button" type="submit" disabled={busy}>
          {busy ? t("declaration.history.saving") : t("declaration.history.saveFollowUp")}
        </button>
      </form>
    </details>
  );
}

function DeclarationCard({
  declaration,
  onChanged,
  newest,
}: {
  declaration: DeclarationView;
  onChanged: (notice?: string) => Promise<void>;
  newest: boolean;
}) {
  const { t, language } = useI18n();
  const api = useDeclarationApi();
  const keys = useKeyStore();
  const formatDate = useDate();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const d = declaration;
  const list = (items: string[]) => (items.length > 0 ? items.join(", ") : t("declaration.history.none"));

  const remove = async () => {
    const key = keys.get();
    if (!key) return;
    try {
      await api.withdraw(key, d.id);
      await onChanged(t("declaration.history.deleted"));
    } catch (e) {
      setFailure(e);
    }
  };

  return (
    <article class="declaration-card" aria-labelledby={`title-${d.id}`}>
      <h2 id={`title-${d.id}`}>
        {t(`declaration.kind.${d.kind}`)} ·{" "}
        {t("declaration.history.declaredOn", { date: formatDate(d.declaredOn) })}
      </h2>
      {failure ? <ProblemAlert error={failure} /> : null}
      <dl class="summary">
        <dt>{t("declaration.field.fullName")}</dt>
        <dd>
          {d.fullName} ({d.yearOfBirth})
        </dd>
        <dt>{t("declaration.field.phone")}</dt>
        <dd>{d.phone}</dd>
        <dt>{t("declaration.history.address")}</dt>
        <dd>{[d.address.street, d.address.commune.name, d.address.province.name].join(", ")}</dd>
        {d.travel ? (
          <>
            <dt>{t("declaration.history.travel")}</dt>
            <dd>
              {t(`declaration.transport.${d.travel.transport}`)}
              {d.travel.vehicleNumber ? ` ${d.travel.vehicleNumber}` : ""}:{" "}
              {t("declaration.history.travelLine", {
                from: `${d.travel.departure.commune.name}, ${d.travel.departure.province.name}`,
                to: `${d.travel.destination.commune.name}, ${d.travel.destination.province.name}`,
                date: formatDate(d.travel.date),
              })}
            </dd>
          </>
        ) : null}
        <dt>{t("declaration.history.symptoms")}</dt>
        <dd>{list(d.symptoms.map((s) => t(`declaration.symptom.${s}`)))}</dd>
        <dt>{t("declaration.history.exposures")}</dt>
        <dd>{list(d.exposures.map((e) => t(`declaration.exposure.${e}`)))}</dd>
        <dt>{t("declaration.history.conditions")}</dt>
        <dd>{list(d.conditions.map((c) => t(`declaration.condition.${c}`)))}</dd>
      </dl>

      <h3>{t("declaration.history.followUps")}</h3>
      {d.followUps.length === 0 ? (
        <p class="hint">{t("declaration.history.noFollowUps")}</p>
      ) : (
        <ul class="follow-ups">
          {d.followUps.map((f) => (
            <li key={f.day}>
              <strong>{formatDate(f.day)}</strong>:{" "}
              {f.temperature === null
                ? t("declaration.history.noTemperature")
                : t("declaration.history.temperatureValue", {
                    value: f.temperature.toLocaleString(language === "vi" ? "vi-VN" : "en-GB"),
                  })}
              {" · "}
              {list(f.symptoms.map((s) => t(`declaration.symptom.${s}`)))}
            </li>
          ))}
        </ul>
      )}
      <FollowUpForm declaration={d} onSaved={() => onChanged()} open={newest} />

      <div class="actions danger-zone">
        {confirming ? (
          <div role="alertdialog" aria-labelledby={`confirm-${d.id}`} class="confirm">
            <p id={`confirm-${d.id}`}>{t("declaration.history.confirmDelete")}</p>
            <div class="actions">
              <button type="button" class="button danger" onClick={remove}>
                {t("declaration.history.confirmYes")}
              </button>
              <button type="button" class="button secondary" onClick={() => setConfirming(false)}>
                {t("declaration.history.cancel")}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" class="button secondary" onClick={() => setConfirming(true)}>
            {t("declaration.history.delete")}
          </button>
        )}
      </div>
    </article>
  );
}

export function DeclarationHistoryPage() {
  const { t } = useI18n();
  const api = useDeclarationApi();
  const keys = useKeyStore();
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmForget, setConfirmForget] = useState(false);

  const refresh = useCallback(async () => {
    const key = keys.get();
    if (!key) return setLoad({ state: "none" });
    try {
      const list = await api.list(key);
      setLoad(list.length > 0 ? { state: "ready", list } : { state: "none" });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        keys.clear(); // expired by retention, or forgotten elsewhere
        setLoad({ state: "none" });
      } else setLoad({ state: "failed", error: e });
    }
  }, [api, keys]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const forget = async () => {
    const key = keys.get();
    if (!key) return;
    try {
      await api.forget(key);
      keys.clear();
      setConfirmForget(false);
      setNotice(t("declaration.history.forgotten"));
      setLoad({ state: "none" });
    } catch (e) {
      setLoad({ state: "failed", error: e });
    }
  };

  return (
    <section class="page narrow declaration-history">
      <h1>{t("declaration.history.title")}</h1>
      <p>{t("declaration.history.intro")}</p>
      {notice ? (
        <p class="alert alert-success" role="status">
          {notice}
        </p>
      ) : null}
      {load.state === "loading" ? <p role="status">{t("declaration.history.loading")}</p> : null}
      {load.state === "failed" ? <ProblemAlert error={load.error} /> : null}
      {load.state === "none" ? (
        <div class="empty">
          <p>{t("declaration.history.empty")}</p>
          <a class="button" href="/declaration">
            {t("declaration.history.declareNow")}
          </a>
        </div>
      ) : null}
      {load.state === "ready" ? (
        <>
          {load.list.map((d, i) => (
            <DeclarationCard
              key={d.id}
              newest={i === 0}
              declaration={d}
              onChanged={async (message) => {
                setNotice(message ?? null);
                await refresh();
              }}
            />
          ))}
          <div class="actions danger-zone">
            {confirmForget ? (
              <div role="alertdialog" aria-labelledby="confirm-forget" class="confirm">
                <p id="confirm-forget">{t("declaration.history.confirmForget")}</p>
                <div class="actions">
                  <button type="button" class="button danger" onClick={forget}>
                    {t("declaration.history.confirmYes")}
                  </button>
                  <button type="button" class="button secondary" onClick={() => setConfirmForget(false)}>
                    {t("declaration.history.cancel")}
                  </button>
                </div>
              </div>
            ) : (
              <button type="button" class="button secondary" onClick={() => setConfirmForget(true)}>
                {t("declaration.history.forget")}
              </button>
            )}
          </div>
        </>
      ) : null}
    </section>
  );
}
