// Demo mode for `npm start`: accounts with generated passwords (and, as features arrive, signing keys
// and demo data) created on first start so a new user sees a working system.

// The health authority's sealing key for staff-assisted check-ins (private key written to DATA_DIR).
export { ensureAssistedSealingKey, SEALING_KEY_FILE } from "../checkin/index.ts";
export { DEMO_ACCOUNT_SPECS, type DemoAccount, demoPassword, ensureDemoAccounts } from "./accounts.ts";
export { type CampaignDemoResult, ensureCampaignDemo } from "./campaign.ts";
