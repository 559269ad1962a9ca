// The agency officer's view: GET /v1/campaign/agency answers the officer's own agency with its staff compliance.
// An agency officer's account is scoped to its agency's join code (the account's unit code); it sees nothing else.
import { currentAccount, requireRole } from "../auth/guard.ts";
import { problems } from "../platform/errors.ts";
import type { App } from "../platform/feature.ts";
import { complianceOf, getAgencyByJoinCode } from "./agencies.ts";
import type { CampaignContext } from "./context.ts";
import { normalizeJoinCode } from "./identity.ts";
import { AgencyView } from "./schemas.ts";

export function registerAgencyOfficerRoutes(app: App, ctx: CampaignContext): void {
  app.get(
    "/v1/campaign/agency",
    {
      preHandler: requireRole("agency"),
      schema: {
        tags: ["campaign"],
        summary:
          "The signed-in agency officer's own agency: headcount, joined staff and compliance vs target",
        security: [{ bearer: [] }],
        response: { 200: AgencyView },
      },
    },
    async (request) => {
      const joinCode = normalizeJoinCode(currentAccount(request).unitCode ?? "");
      const agency = joinCode === null ? undefined : await getAgencyByJoinCode(ctx.db, joinCode);
      if (!agency) throw problems.notFound("Your account's agency code matches no registered agency");
      return complianceOf(agency, ctx.config.agencyTargetPercent * 100);
    },
  );
}
