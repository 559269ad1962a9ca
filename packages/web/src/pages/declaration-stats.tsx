// Officials' "Tổng hợp khai báo y tế": anonymous per-day counts of the official's unit (a commune, a province as
// the sum of its communes, or the country), a small bar chart, and the units below it to open one by one.
// Small counts arrive suppressed (null) and show as "<5".
import { useEffect, useState } from "preact/hooks";
import { ProblemAlert } from "../components/problem-alert.tsx";
import { useDeclarationApi } from "../declaration/hooks.ts";
import { type Counts, EXPOSURES, type ShownCount, type StatsView, SYMPTOMS } from "../declaration/types.ts";
import { vnToday } from "../declaration/validate.ts";
import "../declaration/declaration.css";
import { useI18n } from "../i18n/context.ts";

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Sort key of a shown count: suppressed counts sit between 0 and the smallest shown count. */
const rank = (n: ShownCount) => (n === null ? 0.5 : n);

function CountCell({ n, min }: { n: ShownCount; min: number }) {
  const { t, language } = useI18n();
  if (n === null)
    return (
      <td class="num suppressed">
        <abbr title={t("declaration.stats.suppressedLabel", { min })}>
          {t("declaration.stats.suppressed", { min })}
        </abbr>
      </td>
    );
  return <td class="num">{n.toLocaleString(language === "vi" ? "vi-VN" : "en-GB")}</td>;
}

/** Bars of declarations per day; suppressed days are drawn as an outline at the threshold. */
function DayChart({ stats }: { stats: StatsView }) {
  const { t } = useI18n();
  const values = stats.days.map((d) => d.counts.declarations);
  const max = Math.max(stats.minCount, ...values.map((v) => v ?? 0));
  const width = 320;
  const height = 96;
  const bar = width / Math.max(1, values.length);
  return (
    <figure class="day-chart">
      <svg viewBox={`0 0 ${width} ${height + 14}`} role="img" aria-label={t("declaration.stats.chart")}>
        {stats.days.map((d, i) => {
          const v = d.counts.declarations;
          const h = ((v ?? stats.minCount - 1) / max) * height;
          return (
            <g key={d.day}>
              <rect
                x={i * bar + 1}
                y={height - h}
                width={Math.max(1, bar - 2)}
                height={h}
                class={v === null ? "bar suppressed" : "bar"}
              >
                <title>{`${d.day}: ${v ?? `<${stats.minCount}`}`}</title>
              </rect>
            </g>
          );
        })}
        <text x="0" y={height + 12} class="axis">
          {stats.from}
        </text>
        <text x={width} y={height + 12} class="axis" text-anchor="end">
          {stats.to}
        </text>
      </svg>
      <figcaption>{t("declaration.stats.chart")}</figcaption>
    </figure>
  );
}

function Columns() {
  const { t } = useI18n();
  return (
    <>
      <th scope="col">{t("declaration.stats.declarations")}</th>
      <th scope="col">{t("declaration.stats.withSymptoms")}</th>
      {SYMPTOMS.map((s) => (
        <th key={s} scope="col">
          {t(`declaration.symptom.${s}`)}
        </th>
      ))}
      {EXPOSURES.map((e) => (
        <th key={e} scope="col">
          <abbr title={t(`declaration.exposure.${e}`)}>{t(`declaration.stats.short.${e}`)}</abbr>
        </th>
      ))}
      <th scope="col">{t("declaration.stats.domesticTravel")}</th>
      <th scope="col">{t("declaration.stats.arrivals")}</th>
    </>
  );
}

function Cells({ counts, min }: { counts: Counts; min: number }) {
  return (
    <>
      <CountCell n={counts.declarations} min={min} />
      <CountCell n={counts.withSymptoms} min={min} />
      {SYMPTOMS.map((s) => (
        <CountCell key={s} n={counts.symptoms[s]} min={min} />
      ))}
      {EXPOSURES.map((e) => (
        <CountCell key={e} n={counts.exposures[e]} min={min} />
      ))}
      <CountCell n={counts.domesticTravel} min={min} />
      <CountCell n={counts.arrivals} min={min} />
    </>
  );
}

