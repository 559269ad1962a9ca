// TypeBox schemas of the outreach routes: campaigns (create, view with per-round stats, audience upload,
// start/pause), provider callbacks and inbound SMS, opt-out links, and arrivals from telcos/transport operators.
import { Type } from "@fastify/type-provider-typebox";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const HHMM = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

export const ChannelSchema = Type.Enum(["sms", "zalo", "email"]);

export const CampaignBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  channel: ChannelSchema,
  audience: Type.Object({
    kind: Type.Enum(["list", "unit"], {
      description: "list: every uploaded address; unit: uploaded addresses whose unit code lies in unitCode.",
    }),
    unitCode: Type.String({ pattern: "^(VN|[0-9]{2}|[0-9]{5})$" }),
  }),
  template: Type.String({
    minLength: 1,
    maxLength: 2000,
    description: "Text with {{unit}} (unit name), {{link}} (install page with src) and {{optout_link}}.",
  }),
  subject: Type.Optional(Type.String({ maxLength: 200 })),
  zaloTemplateId: Type.Optional(Type.String({ maxLength: 64 })),
  schedule: Type.Object({
    startAt: Type.String({ format: "date-time" }),
    quietHours: Type.Optional(
      Type.Object({ start: Type.String({ pattern: HHMM }), end: Type.String({ pattern: HHMM }) }),
    ),
    repeatEveryDays: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 365 }))),
    stopAt: Type.Optional(Nullable(Type.String({ format: "date-time" }))),
  }),
  maxMessages: Type.Integer({
    minimum: 1,
    maximum: 50,
    description: "Most messages one recipient gets (K).",
  }),
});

const Counts = Type.Object({
  queued: Type.Integer(),
  sending: Type.Integer(),
  sent: Type.Integer(),
  delivered: Type.Integer(),
  failed: Type.Integer(),
  cancelled: Type.Integer(),
});

export const CampaignView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  channel: ChannelSchema,
  audience: Type.Object({ kind: Type.String(), unitCode: Type.String(), unitName: Type.String() }),
  template: Type.String(),
  subject: Nullable(Type.String()),
  zaloTemplateId: Nullable(Type.String()),
  schedule: Type.Object({
    startAt: Type.String(),
    quietHours: Type.Object({ start: Type.String(), end: Type.String() }),
    repeatEveryDays: Nullable(Type.Integer()),
    stopAt: Nullable(Type.String()),
  }),
  maxMessages: Type.Integer(),
  status: Type.Enum(["draft", "running", "paused", "ended"]),
  roundsPlanned: Type.Integer(),
  nextRoundAt: Nullable(Type.String()),
  source: Type.String({ description: "The src of the campaign's install link (sms-<id>, zalo-<id>)." }),
  stats: Type.Object({
    recipients: Type.Integer(),
    optedOut: Type.Integer(),
    totals: Counts,
    rounds: Type.Array(Type.Object({ round: Type.Integer(), counts: Counts })),
  }),
});

export const CampaignList = Type.Object({ campaigns: Type.Array(CampaignView) });
export const CampaignParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const CampaignAction = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  action: Type.Enum(["start", "pause"]),
});

export const AudienceResponse = Type.Object({
  added: Type.Integer(),
  duplicates: Type.Integer({ description: "Lines repeating an address of the same upload or campaign." }),
  problems: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() })),
  recipients: Type.Integer(),
});

export const CallbackParams = Type.Object({ channel: ChannelSchema });
export const CallbackBody = Type.Object({
  providerId: Type.Optional(Type.String({ maxLength: 200 })),
  trackingId: Type.Optional(
    Type.String({ maxLength: 200, description: "The idempotency key (Zalo tracking_id)." }),
  ),
  status: Type.String({ maxLength: 40, description: "delivered / failed (and provider synonyms)." }),
  error: Type.Optional(Type.String({ maxLength: 500 })),
});
export const CallbackResponse = Type.Object({ updated: Type.Boolean() });

export const InboundSmsBody = Type.Object({
  from: Type.String({ maxLength: 40 }),
  text: Type.String({ maxLength: 1000 }),
});
export const InboundSmsResponse = Type.Object({ optedOut: Type.Boolean() });

export const OptOutQuery = Type.Object({ t: Type.String({ maxLength: 200 }) });

export const ArrivalsBody = Type.Object({
  province: Type.String({ pattern: "^[0-9]{2}$", description: "Province code (v2025)." }),
  numbers: Type.Array(Type.String({ maxLength: 40 }), { minItems: 1 }),
});
export const ArrivalsResponse = Type.Object({
  accepted: Type.Integer(),
  welcomed: Type.Integer({ description: "Numbers starting a new stay that get a welcome message." }),
  invalid: Type.Integer(),
});
