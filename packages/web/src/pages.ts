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
    path: "/cai-dat",
    label: "nav.install",
    component: lazy(() => import("./pages/install.tsx").then((m) => m.InstallPage)),
    audience: "citizen",
  },
  {
    path: "/tai-lieu",
    label: "nav.materials",
    component: lazy(() => import("./pages/materials.tsx").then((m) => m.MaterialsPage)),
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
  {
    path: "/officials/materials",
    label: "nav.materialsAdmin",
    component: lazy(() => import("./pages/materials-admin.tsx").then((m) => m.MaterialsAdminPage)),
    audience: "official",
    roles: ["national", "province"],
  },
  {
    path: "/officials/outreach",
    label: "nav.outreachCampaigns",
    component: lazy(() => import("./pages/outreach-campaigns.tsx").then((m) => m.OutreachCampaignsPage)),
    audience: "official",
    roles: ["national", "province", "commune"],
  },
  {
    path: "/c/",
    label: "nav.checkin",
    component: lazy(() => import("./pages/checkin.tsx").then((m) => m.CheckInPage)),
    audience: "citizen",
    hidden: true,
  },
  {
    path: "/c/scan",
    label: "nav.checkinScan",
    component: lazy(() => import("./pages/checkin.tsx").then((m) => m.ScanPage)),
    audience: "citizen",
  },
  {
    path: "/checkins",
    label: "nav.checkins",
    component: lazy(() => import("./pages/checkins.tsx").then((m) => m.CheckInsPage)),
    audience: "citizen",
  },
  {
    path: "/officials/venues",
    label: "nav.venues",
    component: lazy(() => import("./pages/venues.tsx").then((m) => m.VenuesPage)),
    audience: "official",
    roles: ["national", "province", "commune", "health_authority", "venue_owner"],
  },
  {
    path: "/officials/venues/:id",
    label: "nav.venues",
    component: lazy(() => import("./pages/venues.tsx").then((m) => m.VenueDetailPage)),
    audience: "official",
    roles: ["national", "province", "commune", "health_authority", "venue_owner"],
    hidden: true,
  },
  {
    // Door staff sign in, or give the venue's tracing code on the page: not behind RequireRole.
    path: "/officials/venues/:id/assisted",
    label: "nav.assistedEntry",
    component: lazy(() => import("./pages/assisted-entry.tsx").then((m) => m.AssistedEntryPage)),
    audience: "citizen",
    hidden: true,
  },
  {
    path: "/officials/assisted-records",
    label: "nav.assistedRecords",
    component: lazy(() => import("./pages/assisted-records.tsx").then((m) => m.AssistedRecordsPage)),
    audience: "official",
    roles: ["national", "health_authority"],
  },
];
