// Shapes of the campaign API the console uses, mirroring packages/server/src/campaign/schemas.ts.

export type CampaignLevel = "national" | "province" | "commune";
export type TargetStatus = "reached" | "on_track" | "behind" | "no_target" | "no_data";

export interface TargetProgress {
  percentBp: number;
  deadline: string;
  coverageBp: number | null;
  progressBp: number | null;
  reached: boolean;
  targetPhones: number;
  remainingPhones: number;
  daysLeft: number;
  neededPerDay: number | null;
  neededBpPerDay: number | null;
  pacePerDay: number;
  paceBpPerDay: number | null;
  projectedDay: string | null;
  onTrack: boolean;
}

export interface AppliedTarget {
  unitCode: string;
  percentBp: number;
  percent: string;
  deadline: string;
  inherited: boolean;
}

export interface UnitFigures {
  code: string;
  name: string;
  level: CampaignLevel;
  parentCode: string | null;
  installs: number;
  withPhone: number;
  active: number;
  subscribers: number | null;
  coverageBp: number | null;
  /** "47.59%" as the server formats it (truncated). */
  coverage: string;
  target: AppliedTarget | null;
  progress: TargetProgress | null;
  progressBp: number | null;
  status: TargetStatus;
}

export interface Snapshot {
  unitCode: string;
  day: string;
  takenAt: string;
  installs: number;
  withPhone: number;
  active: number;
  subscribers: number;
  coverageBp: number | null;
  coverage: string;
}

export interface Home {
  unitCode: string;
  name: string;
  level: CampaignLevel;
  today: string;
}

export interface Summary {
  today: string;
  unit: UnitFigures;
  path: { code: string; name: string }[];
  snapshot: Snapshot | null;
  sources: { source: string; installs: number }[];
}

export interface TrendPoint {
  day: string;
  installs: number;
  withPhone: number;
  active: number;
  subscribers: number;
  coverageBp: number | null;
}

export interface Trend {
  unitCode: string;
  target: { percentBp: number; deadline: string } | null;
  points: TrendPoint[];
}

export type RankedUnit = UnitFigures & { rank: number };

export interface Agency {
  id: number;
  unitCode: string;
  name: string;
  kind: string;
  headcount: number;
  joinCode: string;
  joined: number;
  targetBp: number | null;
  complianceBp: number | null;
  compliance: string;
  appliedTargetBp: number;
  belowTarget: boolean;
}

export interface Report {
  id: number;
  unitCode: string;
  weekStart: string;
  generatedAt: string;
  xlsxUrl: string;
  pdfUrl: string;
}

export interface TargetView {
  unitCode: string;
  own: { percentBp: number; deadline: string } | null;
  applied: AppliedTarget | null;
}

export const ROW_ERROR_CODES = [
  "missing-header",
  "empty-file",
  "missing-value",
  "unknown-unit",
  "out-of-scope",
  "invalid-number",
  "invalid-date",
  "future-date",
  "duplicate",
] as const;

/** One bad line of a subscriber file (server: campaign/subscriber-rows.ts). */
export interface RowError {
  line: number;
  column: "unitCode" | "subscribers" | "date" | null;
  code: (typeof ROW_ERROR_CODES)[number];
  /** The cell as written. */
  value: string | null;
  /** The server's English text (shown when the code is unknown to this version). */
  message: string;
}

export interface Upload {
  id: number;
  fileName: string;
  format: string;
  rows: number;
  uploadedAt: string;
}
