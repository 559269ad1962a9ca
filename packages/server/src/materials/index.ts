// Guidance materials (/tai-lieu): files and videos officials upload (blob store + metadata table), which
// citizens list and download. Uploads and deletions are scoped by unit and audited.
import { defineFeature } from "../platform/feature.ts";
import { materialsEnv } from "./config.ts";
import { registerMaterialRoutes } from "./routes.ts";

export { materialsEnv } from "./config.ts";
export { MATERIAL_TYPES, type MaterialType, materialTypeOf } from "./model.ts";
export { materials } from "./tables.ts";

export const materialsFeature = defineFeature({
  name: "materials",
  env: materialsEnv,
  async register(app, deps) {
    await registerMaterialRoutes(app, deps);
  },
});
