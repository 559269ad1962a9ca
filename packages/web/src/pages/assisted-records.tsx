// Health authority `/officials/assisted-records`: load the sealing private key (pasted or from the key file; it
// stays in this page's memory, never sent), choose a venue and a window, fetch the sealed staff-assisted
// check-ins the server releases for flagged windows (each release is audited), and open them here.
import { useEffect, useState } from "preact/hooks";
import type { ReleasedRecords, Venue } from "../checkin/api.ts";
import "../checkin/checkin.css";
import { localOffset, useCheckinApi, useTimeFormat } from "../checkin/hooks.ts";
import { type AssistedRecord, fromLocalInput, privateKeyFromText, toLocalInput } from "../checkin/model.ts";
import { openRecord, publicKeyOf } from "../checkin/sealing.ts";
import { ProblemAlert } from "../components/problem-alert.tsx";
import { Field } from "../declaration/components.tsx";
import { useI18n } from "../i18n/context.ts";

type Opened = { id: number; hour: string; record: AssistedRecord | undefined };

export function AssistedRecordsPage() {
  const { t } = useI18n();
  const api = useCheckinApi();
  const fmt = useTimeFormat();
  const now = Date.now();
  const [venues, setVenues] = useState<Venue[]>([]);
  const [venueId, setVenueId] = useState("");
  const [from, setFrom] = useState(toLocalInput(now - 14 * 86_400_000, localOffset(now)));
  const [to, setTo] = useState(toLocalInput(now + 60_000, localOffset(now)));
  const [keyText, setKeyText] = useState("");
  const [keyProblem, setKeyProblem] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ released: ReleasedRecords; opened: Opened[] } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.list().then((list) => {
      setVenues(list);
      setVenueId((current) => current || list[0]?.id || "");
    }, setError);
  }, [api]);

  const onFile = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (file) setKeyText(await file.text());
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setResult(null);
    const privateKey = privateKeyFromText(keyText);
    if (!privateKey) return setKeyProblem(t("checkin.records.badKey"));
    try {
      const { publicKey } = await api.publicKey();
      if ((await publicKeyOf(privateKey)) !== publicKey) return setKeyProblem(t("checkin.records.wrongKey"));
    } catch (e) {
      return setError(e);
    }
    setKeyProblem(undefined);
    const f = fromLocalInput(from, localOffset(Date.now()));
    const to2 = fromLocalInput(to, localOffset(Date.now()));
    if (f === null || to2 === null) return setKeyProblem(undefined);
    setBusy(true);
    try {
      const released = await api.release(venueId, new Date(f).toISOString(), new Date(to2).toISOString());
      const opened: Opened[] = [];
      for (const r of released.records) {
        opened.push({ id: r.id, hour: r.hour, record: await openRecord(r.sealed, privateKey) });
      }
      setResult({ released, opened });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="page checkin-page">
      <h1>{t("nav.assistedRecords")}</h1>
      <p class="lead">{t("checkin.records.lead")}</p>
      <p class="alert alert-info">{t("checkin.records.audit")}</p>
      <form class="form" onSubmit={submit} aria-busy={busy}>
        {error ? <ProblemAlert error={error} /> : null}
        <Field id="records-venue" label={t("checkin.records.venue")} required error={undefined}>
          <select id="records-venue" value={venueId} onChange={(e) => setVenueId(e.currentTarget.value)}>
            {venues.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name} – {v.address}
              </option>
            ))}
          </select>
        </Field>
        <Field id="records-from" label={t("checkin.records.from")} required error={undefined}>
          <input
            id="records-from"
            type="datetime-local"
            value={from}
            onInput={(e) => setFrom(e.currentTarget.value)}
          />
        </Field>
        <Field id="records-to" label={t("checkin.records.to")} required error={undefined}>
          <input
            id="records-to"
            type="datetime-local"
            value={to}
            onInput={(e) => setTo(e.currentTarget.value)}
          />
        </Field>
        <Field
          id="records-key"
          label={t("checkin.records.key")}
          hint={t("checkin.records.keyHint")}
          required
          error={keyProblem}
        >
          <textarea
            id="records-key"
            rows={3}
            value={keyText}
            autocomplete="off"
            spellcheck={false}
            onInput={(e) => setKeyText(e.currentTarget.value)}
          />
        </Field>
        <div class="field">
          <label for="records-key-file">{t("checkin.records.keyFile")}</label>
          <input id="records-key-file" type="file" accept=".txt,text/plain" onChange={onFile} />
        </div>
        <div class="actions">
          <button type="submit" class="button" disabled={busy || !venueId}>
            {t("checkin.records.submit")}
          </button>
        </div>
      </form>
      {result ? (
        <div role="status">
          <p>
            {t("checkin.records.summary", {
              windows: result.released.windows.length,
              records: result.opened.length,
            })}
          </p>
          {result.released.windows.map((w) => (
            <p key={w.id} class="hint">
              {t("checkin.records.window", {
                from: fmt.dateTime(Date.parse(w.startsAt)),
                to: fmt.dateTime(Date.parse(w.endsAt)),
              })}
            </p>
          ))}
          {result.opened.length > 0 ? (
            <table class="stats-table records-table">
              <thead>
                <tr>
                  <th scope="col">{t("checkin.assisted.name")}</th>
                  <th scope="col">{t("checkin.assisted.phone")}</th>
                  <th scope="col">{t("checkin.arrival")}</th>
                  <th scope="col">{t("checkin.departure")}</th>
                </tr>
              </thead>
              <tbody>
                {result.opened.map((o) => (
                  <tr key={o.id}>
                    {o.record ? (
                      <>
                        <td>{o.record.name}</td>
                        <td>{o.record.phone}</td>
                        <td>{fmt.dateTime(Date.parse(o.record.arrivedAt))}</td>
                        <td>{o.record.leftAt ? fmt.dateTime(Date.parse(o.record.leftAt)) : "–"}</td>
                      </>
                    ) : (
                      <td colSpan={4}>
                        {t("checkin.records.unreadable", { hour: fmt.dateTime(Date.parse(o.hour)) })}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
