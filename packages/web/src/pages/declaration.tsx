// The citizen's "Khai báo y tế" page: the health or domestic travel declaration in sections, checked on the
// device as the server would, sent with the device's declarant key (a new one is kept from the first answer);
// field errors (ours or the server's) next to their fields; a success screen.
import { useState } from "preact/hooks";
import { ApiError } from "../api/client.ts";
import { ProblemAlert } from "../components/problem-alert.tsx";
import { CheckGroup, describedBy, Field, UnitPicker } from "../declaration/components.tsx";
import { Success, TravelSection } from "../declaration/form-parts.tsx";
import { useDeclarationApi, useKeyStore } from "../declaration/hooks.ts";
import { problemTexts, withoutErrors } from "../declaration/messages.ts";
import {
  CONDITIONS,
  DECLARATION_KINDS,
  type DeclarationView,
  EXPOSURES,
  GENDERS,
  NATIONALITIES,
  SYMPTOMS,
} from "../declaration/types.ts";
import {
  type DeclarationForm,
  emptyForm,
  LIMITS,
  serverFieldErrors,
  validateDeclaration,
} from "../declaration/validate.ts";
import "../declaration/declaration.css";
import { useI18n } from "../i18n/context.ts";

/** Nationality codes with their names in `language`, Việt Nam first. */
function nationalityOptions(language: string): { code: string; name: string }[] {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([language], { type: "region" });
  } catch {
    names = undefined;
  }
  const all = NATIONALITIES.map((code) => ({ code, name: names?.of(code) ?? code }));
  const rest = all.filter((n) => n.code !== "VN").sort((a, b) => a.name.localeCompare(b.name, language));
  return [...all.filter((n) => n.code === "VN"), ...rest];
}

/** Moves focus to the control of the first field with an error (in form order). */
function focusFirstError(form: HTMLFormElement | null) {
  const error = form?.querySelector(".field-error");
  const control = error?.closest(".field, fieldset")?.querySelector<HTMLElement>("input, select, textarea");
  control?.focus();
  control?.scrollIntoView({ block: "center" });
}