export function DeclarationStatsPage() {
  const { t, language } = useI18n();
  const api = useDeclarationApi();
  const today = vnToday(new Date());
  const [to, setTo] = useState(today);
  const [from, setFrom] = useState(addDays(today, -13));
  /** Units opened from the children table, the official's own unit first (undefined = default). */
  const [trail, setTrail] = useState<{ code: string | undefined; name: string }[]>([
    { code: undefined, name: "" },
  ]);
  const [stats, setStats] = useState<StatsView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [showEmpty, setShowEmpty] = useState(false);
  const current = trail[trail.length - 1];

  const load = async (unit: string | undefined, range = { from, to }) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.stats({ ...(unit ? { unit } : {}), ...range }, language);
      setStats(result);
      if (unit === undefined) setTrail([{ code: undefined, name: result.unit?.name ?? "" }]);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void load(undefined);
  }, []);

  const open = (code: string, name: string) => {
    setTrail((tr) => [...tr, { code, name }]);
    void load(code);
  };
  const back = () => {
    const next = trail.slice(0, -1);
    setTrail(next);
    void load(next[next.length - 1]?.code);
  };
  const parentName = trail.length > 1 ? (trail[trail.length - 2]?.name ?? "") : "";
  const min = stats?.minCount ?? 5;
  const all = [...(stats?.children ?? [])].sort(
    (a, b) => rank(b.counts.declarations) - rank(a.counts.declarations) || a.code.localeCompare(b.code),
  );
  const active = all.filter((c) => c.counts.declarations !== 0 || c.counts.arrivals !== 0);
  const children = showEmpty ? all : active;

  return (
    <section class="page declaration-stats">
      <h1>{t("declaration.stats.title")}</h1>
      <p>{t("declaration.stats.intro")}</p>
      <form
        class="stats-controls"
        onSubmit={(e) => {
          e.preventDefault();
          void load(current?.code);
        }}
      >
        <div class="field">
          <label for="stats-from">{t("declaration.stats.from")}</label>
          <input
            id="stats-from"
            type="date"
            value={from}
            max={to}
            onInput={(e) => setFrom(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="stats-to">{t("declaration.stats.to")}</label>
          <input
            id="stats-to"
            type="date"
            value={to}
            max={today}
            onInput={(e) => setTo(e.currentTarget.value)}
          />
        </div>
        <button class="button" type="submit" disabled={busy}>
          {t("declaration.stats.show")}
        </button>
      </form>
      {error ? <ProblemAlert error={error} /> : null}
      {busy && !stats ? <p role="status">{t("declaration.stats.loading")}</p> : null}
      {stats ? (
        <div aria-busy={busy}>
          <h2 class="stats-unit">
            {t("declaration.stats.unit")}: {stats.unit ? stats.unit.name : t("declaration.stats.country")}
          </h2>
          {trail.length > 1 ? (
            <button type="button" class="link-button" onClick={back}>
              {t("declaration.stats.back", { name: parentName || t("declaration.stats.country") })}
            </button>
          ) : null}
          <p class="hint">{t("declaration.stats.suppressedNote", { max: min - 1, min })}</p>
          <DayChart stats={stats} />
          <h3>{t("declaration.stats.daily")}</h3>
          <p class="hint scroll-hint">{t("declaration.stats.scrollHint")}</p>
          <section class="table-scroll" aria-label={t("declaration.stats.daily")}>
            <table class="stats-table">
              <thead>
                <tr>
                  <th scope="col">{t("declaration.stats.day")}</th>
                  <Columns />
                </tr>
              </thead>
              <tbody>
                {stats.days.map((d) => (
                  <tr key={d.day}>
                    <th scope="row">
                      {new Date(`${d.day}T00:00:00`).toLocaleDateString(
                        language === "vi" ? "vi-VN" : "en-GB",
                      )}
                    </th>
                    <Cells counts={d.counts} min={min} />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("declaration.stats.total")}</th>
                  <Cells counts={stats.total} min={min} />
                </tr>
              </tfoot>
            </table>
          </section>
          {all.length > 0 ? (
            <>
              <h3>{t("declaration.stats.byChild")}</h3>
              {active.length === 0 ? <p>{t("declaration.stats.noneYet")}</p> : null}
              {all.length > active.length ? (
                <button
                  type="button"
                  class="link-button toggle-empty"
                  onClick={() => setShowEmpty((v) => !v)}
                >
                  {showEmpty
                    ? t("declaration.stats.hideEmpty")
                    : t("declaration.stats.showAll", { count: all.length - active.length })}
                </button>
              ) : null}
              {children.length > 0 ? (
                <section class="table-scroll" aria-label={t("declaration.stats.byChild")}>
                  <table class="stats-table">
                    <thead>
                      <tr>
                        <th scope="col">{t("declaration.stats.unit")}</th>
                        <Columns />
                      </tr>
                    </thead>
                    <tbody>
                      {children.map((c) => (
                        <tr key={c.code}>
                          <th scope="row">
                            <button
                              type="button"
                              class="link-button"
                              aria-label={t("declaration.stats.open", { name: c.name })}
                              onClick={() => open(c.code, c.name)}
                            >
                              {c.name}
                            </button>
                          </th>
                          <Cells counts={c.counts} min={min} />
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </section>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
