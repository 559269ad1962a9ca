// Outreach routes: officials' campaigns (scoped to their unit), audience CSV upload, start/pause and stats;
// delivery reports and inbound SMS from providers (shared secret), opt-out links, arrivals (API key).
import type { FastifyReply, FastifyRequest } from "fastify";
import { currentAccount } from "../auth/guard.ts";
import { officials } from "../campaign/access.ts";
import { parseCsv } from "../campaign/subscriber-rows.ts";
import { canView } from "../campaign/units.ts";
import { problems } from "../platform/errors.ts";
import type { App } from "../platform/feature.ts";
import type { OutreachContext } from "./context.ts";
import {
  type Channel,
  deliveryStatus,
  formatMinute,
  installLink,
  isOptOutReply,
  normalizeVietnamesePhone,
  parseQuietHours,
  recipientHash,
  releaseTime,
  renderTemplate,
  secretMatches,
  unknownTemplateVariables,
  validateAudience,
  verifyOptOutToken,
} from "./model.ts";
import { messagePayload } from "./planning.ts";
import {
  ArrivalsBody,
  ArrivalsResponse,
  AudienceResponse,
  CallbackBody,
  CallbackParams,
  CallbackResponse,
  CampaignAction,
  CampaignBody,
  CampaignList,
  CampaignParams,
  CampaignView,
  InboundSmsBody,
  InboundSmsResponse,
  OptOutQuery,
} from "./schemas.ts";
import {
  addRecipients,
  applyDeliveryReport,
  type CampaignRow,
  campaignStats,
  getCampaign,
  insertCampaign,
  listCampaigns,
  OUTBOX_STATUSES,
  optOut,
  recordArrivals,
  setCampaignStatus,
} from "./store.ts";

const secured = { security: [{ bearer: [] }] };
const DAY_MS = 86_400_000;