export function DeclarationPage() {
  const { t, language } = useI18n();
  const api = useDeclarationApi();
  const keys = useKeyStore();
  const [form, setForm] = useState<DeclarationForm>(emptyForm);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<DeclarationView | null>(null);
  const [formElement, setFormElement] = useState<HTMLFormElement | null>(null);

  const set = <K extends keyof DeclarationForm>(key: K, value: DeclarationForm[K], ...pointers: string[]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => withoutErrors(e, ...pointers));
  };
  const err = (pointer: string) => errors[pointer];
  const count = Object.keys(errors).length;

  if (done) {
    return (
      <Success
        declaration={done}
        onAgain={() => {
          setDone(null);
          setForm((f) => ({ ...emptyForm(), ...pick(f) }));
        }}
      />
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    const checked = validateDeclaration(form, new Date());
    if (!checked.ok) {
      setErrors(problemTexts(checked.problems, t));
      requestAnimationFrame(() => focusFirstError(formElement));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      let result: Awaited<ReturnType<typeof api.submit>>;
      try {
        result = await api.submit(checked.body, keys.get(), language);
      } catch (e) {
        // The device's key expired (retention) or was forgotten: declare as a new device.
        if (!(e instanceof ApiError && e.status === 401 && keys.get())) throw e;
        keys.clear();
        result = await api.submit(checked.body, null, language);
      }
      if (result.declarantKey) keys.set(result.declarantKey);
      setDone(result.declaration);
      window.scrollTo(0, 0);
    } catch (e) {
      const fields = e instanceof ApiError ? serverFieldErrors(e.problem.errors) : {};
      if (Object.keys(fields).length > 0) {
        setErrors(fields);
        requestAnimationFrame(() => focusFirstError(formElement));
      } else setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const travelling = form.kind === "domestic_travel";
  return (
    <section class="page narrow declaration">
      <h1>{t("declaration.title")}</h1>
      <p>{t("declaration.intro")}</p>
      <p class="hint">{t("declaration.required")}</p>
      <form class="form" ref={setFormElement} onSubmit={submit} noValidate aria-busy={busy}>
        {failure ? <ProblemAlert error={failure} /> : null}
        {count > 0 ? (
          <p class="alert alert-error" role="alert">
            {t("declaration.fixErrors", { count })}
          </p>
        ) : null}

        <fieldset class="choices kind-choice">
          <legend>{t("declaration.kindLegend")}</legend>
          {DECLARATION_KINDS.map((kind) => (
            <label key={kind} class="choice">
              <input
                type="radio"
                name="kind"
                value={kind}
                checked={form.kind === kind}
                onChange={() => set("kind", kind, "#/travel")}
              />
              <span class="choice-text">
                <span class="choice-label">{t(`declaration.kind.${kind}`)}</span>
                <span class="hint">{t(`declaration.kind.${kind}Hint`)}</span>
              </span>
            </label>
          ))}
        </fieldset>

        <fieldset class="section">
          <legend>{t("declaration.section.personal")}</legend>
          <Field id="fullName" label={t("declaration.field.fullName")} required error={err("#/fullName")}>
            <input
              id="fullName"
              autocomplete="name"
              maxLength={LIMITS.fullName.max}
              value={form.fullName}
              onInput={(e) => set("fullName", e.currentTarget.value, "#/fullName")}
              {...describedBy("fullName", false, err("#/fullName"))}
            />
          </Field>
          <div class="field-row">
            <Field
              id="yearOfBirth"
              label={t("declaration.field.yearOfBirth")}
              required
              error={err("#/yearOfBirth")}
            >
              <input
                id="yearOfBirth"
                inputMode="numeric"
                autocomplete="bday-year"
                maxLength={4}
                value={form.yearOfBirth}
                onInput={(e) => set("yearOfBirth", e.currentTarget.value, "#/yearOfBirth")}
                {...describedBy("yearOfBirth", false, err("#/yearOfBirth"))}
              />
            </Field>
            <Field
              id="nationality"
              label={t("declaration.field.nationality")}
              required
              error={err("#/nationality")}
            >
              <select
                id="nationality"
                value={form.nationality}
                onChange={(e) => set("nationality", e.currentTarget.value, "#/nationality", "#/idNumber")}
                {...describedBy("nationality", false, err("#/nationality"))}
              >
                {nationalityOptions(language).map((n) => (
                  <option key={n.code} value={n.code}>
                    {n.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <fieldset
            class="choices inline-choices"
            id="gender"
            aria-describedby={err("#/gender") ? "gender-error" : undefined}
          >
            <legend>
              {t("declaration.field.gender")}
              <span aria-hidden="true"> *</span>
            </legend>
            {GENDERS.map((g) => (
              <label key={g} class="choice">
                <input
                  type="radio"
                  name="gender"
                  value={g}
                  checked={form.gender === g}
                  onChange={() => set("gender", g, "#/gender")}
                />
                <span class="choice-label">{t(`declaration.gender.${g}`)}</span>
              </label>
            ))}
            {err("#/gender") ? (
              <p class="field-error" id="gender-error">
                {err("#/gender")}
              </p>
            ) : null}
          </fieldset>
          <Field
            id="idNumber"
            label={t("declaration.field.idNumber")}
            hint={t("declaration.field.idNumberHint")}
            error={err("#/idNumber")}
          >
            <input
              id="idNumber"
              autocomplete="off"
              maxLength={LIMITS.idNumber.max}
              value={form.idNumber}
              onInput={(e) => set("idNumber", e.currentTarget.value, "#/idNumber")}
              {...describedBy("idNumber", true, err("#/idNumber"))}
            />
          </Field>
          <Field
            id="phone"
            label={t("declaration.field.phone")}
            hint={t("declaration.field.phoneHint")}
            required
            error={err("#/phone")}
          >
            <input
              id="phone"
              type="tel"
              autocomplete="tel"
              maxLength={LIMITS.phone.max}
              value={form.phone}
              onInput={(e) => set("phone", e.currentTarget.value, "#/phone")}
              {...describedBy("phone", true, err("#/phone"))}
            />
          </Field>
        </fieldset>

        <fieldset class="section">
          <legend>{t("declaration.section.address")}</legend>
          <UnitPicker
            api={api}
            id="address"
            province={form.provinceCode}
            commune={form.communeCode}
            onChange={(province, commune) => {
              setForm((f) => ({ ...f, provinceCode: province, communeCode: commune }));
              setErrors((e) => withoutErrors(e, "#/address/provinceCode", "#/address/communeCode"));
            }}
            provinceError={err("#/address/provinceCode")}
            communeError={err("#/address/communeCode")}
          />
          <Field id="street" label={t("declaration.field.street")} required error={err("#/address/street")}>
            <input
              id="street"
              autocomplete="street-address"
              maxLength={LIMITS.street.max}
              value={form.street}
              onInput={(e) => set("street", e.currentTarget.value, "#/address/street")}
              {...describedBy("street", false, err("#/address/street"))}
            />
          </Field>
        </fieldset>

        {travelling ? (
          <TravelSection api={api} form={form} err={err} set={set} setForm={setForm} setErrors={setErrors} />
        ) : null}

        <CheckGroup
          name="symptoms"
          compact
          legend={t("declaration.section.symptoms")}
          hint={t("declaration.section.noneHint")}
          options={SYMPTOMS}
          selected={form.symptoms}
          onChange={(next) => set("symptoms", next, "#/symptoms")}
          labelOf={(s) => t(`declaration.symptom.${s}`)}
          error={err("#/symptoms")}
        />
        <CheckGroup
          name="exposures"
          legend={t("declaration.section.exposures")}
          hint={t("declaration.section.noneHint")}
          options={EXPOSURES}
          selected={form.exposures}
          onChange={(next) => set("exposures", next, "#/exposures")}
          labelOf={(e) => t(`declaration.exposure.${e}`)}
          error={err("#/exposures")}
        />
        <CheckGroup
          name="conditions"
          compact
          legend={t("declaration.section.conditions")}
          hint={t("declaration.section.noneHint")}
          options={CONDITIONS}
          selected={form.conditions}
          onChange={(next) => set("conditions", next, "#/conditions")}
          labelOf={(c) => t(`declaration.condition.${c}`)}
          error={err("#/conditions")}
        />

        <p class="privacy-note">{t("declaration.privacy")}</p>
        <button class="button" type="submit" disabled={busy}>
          {busy ? t("declaration.submitting") : t("declaration.submit")}
        </button>
      </form>
    </section>
  );
}

/** What a new declaration on the same device starts from: identity and address, not the answers. */
function pick(f: DeclarationForm): Partial<DeclarationForm> {
  return {
    fullName: f.fullName,
    yearOfBirth: f.yearOfBirth,
    gender: f.gender,
    nationality: f.nationality,
    idNumber: f.idNumber,
    phone: f.phone,
    provinceCode: f.provinceCode,
    communeCode: f.communeCode,
    street: f.street,
  };
}
