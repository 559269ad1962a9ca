import { describe, expect, it } from "vitest";
import { planRound } from "./planning.ts";
import type { CampaignRow } from "./store.ts";

const local = (text: string) => new Date(`${text}+07:00`);
const campaign = (over: Partial<CampaignRow> = {}): CampaignRow => ({
  id: 12,
  name: "Nhắc cài đặt",
  channel: "sms",
  audienceKind: "list",
  unitCode: "01",
  template: "{{unit}} đề nghị bạn cài Bluezone: {{link}}",
  subject: null,
  zaloTemplateId: null,
  startAt: local("2026-03-02T09:00:00"),
  quietStartMinute: 21 * 60,
  quietEndMinute: 7 * 60,
  repeatEveryDays: 7,
  stopAt: null,
  maxMessages: 3,
  status: "running",
  roundsPlanned: 0,
  nextRoundAt: local("2026-03-02T09:00:00"),
  createdAt: local("2026-03-01T09:00:00"),
  ...over,
});
const ctx = (now: Date) => ({ now, unitName: "Hà Nội", publicBaseUrl: "https://bz.example" });

describe("planRound", () => {
  it("renders the unit name and the attributed link, and schedules the next round", () => {
    const plan = planRound(campaign(), ctx(local("2026-03-02T09:00:30")));
    expect(plan.round).toBe(1);
    expect(plan.payload).toEqual({
      text: "Hà Nội đề nghị bạn cài Bluezone: https://bz.example/cai-dat?src=sms-12",
    });
    expect(plan.releaseAt).toEqual(local("2026-03-02T09:00:30"));
    expect(plan.next).toEqual({ at: local("2026-03-09T09:00:00"), round: 2 });
  });

  it("numbers later rounds from next_round_at, skips missed rounds, ends at the stop date", () => {
    const c = campaign({ nextRoundAt: local("2026-03-09T09:00:00"), stopAt: local("2026-03-31T00:00:00") });
    expect(planRound(c, ctx(local("2026-03-09T09:01:00"))).round).toBe(2);
    // The scheduler was down for two weeks: round 2 goes out now, round 3 is skipped, round 4 comes next.
    const late = planRound(c, ctx(local("2026-03-17T10:00:00")));
    expect(late.round).toBe(2);
    expect(late.next).toEqual({ at: local("2026-03-23T09:00:00"), round: 4 });
    const last = planRound(
      campaign({ nextRoundAt: local("2026-03-30T09:00:00"), stopAt: local("2026-03-31T00:00:00") }),
      ctx(local("2026-03-30T09:00:00")),
    );
    expect(last.round).toBe(5);
    expect(last.next).toBeNull();
  });

  it("holds a round due in quiet hours until they end; Zalo and e-mail payloads", () => {
    const night = planRound(
      campaign({ startAt: local("2026-03-02T22:00:00"), nextRoundAt: local("2026-03-02T22:00:00") }),
      ctx(local("2026-03-02T22:00:00")),
    );
    expect(night.releaseAt).toEqual(local("2026-03-03T07:00:00"));
    const zalo = planRound(
      campaign({ channel: "zalo", zaloTemplateId: "2301" }),
      ctx(local("2026-03-02T09:00:00")),
    );
    expect(zalo.payload).toMatchObject({
      templateId: "2301",
      templateData: { unit: "Hà Nội", link: "https://bz.example/cai-dat?src=zalo-12" },
    });
    const email = planRound(
      campaign({ channel: "email", subject: "Cài Bluezone" }),
      ctx(local("2026-03-02T09:00:00")),
    );
    expect(email.payload).toMatchObject({ subject: "Cài Bluezone" });
  });
});
