// Form pieces of the declaration pages: a labelled field with its hint and error, a group of checkboxes, and the
// province -> commune picker fed by the units API. Errors are announced and linked with aria-describedby.
import type { ComponentChildren } from "preact";
import { useI18n } from "../i18n/context.ts";
import type { DeclarationApi } from "./api.ts";
import { useUnits } from "./hooks.ts";

/** The id of a field's error element, from its id. */
export const errorId = (id: string) => `${id}-error`;

/** Links an input to its hint and error, and marks it invalid. */
export function describedBy(id: string, hint: boolean, error: string | undefined) {
  const ids = [hint ? `${id}-hint` : "", error ? errorId(id) : ""].filter(Boolean).join(" ");
  return { "aria-describedby": ids || undefined, "aria-invalid": error ? ("true" as const) : undefined };
}

export function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p class="field-error" id={errorId(id)}>
      {error}
    </p>
  ) : null;
}

/** A labelled field: label (with * when required), optional hint, the control, its error. */
export function Field({
  id,
  label,
  hint,
  required,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  required?: boolean;
  error: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children}
      <ErrorText id={id} error={error} />
    </div>
  );
}

/** Checkboxes for a set of codes; `labelOf` gives each code's text. */
export function CheckGroup<T extends string>({
  name,
  legend,
  hint,
  options,
  selected,
  onChange,
  labelOf,
  error,
  compact,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: readonly T[];
  selected: readonly T[];
  onChange: (next: T[]) => void;
  labelOf: (code: T) => string;
  error?: string | undefined;
  /** Short labels: two columns even on a phone. */
  compact?: boolean;
}) {
  const toggle = (code: T, on: boolean) =>
    onChange(options.filter((o) => (o === code ? on : selected.includes(o))));
  return (
    <fieldset
      class={compact ? "choices check-grid compact" : "choices check-grid"}
      id={name}
      aria-describedby={error ? errorId(name) : undefined}
    >
      <legend>{legend}</legend>
      {hint ? <span class="hint">{hint}</span> : null}
      {options.map((code) => (
        <label key={code} class="choice">
          <input
            type="checkbox"
            name={name}
            value={code}
            checked={selected.includes(code)}
            onChange={(e) => toggle(code, e.currentTarget.checked)}
          />
          <span class="choice-label">{labelOf(code)}</span>
        </label>
      ))}
      <ErrorText id={name} error={error} />
    </fieldset>
  );
}

/** Province then commune (v2025 units from the API); choosing a province clears the commune. */
export function UnitPicker({
  api,
  id,
  legend,
  province,
  commune,
  onChange,
  provinceError,
  communeError,
}: {
  api: DeclarationApi;
  id: string;
  legend?: string;
  province: string;
  commune: string;
  onChange: (province: string, commune: string) => void;
  provinceError: string | undefined;
  communeError: string | undefined;
}) {
  const { t } = useI18n();
  const provinces = useUnits(api, "");
  const communes = useUnits(api, province || null);
  const body = (
    <>
      {provinces.failed || communes.failed ? (
        <p class="alert alert-error" role="alert">
          {t("declaration.unitsFailed")}
        </p>
      ) : null}
      <Field id={`${id}-province`} label={t("declaration.field.province")} required error={provinceError}>
        <select
          id={`${id}-province`}
          value={province}
          required
          onChange={(e) => onChange(e.currentTarget.value, "")}
          {...describedBy(`${id}-province`, false, provinceError)}
        >
          <option value="">{t("declaration.field.choose")}</option>
          {provinces.units.map((u) => (
            <option key={u.code} value={u.code}>
              {u.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-commune`} label={t("declaration.field.commune")} required error={communeError}>
        <select
          id={`${id}-commune`}
          value={commune}
          required
          disabled={!province}
          onChange={(e) => onChange(province, e.currentTarget.value)}
          {...describedBy(`${id}-commune`, false, communeError)}
        >
          <option value="">
            {province ? t("declaration.field.choose") : t("declaration.field.chooseProvinceFirst")}
          </option>
          {communes.units.map((u) => (
            <option key={u.code} value={u.code}>
              {u.name}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
  return legend ? (
    <fieldset class="unit-picker">
      <legend>{legend}</legend>
      {body}
    </fieldset>
  ) : (
    body
  );
}
