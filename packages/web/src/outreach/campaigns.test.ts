import { describe, expect, it } from "vitest";
import {
  actionsOf,
  type CampaignForm,
  campaignRequest,
  deliverySummary,
  vietnamTimeToIso,
} from "./campaigns.ts";

const form: CampaignForm = {
  name: " Nhắc cài đặt ",
  channel: "sms",
  audienceKind: "list",
  unitCode: "01",
  template: "{{unit}}: {{link}}",
  subject: "",
  zaloTemplateId: "",
  start: "2026-03-02T09:00",
  quietStart: "21:00",
  quietEnd: "07:00",
  repeatEveryDays: "7",
  stopDay: "2026-03-31",
  maxMessages: "3",
};

describe("campaign form", () => {
  it("reads times as Vietnam time and builds the request body", () => {
    expect(vietnamTimeToIso("2026-03-02T09:00")).toBe("2026-03-02T02:00:00.000Z");
    expect(vietnamTimeToIso("02/03/2026")).toBeNull();
    expect(campaignRequest(form)).toEqual({
      body: {
        name: "Nhắc cài đặt",
        channel: "sms",
        audience: { kind: "list", unitCode: "01" },
        template: "{{unit}}: {{link}}",
        schedule: {
          startAt: "2026-03-02T02:00:00.000Z",
          quietHours: { start: "21:00", end: "07:00" },
          repeatEveryDays: 7,
          stopAt: "2026-03-31T16:59:00.000Z",
        },
        maxMessages: 3,
      },
    });
    expect(campaignRequest({ ...form, repeatEveryDays: "" })).toMatchObject({
      body: { schedule: { repeatEveryDays: null } },
    });
  });

  it("names the first problem", () => {
    expect(campaignRequest({ ...form, name: " " })).toEqual({ error: "outreach.errorName" });
    expect(campaignRequest({ ...form, start: "" })).toEqual({ error: "outreach.errorStart" });
    expect(campaignRequest({ ...form, repeatEveryDays: "0" })).toEqual({ error: "outreach.errorRepeat" });
    expect(campaignRequest({ ...form, maxMessages: "99" })).toEqual({ error: "outreach.errorMax" });
    expect(campaignRequest({ ...form, channel: "zalo" })).toEqual({ error: "outreach.errorZalo" });
    expect(campaignRequest({ ...form, stopDay: "2026-03-01" })).toEqual({ error: "outreach.errorStop" });
    expect(campaignRequest({ ...form, channel: "zalo", zaloTemplateId: "2301" })).toMatchObject({
      body: { zaloTemplateId: "2301" },
    });
  });
});

describe("figures", () => {
  it("sums sent and delivered, rates delivery only once reports arrived", () => {
    const zero = { queued: 0, sending: 0, sent: 0, delivered: 0, failed: 0, cancelled: 0 };
    expect(deliverySummary({ ...zero, queued: 5, sending: 1, sent: 4 })).toEqual({
      sent: 4,
      deliveredRate: null,
      pending: 6,
    });
    expect(deliverySummary({ ...zero, sent: 2, delivered: 6, failed: 2 })).toEqual({
      sent: 8,
      deliveredRate: 0.6,
      pending: 0,
    });
  });

  it("offers start for drafts and paused campaigns, pause while running, nothing when ended", () => {
    expect(actionsOf("draft")).toEqual(["start"]);
    expect(actionsOf("paused")).toEqual(["start"]);
    expect(actionsOf("running")).toEqual(["pause"]);
    expect(actionsOf("ended")).toEqual([]);
  });
});
