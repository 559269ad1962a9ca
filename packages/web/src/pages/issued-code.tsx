// An issued verification code: the 8-digit code in large type with its expiry countdown, and the long code
// as the SMS link (copy, or open the messaging app with the message filled in).
import { useRef, useState } from "preact/hooks";
import type { IssuedCode, TestType } from "../api/types.ts";
import {
  formatCountdown,
  formatDateTime,
  groupShortCode,
  remainingMs,
  smsHref,
  spokenCode,
  verificationLink,
} from "../codes/model.ts";
import { useNow } from "../components/use-now.ts";
import { useI18n } from "../i18n/context.ts";

async function copyText(text: string, input: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (plain http on a LAN address): select the text so the officer can copy it.
    input?.select();
    return false;
  }
}

export function IssuedCodeView(props: { issued: IssuedCode; testType: TestType; onAgain: () => void }) {
  const { issued, testType, onAgain } = props;
  const { t, language } = useI18n();
  const now = useNow(1000);
  const [copied, setCopied] = useState(false);
  const linkInput = useRef<HTMLTextAreaElement>(null);
  const left = remainingMs(issued.expiresAt, now);
  const link = verificationLink(location.origin, issued.longCode);

  return (
    <div class="issued">
      <section class="code-card" aria-labelledby="code-title">
        <h2 id="code-title">{t("codes.issuedTitle")}</h2>
        <p class="muted">{t("codes.issuedType", { type: t(`codes.type.${testType}`) })}</p>
        <p class={left > 0 ? "short-code" : "short-code expired"} data-testid="short-code">
          <span aria-hidden="true">{groupShortCode(issued.code)}</span>
          <span class="visually-hidden">{spokenCode(issued.code)}</span>
        </p>
        <p class={left > 0 ? "countdown" : "countdown expired"} role="timer" data-testid="countdown">
          {left > 0 ? t("codes.expiresIn", { time: formatCountdown(left) }) : t("codes.expired")}
        </p>
        <p>{t("codes.readOut")}</p>
      </section>

      <section class="sms-card" aria-labelledby="sms-title">
        <h2 id="sms-title">{t("codes.longTitle")}</h2>
        <label for="sms-link">
          {t("codes.longText", { time: formatDateTime(issued.longExpiresAt, language) })}
        </label>
        <textarea
          id="sms-link"
          ref={linkInput}
          class="link-field"
          readOnly
          rows={2}
          value={link}
          data-testid="long-link"
          onFocus={(e) => e.currentTarget.select()}
        />
        <div class="actions">
          <a class="button" href={smsHref(t("codes.smsBody", { link }))}>
            {t("codes.openSms")}
          </a>
          <button
            class="button secondary"
            type="button"
            onClick={async () => setCopied(await copyText(link, linkInput.current))}
          >
            {copied ? t("codes.copied") : t("codes.copy")}
          </button>
        </div>
      </section>

      <button class="button secondary" type="button" onClick={onAgain}>
        {t("codes.again")}
      </button>
    </div>
  );
}
