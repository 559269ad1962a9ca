// TypeBox schemas of the officials' campaign routes: unit figures, trend, ranking, snapshots, targets,
// subscriber uploads, agencies, reports and the audit log.
import { Type } from "@fastify/type-provider-typebox";
import { AGENCY_KINDS } from "./agencies.ts";
import { RANKING_SORTS } from "./series.ts";

const Day = Type.String({ format: "date" });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const UnitParams = Type.Object({
  code: Type.String({
    pattern: "^(VN|[0-9]{2}|[0-9]{5})$",
    description: '"VN", a province or a commune code.',
  }),
});

export const HomeResponse = Type.Object({
  unitCode: Type.String(),
  name: Type.String(),
  level: Type.Enum(["national", "province", "commune"]),
  today: Day,
});

export const TargetProgressView = Type.Object({
  percentBp: Type.Integer(),
  deadline: Day,
  coverageBp: Nullable(Type.Integer()),
  progressBp: Nullable(Type.Integer()),
  reached: Type.Boolean(),
  targetPhones: Type.Integer(),
  remainingPhones: Type.Integer(),
  daysLeft: Type.Integer(),
  neededPerDay: Nullable(Type.Integer()),
  neededBpPerDay: Nullable(Type.Integer()),
  pacePerDay: Type.Number(),
  paceBpPerDay: Nullable(Type.Integer()),
  projectedDay: Nullable(Day),
  onTrack: Type.Boolean(),
});

export const UnitFiguresView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Enum(["national", "province", "commune"]),
  parentCode: Nullable(Type.String()),
  installs: Type.Integer(),
  withPhone: Type.Integer(),
  active: Type.Integer({ description: "Devices active today." }),
  subscribers: Nullable(Type.Integer()),
  coverageBp: Nullable(
    Type.Integer({ description: "Installs with phone / subscribers, basis points, truncated." }),
  ),
  coverage: Type.String({ description: 'As in the letters: "47.59%" (truncated); "–" without subscribers.' }),
  target: Nullable(
    Type.Object({
      unitCode: Type.String(),
      percentBp: Type.Integer(),
      percent: Type.String(),
      deadline: Day,
      inherited: Type.Boolean(),
    }),
  ),
  progress: Nullable(TargetProgressView),
  progressBp: Nullable(Type.Integer()),
  status: Type.Enum(["reached", "on_track", "behind", "no_target", "no_data"]),
});

export const SnapshotView = Type.Object({
  unitCode: Type.String(),
  day: Day,
  takenAt: Type.String({ format: "date-time" }),
  installs: Type.Integer(),
  withPhone: Type.Integer(),
  active: Type.Integer(),
  subscribers: Type.Integer(),
  coverageBp: Nullable(Type.Integer()),
  coverage: Type.String(),
});

export const SummaryResponse = Type.Object({
  today: Day,
  unit: UnitFiguresView,
  path: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  snapshot: Nullable(SnapshotView),
  sources: Type.Array(Type.Object({ source: Type.String(), installs: Type.Integer() })),
});

/** Installs of a unit by outreach measure and place (outreach/source.ts attributeSources). */
export const SourcesResponse = Type.Object({
  unitCode: Type.String(),
  total: Type.Integer(),
  measures: Type.Array(Type.Object({ measure: Type.String(), installs: Type.Integer() })),
  places: Type.Array(
    Type.Object({
      measure: Type.String(),
      place: Type.String(),
      source: Type.String(),
      installs: Type.Integer(),
    }),
  ),
});

export const TrendQuery = Type.Object(
  { days: Type.Optional(Type.Integer({ minimum: 7, maximum: 366, default: 60 })) },
  { additionalProperties: false },
);

export const TrendResponse = Type.Object({
  unitCode: Type.String(),
  target: Nullable(Type.Object({ percentBp: Type.Integer(), deadline: Day })),
  points: Type.Array(
    Type.Object({
      day: Day,
      installs: Type.Integer(),
      withPhone: Type.Integer(),
      active: Type.Integer(),
      subscribers: Type.Integer(),
      coverageBp: Nullable(Type.Integer()),
    }),
  ),
});

