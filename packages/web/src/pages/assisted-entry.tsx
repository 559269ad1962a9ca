// Staff-assisted check-in `/officials/venues/:id/assisted`: door staff enter a visitor without a smartphone
// (name, phone, arrival, optional departure). The record is sealed here, in this browser, to the health
// authority's public key (libsodium sealed box): neither the venue nor the server can read it. Staff sign in
// (the venue's owner or a staff account scoped to it) or give the venue's tracing code.
import { useEffect, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import "../checkin/checkin.css";
import { localOffset, useCheckinApi, useTimeFormat } from "../checkin/hooks.ts";
import {
  type AssistedRecord,
  assistedFieldProblems,
  fromLocalInput,
  toLocalInput,
} from "../checkin/model.ts";
import { sealRecord } from "../checkin/sealing.ts";
import { ProblemAlert } from "../components/problem-alert.tsx";
import { Field } from "../declaration/components.tsx";
import { useI18n } from "../i18n/context.ts";
import { useSession } from "../services.ts";

const nowInput = () => toLocalInput(Date.now(), localOffset(Date.now()));

export function AssistedEntryPage() {
  const { t } = useI18n();
  const api = useCheckinApi();
  const fmt = useTimeFormat();
  const session = useSession();
  const venueId = useRoute().params.id ?? "";
  const [venueName, setVenueName] = useState("");
  const [code, setCode] = useState("");
  const [form, setForm] = useState({ name: "", phone: "", arrived: nowInput(), left: "" });
  const [errors, setErrors] = useState<{ name?: string; phone?: string; time?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<{ name: string; at: number }[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (session)
      api.get(venueId).then(
        (v) => setVenueName(v.name),
        () => undefined,
      );
  }, [api, venueId, session]);
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [key]: e.currentTarget.value });

  const submit = async (event: Event) => {
    event.preventDefault();
    const fields = assistedFieldProblems(form);
    const now = Date.now();
    const arrived = fromLocalInput(form.arrived, localOffset(now));
    const left = form.left ? fromLocalInput(form.left, localOffset(now)) : undefined;
    const next: typeof errors = {};
    if (fields.name) next.name = t(`checkin.assisted.problem.${fields.name}`);
    if (fields.phone) next.phone = t(`checkin.assisted.problem.${fields.phone}`);
    if (arrived === null || left === null || (left !== undefined && left <= arrived))
      next.time = t("checkin.assisted.problem.time");
    setErrors(next);
    if (Object.keys(next).length > 0 || arrived === null || left === null) return;
    setBusy(true);
    setError(null);
    try {
      const { publicKey } = await api.publicKey();
      const record: AssistedRecord = {
        v: 1,
        venueId,
        venueName,
        name: form.name.trim(),
        phone: form.phone.replace(/[\s.-]/g, ""),
        arrivedAt: new Date(arrived).toISOString(),
        ...(left !== undefined ? { leftAt: new Date(left).toISOString() } : {}),
      };
      const sealed = await sealRecord(record, publicKey);
      await api.storeAssisted(
        {
          venueId,
          sealed,
          arrivedAt: record.arrivedAt,
          ...(record.leftAt ? { leftAt: record.leftAt } : {}),
        },
        session ? undefined : code.trim(),
      );
      setSaved([{ name: record.name, at: arrived }, ...saved]);
      setForm({ name: "", phone: "", arrived: nowInput(), left: "" });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="page narrow checkin-page">
      <h1>{t("nav.assistedEntry")}</h1>
      {venueName ? <p class="checkin-kicker">{venueName}</p> : null}
      <p class="lead">{t("checkin.assisted.lead")}</p>
      <p class="alert alert-info">{t("checkin.assisted.sealedNote")}</p>
      {saved.length > 0 ? (
        <ul class="assisted-saved" role="status">
          {saved.map((s, i) => (
            <li key={`${s.at}-${i}`}>
              {t("checkin.assisted.saved", { name: s.name, time: fmt.time(s.at) })}
            </li>
          ))}
        </ul>
      ) : null}
      <form class="form" onSubmit={submit} aria-busy={busy} noValidate>
        {error ? <ProblemAlert error={error} /> : null}
        {session ? null : (
          <Field id="tracing-code" label={t("checkin.assisted.tracingCode")} required error={undefined}>
            <input
              id="tracing-code"
              value={code}
              autocomplete="off"
              onInput={(e) => setCode(e.currentTarget.value)}
            />
          </Field>
        )}
        <Field id="visitor-name" label={t("checkin.assisted.name")} required error={errors.name}>
          <input id="visitor-name" value={form.name} autocomplete="off" onInput={set("name")} />
        </Field>
        <Field id="visitor-phone" label={t("checkin.assisted.phone")} required error={errors.phone}>
          <input id="visitor-phone" type="tel" value={form.phone} autocomplete="off" onInput={set("phone")} />
        </Field>
        <Field id="visitor-arrived" label={t("checkin.arrival")} required error={errors.time}>
          <input id="visitor-arrived" type="datetime-local" value={form.arrived} onInput={set("arrived")} />
        </Field>
        <Field id="visitor-left" label={t("checkin.assisted.departureOptional")} error={undefined}>
          <input id="visitor-left" type="datetime-local" value={form.left} onInput={set("left")} />
        </Field>
        <div class="actions">
          <button type="submit" class="button" disabled={busy}>
            {t("checkin.assisted.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
