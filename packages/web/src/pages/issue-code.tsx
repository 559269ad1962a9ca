// The health authority's "Cấp mã xác nhận" page: choose the result type and (optionally) the symptom onset
// and test dates, press Issue (POST /v1/codes), then see the code (IssuedCodeView).
import { useState } from "preact/hooks";
import { type IssueCodeRequest, type IssuedCode, TEST_TYPES, type TestType } from "../api/types.ts";
import { localIsoDate } from "../codes/model.ts";
import { ProblemAlert } from "../components/problem-alert.tsx";
import { useI18n } from "../i18n/context.ts";
import { useServices } from "../services.ts";
import { IssuedCodeView } from "./issued-code.tsx";

function IssueCodeForm({ onIssued }: { onIssued: (code: IssuedCode, testType: TestType) => void }) {
  const { t } = useI18n();
  const { api } = useServices();
  const [testType, setTestType] = useState<TestType>("confirmed");
  const [symptomDate, setSymptomDate] = useState("");
  const [testDate, setTestDate] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const today = localIsoDate(new Date());

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body: IssueCodeRequest = { testType, tzOffset: -new Date().getTimezoneOffset() };
    if (symptomDate) body.symptomDate = symptomDate;
    if (testDate) body.testDate = testDate;
    try {
      onIssued(await api.issueCode(body), testType);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form" onSubmit={onSubmit} aria-busy={busy}>
      {error ? <ProblemAlert error={error} /> : null}
      <fieldset class="choices">
        <legend>{t("codes.testType")}</legend>
        {TEST_TYPES.map((type) => (
          <label key={type} class="choice">
            <input
              type="radio"
              name="testType"
              value={type}
              checked={testType === type}
              onChange={() => setTestType(type)}
              aria-describedby={`hint-${type}`}
            />
            <span class="choice-text">
              <span class="choice-label">{t(`codes.type.${type}`)}</span>
              <span class="hint" id={`hint-${type}`}>
                {t(`codes.type.${type}Hint`)}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="symptom-date">{t("codes.symptomDate")}</label>
        <span class="hint" id="symptom-date-hint">
          {t("codes.symptomDateHint")}
        </span>
        <input
          id="symptom-date"
          type="date"
          max={today}
          value={symptomDate}
          aria-describedby="symptom-date-hint"
          onInput={(e) => setSymptomDate(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="test-date">{t("codes.testDate")}</label>
        <span class="hint" id="test-date-hint">
          {t("codes.testDateHint")}
        </span>
        <input
          id="test-date"
          type="date"
          max={today}
          value={testDate}
          aria-describedby="test-date-hint"
          onInput={(e) => setTestDate(e.currentTarget.value)}
        />
      </div>
      <button class="button" type="submit" disabled={busy}>
        {busy ? t("codes.submitting") : t("codes.submit")}
      </button>
    </form>
  );
}

export function IssueCodePage() {
  const { t } = useI18n();
  const [issued, setIssued] = useState<{ code: IssuedCode; testType: TestType } | null>(null);
  // Only health-authority officers get here: PAGES declares the role and the router guards it.
  return (
    <section class="page narrow">
      <h1>{t("codes.title")}</h1>
      {issued ? (
        <IssuedCodeView issued={issued.code} testType={issued.testType} onAgain={() => setIssued(null)} />
      ) : (
        <>
          <p>{t("codes.intro")}</p>
          <IssueCodeForm onIssued={(code, testType) => setIssued({ code, testType })} />
        </>
      )}
    </section>
  );
}
