// Scoping of the officials' routes: the preHandler for campaign roles and the check that an official may see a
// unit (their own unit and below; national sees all) - 404 for unknown units, 403 outside the official's area.
import type { FastifyRequest } from "fastify";
import { currentAccount, requireRole } from "../auth/guard.ts";
import type { AuthenticatedAccount, Role } from "../auth/model.ts";
import { problems } from "../platform/errors.ts";
import { type CampaignUnit, type CampaignUnits, canView, VIEWER_ROLES } from "./units.ts";

/** preHandler: signed-in national, province or commune officials (or the given subset). */
export const officials = (...roles: Role[]) => requireRole(...(roles.length > 0 ? roles : VIEWER_ROLES));

/** The unit `code` if the request's official may see it; throws 404 / 403 otherwise. */
export function visibleUnit(
  request: FastifyRequest,
  units: CampaignUnits,
  code: string,
): { unit: CampaignUnit; account: AuthenticatedAccount } {
  const account = currentAccount(request);
  const unit = units.get(code);
  if (!unit) throw problems.notFound(`No unit with code ${code}`);
  if (!canView(units, account, code)) throw problems.forbidden("This unit is outside your area");
  return { unit, account };
}
