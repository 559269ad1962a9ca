// Venue management `/officials/venues`: register a venue (name, address, commune, Vietnamese category, default
// visit length, optional event times), the tracing code shown once, the list; and the venue page
// `/officials/venues/:id`: poster and sign PDFs, "people inside now" and the hourly entries/exits of a day.
import { VENUE_CATEGORIES, venueCategory } from "@bluezone/protocol";
import { useEffect, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import type { Occupancy, RegisteredVenue, Venue, VenueRequest } from "../checkin/api.ts";
import "../checkin/checkin.css";
import { localOffset, useCheckinApi, useTimeFormat } from "../checkin/hooks.ts";
import { fromLocalInput } from "../checkin/model.ts";
import { ProblemAlert } from "../components/problem-alert.tsx";
import { Field, UnitPicker } from "../declaration/components.tsx";
import { useDeclarationApi } from "../declaration/hooks.ts";
import { useI18n } from "../i18n/context.ts";
import { useSession } from "../services.ts";

function RegisterForm({ onRegistered }: { onRegistered: (r: RegisteredVenue) => void }) {
  const { t, language } = useI18n();
  const api = useCheckinApi();
  const units = useDeclarationApi();
  const [form, setForm] = useState({
    name: "",
    address: "",
    province: "",
    commune: "",
    category: "restaurant",
    minutes: "60",
    startsAt: "",
    endsAt: "",
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [key]: e.currentTarget.value });

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body: VenueRequest = {
      name: form.name.trim(),
      address: form.address.trim(),
      communeCode: form.commune,
      category: form.category,
      defaultCheckInMinutes: Number(form.minutes),
    };
    const now = Date.now();
    const start = form.startsAt ? fromLocalInput(form.startsAt, localOffset(now)) : null;
    const end = form.endsAt ? fromLocalInput(form.endsAt, localOffset(now)) : null;
    if (start !== null) body.startsAt = new Date(start).toISOString();
    if (end !== null) body.endsAt = new Date(end).toISOString();
    try {
      onRegistered(await api.register(body));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form" onSubmit={submit} aria-busy={busy}>
      <h2>{t("checkin.venues.register")}</h2>
      {error ? <ProblemAlert error={error} /> : null}
      <Field id="venue-name" label={t("checkin.venues.name")} required error={undefined}>
        <input id="venue-name" required maxLength={100} value={form.name} onInput={set("name")} />
      </Field>
      <Field id="venue-address" label={t("checkin.venues.address")} required error={undefined}>
        <input id="venue-address" required maxLength={100} value={form.address} onInput={set("address")} />
      </Field>
      <UnitPicker
        api={units}
        id="venue"
        province={form.province}
        commune={form.commune}
        onChange={(province, commune) => setForm({ ...form, province, commune })}
        provinceError={undefined}
        communeError={undefined}
      />
      <Field id="venue-category" label={t("checkin.venues.category")} required error={undefined}>
        <select id="venue-category" value={form.category} onChange={set("category")}>
          {VENUE_CATEGORIES.map((c) => (
            <option key={c.id} value={c.id}>
              {language === "vi" ? c.vi : c.en}
            </option>
          ))}
        </select>
      </Field>
      <Field id="venue-minutes" label={t("checkin.venues.minutes")} required error={undefined}>
        <input
          id="venue-minutes"
          type="number"
          min={1}
          max={1440}
          required
          value={form.minutes}
          onInput={set("minutes")}
        />
      </Field>
      <fieldset class="unit-picker">
        <legend>{t("checkin.venues.eventTimes")}</legend>
        <Field id="venue-starts" label={t("checkin.venues.startsAt")} error={undefined}>
          <input id="venue-starts" type="datetime-local" value={form.startsAt} onInput={set("startsAt")} />
        </Field>
        <Field id="venue-ends" label={t("checkin.venues.endsAt")} error={undefined}>
          <input id="venue-ends" type="datetime-local" value={form.endsAt} onInput={set("endsAt")} />
        </Field>
      </fieldset>
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          {t("checkin.venues.submit")}
        </button>
      </div>
    </form>
  );
}

export function VenuesPage() {
  const { t, language } = useI18n();
  const api = useCheckinApi();
  const [venues, setVenues] = useState<Venue[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [registered, setRegistered] = useState<RegisteredVenue | null>(null);
  const load = () =>
    api.list().then(
      (list) => setVenues(list),
      (e) => setError(e),
    );
  useEffect(() => {
    load();
  }, [api]);

  return (
    <section class="page checkin-page">
      <h1>{t("nav.venues")}</h1>
      {registered ? (
        <div class="alert alert-info tracing-code" role="status">
          <h2>{t("checkin.venues.registered", { name: registered.venue.name })}</h2>
          <p>{t("checkin.venues.tracingOnce")}</p>
          <p>
            {t("checkin.venues.tracingCode")}: <code class="code-value">{registered.tracingCode}</code>
          </p>
          <p>
            <a href={`/officials/venues/${registered.venue.id}`}>{t("checkin.venues.open")}</a>
          </p>
        </div>
      ) : null}
      <RegisterForm
        onRegistered={(r) => {
          setRegistered(r);
          load();
        }}
      />
      <h2>{t("checkin.venues.list")}</h2>
      {error ? <ProblemAlert error={error} /> : null}
      {venues?.length === 0 ? <p>{t("checkin.venues.none")}</p> : null}
      <ul class="venue-list">
        {(venues ?? []).map((v) => {
          const category = venueCategory(v.category);
          return (
            <li key={v.id}>
              <a href={`/officials/venues/${v.id}`}>{v.name}</a>
              <span class="hint">
                {" "}
                · {language === "vi" ? category?.vi : category?.en} · {v.address}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Today's date in Viet Nam (UTC+7), "YYYY-MM-DD". */
const vnToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

export function VenueDetailPage() {
  const { t, language } = useI18n();
  const api = useCheckinApi();
  const fmt = useTimeFormat();
  const session = useSession();
  const id = useRoute().params.id ?? "";
  const [venue, setVenue] = useState<Venue | null>(null);
  const [date, setDate] = useState(vnToday());
  const [occupancy, setOccupancy] = useState<Occupancy | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.get(id).then(setVenue, setError);
  }, [api, id]);
  useEffect(() => {
    api.occupancy(id, date).then(setOccupancy, setError);
  }, [api, id, date]);

  const download = async (file: "poster.pdf" | "sign.pdf") => {
    try {
      const blob = await api.pdf(id, file);
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = `${venue?.name ?? "venue"}-${file}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e);
    }
  };

  if (!venue) {
    return (
      <section class="page narrow">
        <h1>{t("nav.venues")}</h1>
        {error ? <ProblemAlert error={error} /> : <p>{t("checkin.loading")}</p>}
      </section>
    );
  }
  const category = venueCategory(venue.category);
  const busy = (occupancy?.hours ?? []).filter((h) => h.enters > 0 || h.exits > 0);
  return (
    <section class="page narrow checkin-page">
      <p class="checkin-kicker">
        <a href="/officials/venues">{t("nav.venues")}</a>
      </p>
      <h1>{venue.name}</h1>
      {error ? <ProblemAlert error={error} /> : null}
      <dl class="venue-facts">
        <dt>{t("checkin.address")}</dt>
        <dd>{venue.address}</dd>
        <dt>{t("checkin.category")}</dt>
        <dd>{language === "vi" ? category?.vi : category?.en}</dd>
        <dt>{t("checkin.defaultLength")}</dt>
        <dd>{t("checkin.minutes", { count: venue.defaultCheckInMinutes })}</dd>
        <dt>{t("checkin.venues.link")}</dt>
        <dd class="break">
          <a href={venue.checkInUrl}>{venue.checkInUrl}</a>
        </dd>
      </dl>
      <div class="actions">
        <button type="button" class="button" onClick={() => download("poster.pdf")}>
          {t("checkin.venues.poster")}
        </button>
        <button type="button" class="button secondary" onClick={() => download("sign.pdf")}>
          {t("checkin.venues.sign")}
        </button>
        {session?.account.role === "venue_owner" ? (
          <a class="button secondary" href={`/officials/venues/${venue.id}/assisted`}>
            {t("nav.assistedEntry")}
          </a>
        ) : null}
      </div>
      <h2>{t("checkin.venues.occupancy")}</h2>
      {occupancy ? (
        <p class="inside-now" role="status">
          {t("checkin.venues.inside", { count: occupancy.inside })}
        </p>
      ) : null}
      <div class="field">
        <label for="occupancy-date">{t("checkin.venues.date")}</label>
        <input id="occupancy-date" type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
      </div>
      {occupancy && busy.length === 0 ? <p>{t("checkin.venues.noTicks")}</p> : null}
      {busy.length > 0 ? (
        <table class="stats-table occupancy-table">
          <thead>
            <tr>
              <th scope="col">{t("checkin.venues.hour")}</th>
              <th scope="col">{t("checkin.venues.enters")}</th>
              <th scope="col">{t("checkin.venues.exits")}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {busy.map((h) => (
              <tr key={h.hour}>
                <th scope="row">{fmt.time(Date.parse(h.hour))}</th>
                <td>{h.enters}</td>
                <td>{h.exits}</td>
                <td aria-hidden="true">
                  <span class="bar" style={{ width: `${Math.min(100, h.enters * 10)}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
