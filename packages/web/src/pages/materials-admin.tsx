// Officials' guidance materials (/officials/materials): upload a file or video (progress bar from
// XMLHttpRequest upload events), list and delete within the official's scope (the server enforces it).
import { useMemo, useState } from "preact/hooks";
import { useLoad } from "../campaign/hooks.ts";
import { ProblemAlert } from "../components/problem-alert.tsx";
import { useI18n } from "../i18n/context.ts";
import { materialsApi } from "../materials/api.ts";
import { ACCEPT } from "../materials/types.ts";
import { useServices } from "../services.ts";
import { MaterialItem } from "./materials.tsx";
import "../materials/materials.css";

export function MaterialsAdminPage() {
  const { t } = useI18n();
  const { client, session } = useServices();
  const api = useMemo(() => materialsApi(client, () => session.token), [client, session]);
  const list = useLoad("materials-admin", () => api.list());
  const [titleVi, setTitleVi] = useState("");
  const [titleEn, setTitleEn] = useState("");
  const [description, setDescription] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file || titleVi.trim() === "") return;
    setError(null);
    setDone(null);
    setProgress(0);
    try {
      const stored = await api.upload({ titleVi, titleEn, description, file }, setProgress);
      setDone(stored.titleVi);
      setTitleVi("");
      setTitleEn("");
      setDescription("");
      setFile(null);
      (event.target as HTMLFormElement).reset();
      list.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setProgress(null);
    }
  };

  const remove = async (id: string) => {
    setError(null);
    try {
      await api.remove(id);
      list.reload();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <div class="page materials-admin">
      <h1>{t("materials.adminTitle")}</h1>
      <form class="upload-form" onSubmit={submit}>
        <label>
          {t("materials.titleVi")}
          <input
            required
            maxLength={200}
            value={titleVi}
            onInput={(e) => setTitleVi(e.currentTarget.value)}
          />
        </label>
        <label>
          {t("materials.titleEn")}
          <input maxLength={200} value={titleEn} onInput={(e) => setTitleEn(e.currentTarget.value)} />
        </label>
        <label>
          {t("materials.description")}
          <textarea
            maxLength={2000}
            value={description}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </label>
        <label>
          {t("materials.file")}
          <input
            type="file"
            required
            accept={ACCEPT}
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </label>
        <p class="hint">{t("materials.allowed")}</p>
        {progress !== null ? (
          <progress
            max={1}
            value={progress}
            aria-label={t("materials.uploading")}
            data-testid="upload-progress"
          />
        ) : null}
        <button type="submit" disabled={progress !== null}>
          {t("materials.upload")}
        </button>
        {done ? <p role="status">{t("materials.uploaded", { title: done })}</p> : null}
        {error ? <ProblemAlert error={error} /> : null}
      </form>
      <h2>{t("materials.listTitle")}</h2>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.data ? (
        <ul class="materials-list">
          {list.data.map((m) => (
            <MaterialItem key={m.id} material={m}>
              <button type="button" onClick={() => remove(m.id)}>
                {t("materials.delete")}
              </button>
            </MaterialItem>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
