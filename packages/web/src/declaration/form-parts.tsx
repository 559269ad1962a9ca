// Parts of the declaration page: the journey section of the domestic travel variant, and the success screen.
import type { Dispatch, StateUpdater } from "preact/hooks";
import { useI18n } from "../i18n/context.ts";
import type { DeclarationApi } from "./api.ts";
import { describedBy, Field, UnitPicker } from "./components.tsx";
import { withoutErrors } from "./messages.ts";
import { type DeclarationView, TRANSPORTS, type Transport } from "./types.ts";
import { type DeclarationForm, LIMITS } from "./validate.ts";

export interface SectionProps {
  api: DeclarationApi;
  form: DeclarationForm;
  err: (pointer: string) => string | undefined;
  set: <K extends keyof DeclarationForm>(key: K, value: DeclarationForm[K], ...pointers: string[]) => void;
  setForm: Dispatch<StateUpdater<DeclarationForm>>;
  setErrors: Dispatch<StateUpdater<Record<string, string>>>;
}

/** Transport, date, vehicle number, from and to (province -> commune). */
export function TravelSection({ api, form, err, set, setForm, setErrors }: SectionProps) {
  const { t } = useI18n();
  return (
    <fieldset class="section" id="travel">
      <legend>{t("declaration.section.travel")}</legend>
      {err("#/travel") ? <p class="field-error">{err("#/travel")}</p> : null}
      <div class="field-row">
        <Field
          id="transport"
          label={t("declaration.field.transport")}
          required
          error={err("#/travel/transport")}
        >
          <select
            id="transport"
            value={form.transport}
            onChange={(e) => set("transport", e.currentTarget.value as Transport, "#/travel/transport")}
            {...describedBy("transport", false, err("#/travel/transport"))}
          >
            <option value="">{t("declaration.field.choose")}</option>
            {TRANSPORTS.map((m) => (
              <option key={m} value={m}>
                {t(`declaration.transport.${m}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="travelDate"
          label={t("declaration.field.travelDate")}
          hint={t("declaration.field.travelDateHint")}
          required
          error={err("#/travel/date")}
        >
          <input
            id="travelDate"
            type="date"
            value={form.travelDate}
            onInput={(e) => set("travelDate", e.currentTarget.value, "#/travel/date")}
            {...describedBy("travelDate", true, err("#/travel/date"))}
          />
        </Field>
      </div>
      <Field
        id="vehicleNumber"
        label={t("declaration.field.vehicleNumber")}
        hint={t("declaration.field.vehicleNumberHint")}
        error={err("#/travel/vehicleNumber")}
      >
        <input
          id="vehicleNumber"
          maxLength={LIMITS.vehicleNumber.max}
          value={form.vehicleNumber}
          onInput={(e) => set("vehicleNumber", e.currentTarget.value, "#/travel/vehicleNumber")}
          {...describedBy("vehicleNumber", true, err("#/travel/vehicleNumber"))}
        />
      </Field>
      <UnitPicker
        api={api}
        id="departure"
        legend={t("declaration.field.departure")}
        province={form.departureProvince}
        commune={form.departureCommune}
        onChange={(province, commune) => {
          setForm((f) => ({ ...f, departureProvince: province, departureCommune: commune }));
          setErrors((e) => withoutErrors(e, "#/travel/departure"));
        }}
        provinceError={err("#/travel/departure/provinceCode")}
        communeError={err("#/travel/departure/communeCode")}
      />
      <UnitPicker
        api={api}
        id="destination"
        legend={t("declaration.field.destination")}
        province={form.destinationProvince}
        commune={form.destinationCommune}
        onChange={(province, commune) => {
          setForm((f) => ({ ...f, destinationProvince: province, destinationCommune: commune }));
          setErrors((e) => withoutErrors(e, "#/travel/destination"));
        }}
        provinceError={err("#/travel/destination/provinceCode")}
        communeError={err("#/travel/destination/communeCode")}
      />
    </fieldset>
  );
}

export function Success({ declaration, onAgain }: { declaration: DeclarationView; onAgain: () => void }) {
  const { t, language } = useI18n();
  const date = new Date(`${declaration.declaredOn}T00:00:00`).toLocaleDateString(
    language === "vi" ? "vi-VN" : "en-GB",
  );
  return (
    <section class="page narrow declaration-success" aria-labelledby="success-title">
      <div class="alert alert-success" role="status">
        <h1 id="success-title" tabIndex={-1}>
          {t("declaration.success.title")}
        </h1>
        <p>{t("declaration.success.text", { date })}</p>
      </div>
      <dl class="summary">
        <dt>{t("declaration.field.fullName")}</dt>
        <dd>{declaration.fullName}</dd>
        <dt>{t("declaration.history.address")}</dt>
        <dd>
          {[
            declaration.address.street,
            declaration.address.commune.name,
            declaration.address.province.name,
          ].join(", ")}
        </dd>
        <dt>{t("declaration.history.symptoms")}</dt>
        <dd>
          {declaration.symptoms.length
            ? declaration.symptoms.map((s) => t(`declaration.symptom.${s}`)).join(", ")
            : t("declaration.history.none")}
        </dd>
      </dl>
      <p class="hint">{t("declaration.success.keyNote")}</p>
      <div class="actions">
        <a class="button" href="/declaration/history">
          {t("declaration.success.history")}
        </a>
        <button type="button" class="button secondary" onClick={onAgain}>
          {t("declaration.success.again")}
        </button>
      </div>
    </section>
  );
}
