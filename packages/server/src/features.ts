// The feature plugins the server runs, in registration order. A new feature folder adds its
// `defineFeature(...)` export here (see platform/README.md).
import { authFeature } from "./auth/index.ts";
import { campaignFeature } from "./campaign/index.ts";
import { checkinFeature } from "./checkin/index.ts";
import { declarationFeature } from "./declaration/index.ts";
import { exportFeature } from "./export/index.ts";
import { materialsFeature } from "./materials/index.ts";
import { outreachFeature } from "./outreach/index.ts";
import { landingFeature } from "./outreach/landing.ts";
import type { Feature } from "./platform/feature.ts";
import { retentionFeature } from "./retention/index.ts";
import { submissionFeature } from "./submission/index.ts";
import { unitsFeature } from "./units/index.ts";
import { verificationFeature } from "./verification/index.ts";
import { webFeature } from "./web/index.ts";

export const features: readonly Feature[] = [
  authFeature,
  verificationFeature,
  submissionFeature,
  exportFeature,
  retentionFeature,
  unitsFeature,
  declarationFeature,
  campaignFeature,
  checkinFeature,
  outreachFeature,
  landingFeature,
  materialsFeature,
  // Keep last: its GET /* serves the web app (SPA fallback for paths no other feature claims).
  webFeature,
];