export function registerOutreachRoutes(app: App, ctx: OutreachContext): void {
  const { db, units, config } = ctx;
  const defaultQuiet = parseQuietHours(config.quietHours) ?? { startMinute: 1260, endMinute: 420 };
  const arrivalKeys = (config.arrivalsApiKeys ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);

  app.addContentTypeParser(
    ["text/csv", "text/plain"],
    { parseAs: "string", bodyLimit: config.uploadMaxBytes },
    (_request, body, done) => done(null, body),
  );

  const view = async (c: CampaignRow) => {
    const stats = await campaignStats(db, c.id);
    const totals = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<
      (typeof OUTBOX_STATUSES)[number],
      number
    >;
    for (const r of stats.rounds) for (const s of OUTBOX_STATUSES) totals[s] += r.counts[s];
    return {
      id: c.id,
      name: c.name,
      channel: c.channel,
      audience: {
        kind: c.audienceKind,
        unitCode: c.unitCode,
        unitName: units.get(c.unitCode)?.name ?? c.unitCode,
      },
      template: c.template,
      subject: c.subject,
      zaloTemplateId: c.zaloTemplateId,
      schedule: {
        startAt: c.startAt.toISOString(),
        quietHours: { start: formatMinute(c.quietStartMinute), end: formatMinute(c.quietEndMinute) },
        repeatEveryDays: c.repeatEveryDays,
        stopAt: c.stopAt?.toISOString() ?? null,
      },
      maxMessages: c.maxMessages,
      status: c.status,
      roundsPlanned: c.roundsPlanned,
      nextRoundAt: c.nextRoundAt?.toISOString() ?? null,
      source: `${c.channel}-${c.id}`,
      stats: { recipients: stats.recipients, optedOut: stats.optedOut, totals, rounds: stats.rounds },
    };
  };

  /** The campaign if the official may manage it: 404 unknown, 403 outside their area. */
  const visibleCampaign = async (request: FastifyRequest, id: number) => {
    const campaign = await getCampaign(db, id);
    if (!campaign) throw problems.notFound(`No campaign ${id}`);
    if (!canView(units, currentAccount(request), campaign.unitCode)) {
      throw problems.forbidden("This campaign is outside your area");
    }
    return campaign;
  };

  app.post(
    "/v1/outreach/campaigns",
    {
      preHandler: officials(),
      schema: { tags: ["outreach"], ...secured, body: CampaignBody, response: { 201: CampaignView } },
    },
    async (request, reply) => {
      const b = request.body;
      const account = currentAccount(request);
      if (!units.get(b.audience.unitCode))
        throw problems.notFound(`No unit with code ${b.audience.unitCode}`);
      if (!canView(units, account, b.audience.unitCode))
        throw problems.forbidden("This unit is outside your area");
      const unknown = unknownTemplateVariables(`${b.template} ${b.subject ?? ""}`);
      if (unknown.length > 0) throw problems.badRequest(`Unknown template variables: ${unknown.join(", ")}`);
      if (b.channel === "zalo" && !b.zaloTemplateId)
        throw problems.badRequest("Zalo campaigns need zaloTemplateId");
      const startAt = new Date(b.schedule.startAt);
      const stopAt = b.schedule.stopAt ? new Date(b.schedule.stopAt) : null;
      if (stopAt && stopAt < startAt) throw problems.badRequest("stopAt is before startAt");
      const quiet = b.schedule.quietHours
        ? parseQuietHours(`${b.schedule.quietHours.start}-${b.schedule.quietHours.end}`)!
        : defaultQuiet;
      const campaign = await insertCampaign(db, {
        name: b.name,
        channel: b.channel,
        audienceKind: b.audience.kind,
        unitCode: b.audience.unitCode,
        template: b.template,
        subject: b.subject ?? null,
        zaloTemplateId: b.zaloTemplateId ?? null,
        startAt,
        quietStartMinute: quiet.startMinute,
        quietEndMinute: quiet.endMinute,
        repeatEveryDays: b.schedule.repeatEveryDays ?? null,
        stopAt,
        maxMessages: b.maxMessages,
        createdBy: account.id,
      });
      reply.code(201);
      return view(campaign);
    },
  );

  app.get(
    "/v1/outreach/campaigns",
    { preHandler: officials(), schema: { tags: ["outreach"], ...secured, response: { 200: CampaignList } } },
    async (request) => {
      const account = currentAccount(request);
      const list = (await listCampaigns(db)).filter((c) => canView(units, account, c.unitCode));
      return { campaigns: await Promise.all(list.map(view)) };
    },
  );

  app.get(
    "/v1/outreach/campaigns/:id",
    {
      preHandler: officials(),
      schema: { tags: ["outreach"], ...secured, params: CampaignParams, response: { 200: CampaignView } },
    },
    async (request) => view(await visibleCampaign(request, request.params.id)),
  );

  app.post(
    "/v1/outreach/campaigns/:id/audience",
    {
      preHandler: officials(),
      bodyLimit: config.uploadMaxBytes,
      schema: {
        tags: ["outreach"],
        ...secured,
        description:
          "CSV body (text/csv): one address per line, optionally `,<unit code>`; a header line is allowed.",
        params: CampaignParams,
        response: { 200: AudienceResponse },
      },
    },
    async (request) => {
      const campaign = await visibleCampaign(request, request.params.id);
      if (campaign.status === "ended") throw problems.conflict("The campaign has ended");
      const body = request.body;
      if (typeof body !== "string") throw problems.badRequest("Send the list as text/csv");
      const filter =
        campaign.audienceKind === "unit"
          ? (code: string | null) =>
              !code
                ? "unit code missing"
                : !units.get(code)
                  ? `unknown unit ${code}`
                  : units.isWithin(code, campaign.unitCode)
                    ? null
                    : `unit ${code} is outside the campaign's unit`
          : undefined;
      const checked = validateAudience(campaign.channel, parseCsv(body), filter);
      const list = checked.entries.map((e) => {
        const hash = recipientHash(ctx.secrets.phoneKey, e.address);
        return { hash, sealed: ctx.secrets.sealer.seal(e.address, hash), unitCode: e.unitCode };
      });
      const added = await addRecipients(db, campaign.id, list);
      const stats = await campaignStats(db, campaign.id);
      return {
        added,
        duplicates: checked.duplicates + (list.length - added),
        problems: checked.problems.slice(0, 1000),
        recipients: stats.recipients,
      };
    },
  );

  app.post(
    "/v1/outreach/campaigns/:id/:action",
    {
      preHandler: officials(),
      schema: { tags: ["outreach"], ...secured, params: CampaignAction, response: { 200: CampaignView } },
    },
    async (request) => {
      const campaign = await visibleCampaign(request, request.params.id);
      const updated = await setCampaignStatus(db, campaign.id, request.params.action);
      if (!updated) throw problems.conflict(`Cannot ${request.params.action} a ${campaign.status} campaign`);
      return view(updated);
    },
  );

  // ---- providers --------------------------------------------------------------------------------------------

  const requireProvider = (request: FastifyRequest) => {
    if (!config.callbackSecret) throw problems.notFound("Provider callbacks are not configured");
    const presented = request.headers["x-outreach-secret"];
    if (!secretMatches(typeof presented === "string" ? presented : undefined, [config.callbackSecret])) {
      throw problems.unauthorized("Wrong or missing X-Outreach-Secret");
    }
  };

  app.post(
    "/v1/outreach/callbacks/:channel",
    {
      schema: {
        tags: ["outreach"],
        params: CallbackParams,
        body: CallbackBody,
        response: { 200: CallbackResponse },
      },
    },
    async (request) => {
      requireProvider(request);
      const b = request.body;
      const status = deliveryStatus(b.status);
      if (!status || (!b.providerId && !b.trackingId)) return { updated: false };
      const updated = await applyDeliveryReport(db, {
        channel: request.params.channel as Channel,
        ...(b.providerId ? { providerId: b.providerId } : { idempotencyKey: b.trackingId! }),
        status,
        ...(b.error ? { error: b.error } : {}),
        now: ctx.clock(),
      });
      return { updated };
    },
  );

  app.post(
    "/v1/outreach/inbound/sms",
    { schema: { tags: ["outreach"], body: InboundSmsBody, response: { 200: InboundSmsResponse } } },
    async (request) => {
      requireProvider(request);
      const number = normalizeVietnamesePhone(request.body.from);
      if (!number || !isOptOutReply(request.body.text)) return { optedOut: false };
      await optOut(db, recipientHash(ctx.secrets.phoneKey, number), "sms", ctx.clock());
      return { optedOut: true };
    },
  );

  // The opt-out link: GET only shows a confirmation (link scanners and previews follow GETs), the form's POST
  // opts out. The form sends no fields; its urlencoded body is accepted and ignored.
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, _body, done) =>
    done(null, {}),
  );
  const optOutPage = (reply: FastifyReply) =>
    reply
      .header("cache-control", "no-store")
      .header("referrer-policy", "no-referrer")
      .type("text/html; charset=utf-8");
  const invalidLink = () =>
    page("Liên kết không hợp lệ", "Invalid link", "Liên kết từ chối nhận tin không đúng hoặc đã bị sửa.");
  app.get(
    "/v1/outreach/optout",
    { schema: { tags: ["outreach"], querystring: OptOutQuery } },
    async (request, reply) => {
      optOutPage(reply);
      if (!verifyOptOutToken(ctx.secrets.optOutKey, request.query.t))
        return reply.code(400).send(invalidLink());
      return page(
        "Từ chối nhận tin?",
        "Stop Bluezone outreach messages?",
        "Bấm nút dưới đây để không nhận thêm tin nhắn vận động cài đặt Bluezone.",
        `/v1/outreach/optout?t=${encodeURIComponent(request.query.t)}`,
      );
    },
  );
  app.post(
    "/v1/outreach/optout",
    { schema: { tags: ["outreach"], querystring: OptOutQuery } },
    async (request, reply) => {
      optOutPage(reply);
      const hash = verifyOptOutToken(ctx.secrets.optOutKey, request.query.t);
      if (!hash) return reply.code(400).send(invalidLink());
      await optOut(db, hash, "link", ctx.clock());
      return page(
        "Đã từ chối nhận tin",
        "Unsubscribed",
        "Bạn sẽ không nhận thêm tin nhắn vận động cài đặt Bluezone. You will get no more Bluezone outreach messages.",
      );
    },
  );

  app.post(
    "/v1/outreach/arrivals",
    {
      config: { rateLimit: { max: config.arrivalsRateLimit, timeWindow: 60_000 } },
      schema: {
        tags: ["outreach"],
        description:
          "Telcos / transport operators (X-Api-Key): numbers arriving in a province get a welcome once per stay.",
        body: ArrivalsBody,
        response: { 200: ArrivalsResponse },
      },
    },
    async (request) => {
      if (arrivalKeys.length === 0) throw problems.notFound("Arrivals are not configured");
      const auth = request.headers.authorization;
      const presented =
        (typeof request.headers["x-api-key"] === "string" ? request.headers["x-api-key"] : undefined) ??
        (auth?.startsWith("Bearer ") ? auth.slice(7) : undefined);
      if (!secretMatches(presented, arrivalKeys)) throw problems.unauthorized("Wrong or missing API key");
      const { province, numbers } = request.body;
      const unit = units.get(province);
      if (unit?.level !== "province") throw problems.badRequest(`Unknown province ${province}`);
      if (numbers.length > config.arrivalsMaxNumbers) {
        throw problems.badRequest(`At most ${config.arrivalsMaxNumbers} numbers per request`);
      }
      const list = [];
      let invalid = 0;
      for (const raw of numbers) {
        const number = normalizeVietnamesePhone(raw);
        if (!number) {
          invalid++;
          continue;
        }
        const hash = recipientHash(ctx.secrets.phoneKey, number);
        list.push({ hash, sealed: ctx.secrets.sealer.seal(number, hash) });
      }
      const now = ctx.clock();
      const link = installLink(ctx.publicBaseUrl, `arrival-${province}`);
      const channel: Channel = "sms";
      const welcomed = await recordArrivals(db, {
        provinceCode: province,
        numbers: list,
        now,
        stayMs: config.stayDays * DAY_MS,
        channel,
        payload: messagePayload(channel, renderTemplate(config.arrivalsTemplate, { unit: unit.name, link }), {
          unit: unit.name,
          link,
        }),
        releaseAt: releaseTime(now, defaultQuiet),
      });
      if (welcomed > 0) ctx.poke();
      return { accepted: list.length, welcomed, invalid };
    },
  );
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
/** A small bilingual page; with `action`, a button that POSTs there (the opt-out confirmation). */
const page = (title: string, english: string, text: string, action?: string) =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
  `<title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:32em;margin:2em auto">` +
  `<h1>${escapeHtml(title)}</h1><p lang="en">${escapeHtml(english)}</p><p>${escapeHtml(text)}</p>` +
  (action
    ? `<form method="post" action="${escapeHtml(action)}"><button type="submit">Từ chối nhận tin / Unsubscribe</button></form>`
    : "") +
  "</body></html>";
