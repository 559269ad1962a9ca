// Pure: what a campaign's due round puts in the outbox (the message with unit name and attributed link, when it
// may go out given quiet hours, which round comes next) - and the welcome message of arrivals.
import {
  type Channel,
  campaignSource,
  installLink,
  type QuietHours,
  releaseTime,
  renderTemplate,
  roundDueAt,
} from "./model.ts";
import type { CampaignRow, RoundPlan } from "./store.ts";

const DAY_MS = 86_400_000;

/** The message payload of a template for one channel ({{optout_link}} stays for the worker to fill). */
export function messagePayload(
  channel: Channel,
  text: string,
  extra: { subject?: string | null; zaloTemplateId?: string | null; unit: string; link: string },
): Record<string, unknown> {
  if (channel === "zalo") {
    return {
      text,
      templateId: extra.zaloTemplateId ?? undefined,
      templateData: { unit: extra.unit, link: extra.link },
    };
  }
  if (channel === "email") return { text, subject: extra.subject ?? "Bluezone" };
  return { text };
}

/** The round due now for `campaign` (its number from next_round_at), and the following one after `now`. */
export function planRound(
  campaign: CampaignRow,
  context: { now: Date; unitName: string; publicBaseUrl: string },
): RoundPlan {
  const schedule = {
    startAt: campaign.startAt,
    repeatEveryDays: campaign.repeatEveryDays,
    stopAt: campaign.stopAt,
  };
  const dueAt = campaign.nextRoundAt ?? campaign.startAt;
  const round =
    campaign.repeatEveryDays && dueAt > campaign.startAt
      ? 1 + Math.round((dueAt.getTime() - campaign.startAt.getTime()) / (campaign.repeatEveryDays * DAY_MS))
      : 1;
  // Rounds missed while the scheduler was down (or the campaign paused) are skipped, not sent back to back.
  let nextRound = round + 1;
  let nextAt = roundDueAt(schedule, nextRound);
  while (nextAt && nextAt <= context.now) nextAt = roundDueAt(schedule, ++nextRound);
  const link = installLink(context.publicBaseUrl, campaignSource(campaign.channel, campaign.id));
  const text = renderTemplate(campaign.template, { unit: context.unitName, link });
  const quiet: QuietHours = { startMinute: campaign.quietStartMinute, endMinute: campaign.quietEndMinute };
  return {
    round,
    payload: messagePayload(campaign.channel, text, {
      subject: campaign.subject,
      zaloTemplateId: campaign.zaloTemplateId,
      unit: context.unitName,
      link,
    }),
    releaseAt: releaseTime(context.now, quiet),
    next: nextAt ? { at: nextAt, round: nextRound } : null,
  };
}
