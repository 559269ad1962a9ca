// Demo mode for `npm start`: accounts with generated passwords (and, as features arrive, signing keys
// and demo data) created on first start so a new user sees a working system.
export { DEMO_ACCOUNT_SPECS, type DemoAccount, demoPassword, ensureDemoAccounts } from "./accounts.ts";
export { type CampaignDemoResult, ensureCampaignDemo } from "./campaign.ts";
