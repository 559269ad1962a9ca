// Campaign dashboard panel: installs of the viewed unit by outreach measure (Wi-Fi, bus, airport, poster, SMS,
// Zalo, direct) and by place, from GET /v1/campaign/units/:code/sources.
import { formatCount } from "../campaign/format.ts";
import { useLoad } from "../campaign/hooks.ts";
import { useI18n } from "../i18n/context.ts";
import { useServices } from "../services.ts";
import type { Attribution } from "./source.ts";
import "../materials/materials.css";

type MeasureKey = "wifi" | "bus" | "airport" | "poster" | "sms" | "zalo" | "direct" | "other";

export function AttributionPanel({ code }: { code: string }) {
  const { t, language } = useI18n();
  const { client } = useServices();
  const sources = useLoad(`sources:${code}`, () =>
    client.get<Attribution>(`/v1/campaign/units/${encodeURIComponent(code)}/sources`, { auth: true }),
  );
  const data = sources.data;
  if (!data) return null;
  const measureName = (m: string) => t(`install.measure.${m as MeasureKey}`);
  return (
    <section class="panel attribution" aria-labelledby="attribution-title" data-testid="attribution">
      <h2 id="attribution-title">{t("install.attributionTitle")}</h2>
      <table>
        <caption class="hint">{t("install.byMeasure")}</caption>
        <tbody>
          {data.measures.map((m) => (
            <tr key={m.measure} data-measure={m.measure}>
              <th scope="row">{measureName(m.measure)}</th>
              <td class="n">{formatCount(m.installs, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.places.length > 0 ? (
        <table>
          <caption class="hint">{t("install.byPlace")}</caption>
          <tbody>
            {data.places.map((p) => (
              <tr key={p.source}>
                <th scope="row">
                  {measureName(p.measure)}: {p.place}
                </th>
                <td class="n">{formatCount(p.installs, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
