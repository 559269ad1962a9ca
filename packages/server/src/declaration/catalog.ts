// The closed lists of the health declaration form (NCOVI / tokhaiyte.vn): symptoms, exposures, underlying
// conditions, transport, gender and nationality codes, with their Vietnamese and English labels.

/** Symptoms asked about for the last 14 days ("Trong 14 ngày qua, có dấu hiệu nào sau đây không?"). */
export const SYMPTOMS = [
  "fever",
  "cough",
  "shortness_of_breath",
  "sore_throat",
  "fatigue",
  "loss_of_taste_smell",
  "muscle_pain",
  "diarrhea",
  "headache",
  "runny_nose",
  "nausea",
  "chills",
] as const;
export type Symptom = (typeof SYMPTOMS)[number];

/** Epidemiological exposures in the last 14 days. */
export const EXPOSURES = [
  "contact_f0",
  "contact_f1",
  "contact_symptomatic",
  "travel_affected_area",
  "place_with_cases",
] as const;
export type Exposure = (typeof EXPOSURES)[number];

/** Underlying conditions (bệnh nền) that raise the risk of severe illness. */
export const CONDITIONS = [
  "cardiovascular",
  "hypertension",
  "diabetes",
  "lung",
  "liver",
  "kidney",
  "cancer",
  "immunodeficiency",
  "pregnancy",
  "obesity",
] as const;
export type Condition = (typeof CONDITIONS)[number];

/** Means of transport of a domestic travel declaration (khai báo di chuyển nội địa). */
export const TRANSPORTS = ["plane", "train", "coach", "car", "motorbike", "boat", "other"] as const;
export type Transport = (typeof TRANSPORTS)[number];

export const GENDERS = ["male", "female", "other"] as const;
export type Gender = (typeof GENDERS)[number];

/** The two variants of the form. */
export const DECLARATION_KINDS = ["health", "domestic_travel"] as const;
export type DeclarationKind = (typeof DECLARATION_KINDS)[number];

/** ISO 3166-1 alpha-2 codes accepted as nationality. */
export const NATIONALITIES = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY " +
  "BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK " +
  "FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR " +
  "IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK " +
  "ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM " +
  "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF " +
  "TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
).split(" ");

/** Labels in both languages (the web app has its own copy in its translations; these serve the API docs). */
export const LABELS: Readonly<
  Record<Symptom | Exposure | Condition | Transport, { vi: string; en: string }>
> = {
  fever: { vi: "Sốt", en: "Fever" },
  cough: { vi: "Ho", en: "Cough" },
  shortness_of_breath: { vi: "Khó thở", en: "Shortness of breath" },
  sore_throat: { vi: "Đau họng", en: "Sore throat" },
  fatigue: { vi: "Mệt mỏi", en: "Fatigue" },
  loss_of_taste_smell: { vi: "Mất vị giác hoặc khứu giác", en: "Loss of taste or smell" },
  muscle_pain: { vi: "Đau nhức cơ", en: "Muscle pain" },
  diarrhea: { vi: "Tiêu chảy", en: "Diarrhoea" },
  headache: { vi: "Đau đầu", en: "Headache" },
  runny_nose: { vi: "Sổ mũi, nghẹt mũi", en: "Runny or blocked nose" },
  nausea: { vi: "Buồn nôn, nôn", en: "Nausea or vomiting" },
  chills: { vi: "Ớn lạnh", en: "Chills" },
  contact_f0: { vi: "Tiếp xúc gần với người bệnh hoặc nghi mắc (F0)", en: "Close contact with a case (F0)" },
  contact_f1: { vi: "Tiếp xúc với người tiếp xúc gần (F1)", en: "Contact with a close contact (F1)" },
  contact_symptomatic: {
    vi: "Tiếp xúc với người có biểu hiện sốt, ho, khó thở",
    en: "Contact with someone with fever, cough or shortness of breath",
  },
  travel_affected_area: {
    vi: "Đi từ hoặc qua vùng có dịch",
    en: "Travel from or through an affected area",
  },
  place_with_cases: { vi: "Ở hoặc đến nơi có ca bệnh", en: "Stayed at or visited a place with cases" },
  cardiovascular: { vi: "Bệnh tim mạch", en: "Cardiovascular disease" },
  hypertension: { vi: "Tăng huyết áp", en: "High blood pressure" },
  diabetes: { vi: "Tiểu đường", en: "Diabetes" },
  lung: { vi: "Bệnh phổi mạn tính", en: "Chronic lung disease" },
  liver: { vi: "Bệnh gan", en: "Liver disease" },
  kidney: { vi: "Bệnh thận", en: "Kidney disease" },
  cancer: { vi: "Ung thư", en: "Cancer" },
  immunodeficiency: { vi: "Suy giảm miễn dịch", en: "Weakened immune system" },
  pregnancy: { vi: "Đang mang thai", en: "Pregnancy" },
  obesity: { vi: "Béo phì", en: "Obesity" },
  plane: { vi: "Máy bay", en: "Plane" },
  train: { vi: "Tàu hỏa", en: "Train" },
  coach: { vi: "Ô tô khách", en: "Coach" },
  car: { vi: "Ô tô cá nhân", en: "Car" },
  motorbike: { vi: "Xe máy", en: "Motorbike" },
  boat: { vi: "Tàu thủy, thuyền", en: "Boat or ship" },
  other: { vi: "Khác", en: "Other" },
};
