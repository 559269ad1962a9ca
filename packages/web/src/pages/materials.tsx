// "Tài liệu hướng dẫn" (/tai-lieu): the guidance materials officials uploaded, newest first, filtered by type;
// videos play in place, everything downloads (the server answers with Content-Disposition).
import { useMemo, useState } from "preact/hooks";
import { useLoad } from "../campaign/hooks.ts";
import { ProblemAlert } from "../components/problem-alert.tsx";
import { useI18n } from "../i18n/context.ts";
import { materialsApi } from "../materials/api.ts";
import { formatSize, MATERIAL_TYPES, type Material, type MaterialType } from "../materials/types.ts";
import { useServices } from "../services.ts";
import "../materials/materials.css";

export function MaterialItem({
  material,
  children,
}: {
  material: Material;
  children?: preact.ComponentChildren;
}) {
  const { t, language } = useI18n();
  const title = language === "en" && material.titleEn ? material.titleEn : material.titleVi;
  return (
    <li class="material" data-testid={`material-${material.id}`}>
      <h3>{title}</h3>
      {material.description ? <p>{material.description}</p> : null}
      <p class="meta">
        {t(`materials.type.${material.type}`)} · {formatSize(material.size, language)} ·{" "}
        {new Date(material.createdAt).toLocaleDateString(language === "vi" ? "vi-VN" : "en-GB")}
      </p>
      {material.type === "video" ? (
        // biome-ignore lint/a11y/useMediaCaption: uploads carry no caption file yet; the description and title say what it shows.
        <video controls preload="none" src={material.url} />
      ) : null}
      <div class="material-actions">
        <a href={material.url} download={material.fileName}>
          {t("materials.download")}
        </a>
        {children}
      </div>
    </li>
  );
}

export function MaterialsPage() {
  const { t } = useI18n();
  const { client, session } = useServices();
  const api = useMemo(() => materialsApi(client, () => session.token), [client, session]);
  const [type, setType] = useState<MaterialType | "">("");
  const list = useLoad(`materials:${type}`, () => api.list(type || undefined));
  return (
    <div class="page materials">
      <h1>{t("materials.title")}</h1>
      <p class="lead">{t("materials.intro")}</p>
      <label class="materials-filter">
        {t("materials.filter")}
        <select
          value={type}
          onChange={(e) => setType((e.target as HTMLSelectElement).value as MaterialType | "")}
        >
          <option value="">{t("materials.allTypes")}</option>
          {MATERIAL_TYPES.map((m) => (
            <option key={m} value={m}>
              {t(`materials.type.${m}`)}
            </option>
          ))}
        </select>
      </label>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.loading ? <p role="status">{t("app.loading")}</p> : null}
      {list.data && list.data.length === 0 ? <p>{t("materials.empty")}</p> : null}
      {list.data ? (
        <ul class="materials-list">
          {list.data.map((m) => (
            <MaterialItem key={m.id} material={m} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