export const RankingQuery = Type.Object(
  {
    sort: Type.Optional(Type.Enum(RANKING_SORTS)),
    order: Type.Optional(Type.Enum(["asc", "desc"])),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const RankingResponse = Type.Object({
  unitCode: Type.String(),
  units: Type.Array(Type.Intersect([UnitFiguresView, Type.Object({ rank: Type.Integer() })])),
});

export const ProvincesFiguresResponse = Type.Object({
  today: Day,
  provinces: Type.Array(UnitFiguresView),
});

export const SnapshotsQuery = Type.Object(
  { from: Type.Optional(Day), to: Type.Optional(Day) },
  { additionalProperties: false },
);
export const SnapshotsResponse = Type.Object({ snapshots: Type.Array(SnapshotView) });

export const TargetBody = Type.Object(
  {
    percent: Type.Number({
      minimum: 0.01,
      maximum: 100,
      description: "Coverage to reach, percent (60 = 60%).",
    }),
    deadline: Day,
  },
  { additionalProperties: false },
);
export const TargetResponse = Type.Object({
  unitCode: Type.String(),
  own: Nullable(Type.Object({ percentBp: Type.Integer(), deadline: Day })),
  applied: UnitFiguresView.properties.target,
});

export const UploadQuery = Type.Object(
  { filename: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export const UploadResponse = Type.Object({ uploadId: Type.Integer(), rows: Type.Integer() });
export const UploadsResponse = Type.Object({
  uploads: Type.Array(
    Type.Object({
      id: Type.Integer(),
      fileName: Type.String(),
      format: Type.String(),
      rows: Type.Integer(),
      uploadedAt: Type.String({ format: "date-time" }),
    }),
  ),
});

export const AgencyBody = Type.Object(
  {
    unitCode: Type.String({ pattern: "^(VN|[0-9]{2}|[0-9]{5})$" }),
    name: Type.String({ minLength: 2, maxLength: 200 }),
    kind: Type.Enum(AGENCY_KINDS),
    headcount: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
    targetPercent: Type.Optional(Type.Number({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export const AgencyPatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
    headcount: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
    targetPercent: Type.Optional(Nullable(Type.Number({ minimum: 1, maximum: 100 }))),
  },
  { additionalProperties: false },
);
export const AgencyParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const AgencyView = Type.Object({
  id: Type.Integer(),
  unitCode: Type.String(),
  name: Type.String(),
  kind: Type.Enum(AGENCY_KINDS),
  headcount: Type.Integer(),
  joinCode: Type.String(),
  joined: Type.Integer(),
  targetBp: Nullable(Type.Integer()),
  complianceBp: Nullable(Type.Integer()),
  compliance: Type.String(),
  appliedTargetBp: Type.Integer(),
  belowTarget: Type.Boolean(),
});
export const AgenciesResponse = Type.Object({ agencies: Type.Array(AgencyView) });

export const ReportBody = Type.Object({ weekStart: Type.Optional(Day) }, { additionalProperties: false });
export const ReportView = Type.Object({
  id: Type.Integer(),
  unitCode: Type.String(),
  weekStart: Day,
  generatedAt: Type.String({ format: "date-time" }),
  xlsxUrl: Type.String(),
  pdfUrl: Type.String(),
});
export const ReportsResponse = Type.Object({ reports: Type.Array(ReportView) });
export const ReportParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  format: Type.Enum(["xlsx", "pdf"]),
});

export const AuditResponse = Type.Object({
  entries: Type.Array(
    Type.Object({
      at: Type.String({ format: "date-time" }),
      action: Type.String(),
      username: Nullable(Type.String()),
      unitCode: Nullable(Type.String()),
      detail: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
});
