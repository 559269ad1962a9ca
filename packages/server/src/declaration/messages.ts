// Validation messages of the declaration API in Vietnamese and English: the language a request prefers, the
// mapping of schema (Ajv) errors and of the model's checks to coded field issues, and the problem+json answer.
import { type FieldError, ProblemError, problemType } from "../platform/errors.ts";

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

type Text = { vi: string; en: string };

/** Every message a field can get; `{limit}` is replaced by the issue's limit. */
export const MESSAGES = {
  required: { vi: "Vui lòng nhập thông tin này.", en: "This field is required." },
  choose: { vi: "Vui lòng chọn một mục.", en: "Please choose one." },
  "wrong-type": { vi: "Giá trị không đúng kiểu dữ liệu.", en: "Wrong kind of value." },
  "too-short": { vi: "Cần ít nhất {limit} ký tự.", en: "Enter at least {limit} characters." },
  "too-long": { vi: "Tối đa {limit} ký tự.", en: "Enter at most {limit} characters." },
  "too-small": { vi: "Giá trị nhỏ nhất là {limit}.", en: "Must be at least {limit}." },
  "too-large": { vi: "Giá trị lớn nhất là {limit}.", en: "Must be at most {limit}." },
  "too-many": { vi: "Chọn tối đa {limit} mục.", en: "Choose at most {limit} items." },
  duplicate: { vi: "Có mục bị chọn lặp lại.", en: "An item is chosen twice." },
  "not-allowed": { vi: "Lựa chọn không hợp lệ.", en: "Not one of the allowed choices." },
  invalid: { vi: "Giá trị không hợp lệ.", en: "Invalid value." },
  "date-invalid": { vi: "Ngày không hợp lệ.", en: "Not a valid date." },
  "name-invalid": {
    vi: "Họ và tên chỉ gồm chữ cái, dấu cách và các dấu ' . -",
    en: "Use letters, spaces and ' . - only.",
  },
  "phone-invalid": {
    vi: "Số điện thoại không hợp lệ: 10 chữ số bắt đầu bằng 0 (ví dụ 0912 345 678) hoặc số quốc tế +mã nước.",
    en: "Invalid phone number: 10 digits starting with 0 (e.g. 0912 345 678) or an international +country number.",
  },
  "id-number-invalid": {
    vi: "Số giấy tờ không hợp lệ: CCCD 12 chữ số, CMND 9 chữ số hoặc số hộ chiếu.",
    en: "Invalid document number: citizen ID card (12 digits), old ID card (9 digits) or passport number.",
  },
  "street-invalid": {
    vi: "Vui lòng nhập số nhà, tên đường hoặc thôn, ấp.",
    en: "Enter the house number and street, or the hamlet.",
  },
  "year-in-future": {
    vi: "Năm sinh không được ở tương lai.",
    en: "The year of birth cannot be in the future.",
  },
  "year-too-old": {
    vi: "Năm sinh phải từ {limit} trở về sau.",
    en: "The year of birth must be {limit} or later.",
  },
  "unit-code-invalid": { vi: "Mã đơn vị hành chính không hợp lệ.", en: "Invalid administrative unit code." },
  "unit-unknown": {
    vi: "Không tìm thấy đơn vị hành chính này.",
    en: "No such administrative unit.",
  },
  "commune-not-in-province": {
    vi: "Xã, phường này không thuộc tỉnh, thành phố đã chọn.",
    en: "This commune is not in the chosen province.",
  },
  "travel-required": {
    vi: "Khai báo di chuyển cần có thông tin chuyến đi.",
    en: "A travel declaration needs the journey details.",
  },
  "travel-not-allowed": {
    vi: "Chỉ khai báo di chuyển mới có thông tin chuyến đi.",
    en: "Only a travel declaration has journey details.",
  },
  "travel-date-out-of-range": {
    vi: "Ngày đi phải trong khoảng từ 14 ngày trước đến 7 ngày tới.",
    en: "The travel date must be between 14 days ago and 7 days ahead.",
  },
  "same-place": { vi: "Nơi đến phải khác nơi đi.", en: "The destination must differ from the departure." },
  "vehicle-number-invalid": {
    vi: "Số hiệu phương tiện chỉ gồm chữ, số, dấu cách, dấu chấm và gạch ngang.",
    en: "Use letters, digits, spaces, dots and dashes only.",
  },
  "day-before-declaration": {
    vi: "Ngày theo dõi không được trước ngày khai báo.",
    en: "The follow-up day cannot be before the declaration.",
  },
  "range-invalid": {
    vi: "Khoảng ngày không hợp lệ: ngày bắt đầu không sau ngày kết thúc, tối đa {limit} ngày.",
    en: "Invalid date range: the start cannot be after the end, at most {limit} days.",
  },
  "day-in-future": {
    vi: "Ngày theo dõi không được ở tương lai.",
    en: "The follow-up day cannot be in the future.",
  },
} as const satisfies Record<string, Text>;

export type MessageCode = keyof typeof MESSAGES;

