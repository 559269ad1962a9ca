// The one list of the app's pages. The router, the header nav, the home page's service links and the
// sign-in page's "your tools" all come from it: a new page is one line here (plus its nav label in i18n).
import { lazy } from "preact-iso";
import type { PageEntry } from "./nav.ts";
import { HomePage } from "./pages/home.tsx";

export const PAGES: readonly PageEntry[] = [
  { path: "/", label: "nav.home", component: HomePage, audience: "citizen" },
  // Citizen pages to come, one line each: check-in by camera, health declaration, exposure status, guidance.
  {
    path: "/declaration",
    label: "nav.declaration",
    component: lazy(() => import("./pages/declaration.tsx").then((m) => m.DeclarationPage)),
    audience: "citizen",
  },
  {
    path: "/declaration/history",
    label: "nav.declarationHistory",
    component: lazy(() => import("./pages/declaration-history.tsx").then((m) => m.DeclarationHistoryPage)),
    audience: "citizen",
  },
  {
    path: "/officials/codes",
    label: "nav.issueCode",
    component: lazy(() => import("./pages/issue-code.tsx").then((m) => m.IssueCodePage)),
    audience: "official",
    roles: ["health_authority"],
  },
  {
    path: "/officials/declarations",
    label: "nav.declarationStats",
    component: lazy(() => import("./pages/declaration-stats.tsx").then((m) => m.DeclarationStatsPage)),
    audience: "official",
    roles: ["national", "province", "commune", "health_authority"],
  },
  {
    path: "/officials/campaign",
    label: "nav.campaign",
    component: lazy(() => import("./pages/campaign-dashboard.tsx").then((m) => m.CampaignDashboardPage)),
    audience: "official",
    roles: ["national", "province", "commune"],
  },
  {
    path: "/officials/campaign/subscribers",
    label: "nav.campaignSubscribers",
    component: lazy(() => import("./pages/campaign-subscribers.tsx").then((m) => m.CampaignSubscribersPage)),
    audience: "official",
    roles: ["national", "province"],
  },
  {
    path: "/officials/campaign/targets",
    label: "nav.campaignTargets",
    component: lazy(() => import("./pages/campaign-targets.tsx").then((m) => m.CampaignTargetsPage)),
    audience: "official",
    roles: ["national", "province"],
  },
  // Officials' pages to come: venues, outreach campaigns.
];