/** One failing field, before it is put into words. */
export interface FieldIssue {
  /** JSON pointer fragment, e.g. "#/address/communeCode". */
  pointer: string;
  code: MessageCode;
  params?: { limit?: number | string };
}

/** A field error of the declaration API: the platform's shape plus the stable `code` of the message. */
export type DeclarationFieldError = FieldError & { code: MessageCode };

/** The message of `code` in `language`, with `{limit}` filled in. */
export function message(code: MessageCode, language: Language, params: FieldIssue["params"] = {}): string {
  return MESSAGES[code][language].replace("{limit}", String(params.limit ?? ""));
}

/** The language of the answer from an Accept-Language header: the best-ranked of vi / en, else Vietnamese. */
export function preferredLanguage(acceptLanguage: string | undefined): Language {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=(.*)$/.exec(p)?.[1]?.trim()).find((v) => v !== undefined);
      // A malformed weight (q=abc) makes the entry unusable rather than preferred.
      const weight = q === undefined ? 1 : /^[01](\.\d{0,3})?$/.test(q) ? Number(q) : Number.NaN;
      return { primary: tag.trim().toLowerCase().split("-")[0] ?? "", q: weight, index };
    })
    .filter((e) => e.q > 0 && !Number.isNaN(e.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const found = ranked.find((e) => (LANGUAGES as readonly string[]).includes(e.primary));
  return (found?.primary as Language | undefined) ?? "vi";
}

/** An Ajv error as Fastify attaches it (`error.validation`). */
export interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Fields answered by picking from a list: missing means "choose one", not "type something". */
const CHOICE_FIELDS = new Set(["kind", "gender", "nationality", "provinceCode", "communeCode", "transport"]);

/** Pattern failures get a message that says what the field expects. */
const PATTERN_CODES: Readonly<Record<string, MessageCode>> = {
  phone: "phone-invalid",
  idNumber: "id-number-invalid",
  provinceCode: "unit-code-invalid",
  communeCode: "unit-code-invalid",
  unit: "unit-code-invalid",
  vehicleNumber: "vehicle-number-invalid",
};

function issueOf(e: AjvIssue): FieldIssue {
  let pointer = `#${e.instancePath ?? ""}`;
  const limit = typeof e.params?.limit === "number" ? e.params.limit : undefined;
  const field = pointer.split("/").pop() ?? "";
  switch (e.keyword) {
    case "required": {
      const missing = e.params?.missingProperty;
      if (typeof missing === "string") pointer += `/${missing}`;
      return {
        pointer,
        code: typeof missing === "string" && CHOICE_FIELDS.has(missing) ? "choose" : "required",
      };
    }
    case "type":
      return { pointer, code: "wrong-type" };
    case "minLength":
      return limit !== undefined && limit > 1
        ? { pointer, code: "too-short", params: { limit } }
        : { pointer, code: "required" };
    case "maxLength":
      return { pointer, code: "too-long", params: { limit: limit ?? "" } };
    case "minimum":
    case "exclusiveMinimum":
      return { pointer, code: "too-small", params: { limit: limit ?? "" } };
    case "maximum":
    case "exclusiveMaximum":
      return { pointer, code: "too-large", params: { limit: limit ?? "" } };
    case "maxItems":
      return { pointer, code: "too-many", params: { limit: limit ?? "" } };
    case "uniqueItems":
      return { pointer, code: "duplicate" };
    case "enum":
    case "const":
      return { pointer, code: "not-allowed" };
    case "format":
      return { pointer, code: e.params?.format === "date" ? "date-invalid" : "invalid" };
    case "pattern":
      return { pointer, code: PATTERN_CODES[field] ?? "invalid" };
    case "additionalProperties": {
      const extra = e.params?.additionalProperty;
      if (typeof extra === "string") pointer += `/${extra}`;
      return { pointer, code: "not-allowed" };
    }
    default:
      return { pointer, code: "invalid" };
  }
}

/** Field issues of Ajv errors: one per field (the first error of each), in the order Ajv found them. */
export function issuesFromAjv(errors: readonly AjvIssue[]): FieldIssue[] {
  const byPointer = new Map<string, FieldIssue>();
  for (const e of errors) {
    const issue = issueOf(e);
    if (!byPointer.has(issue.pointer)) byPointer.set(issue.pointer, issue);
  }
  return [...byPointer.values()];
}

const TITLE: Text = { vi: "Thông tin khai báo chưa hợp lệ", en: "Request validation failed" };

/** The 400 validation problem (the platform's `validation` type) with every field's message in `language`. */
export function validationProblem(
  issues: readonly FieldIssue[],
  location: string,
  language: Language,
): ProblemError {
  const errors: DeclarationFieldError[] = issues.map((i) => ({
    in: location,
    pointer: i.pointer,
    detail: message(i.code, language, i.params),
    code: i.code,
  }));
  return new ProblemError(400, {
    type: problemType("validation"),
    title: TITLE[language],
    detail: errors.map((e) => `${e.pointer.slice(2) || location}: ${e.detail}`).join("; "),
    extra: { errors },
    headers: { "content-language": language },
  });
}
