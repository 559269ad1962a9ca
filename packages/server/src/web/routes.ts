// GET /* of the web feature: files of the built app from the dist directory (hashed assets cached for a year,
// the rest revalidated), index.html for the app's own routes, the "not built" page when there is no build.
import { stat } from "node:fs/promises";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { App } from "../platform/feature.ts";
import { CACHE_REVALIDATE, notBuiltPage, webTarget } from "./model.ts";

export interface WebRoutesOptions {
  /** Absolute path of the built app (WEB_DIST_DIR). */
  distDir: string;
  /** Whether the site is served over https (then the page's CSP upgrades insecure requests). */
  https: boolean;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function registerWebRoutes(app: App, options: WebRoutesOptions): Promise<void> {
  const { distDir } = options;
  // Only the reply.sendFile decorator: the routing (and the SPA fallback) is ours.
  await app.register(fastifyStatic, { serve: false });

  app.get(
    "/*",
    {
      schema: { hide: true },
      // Helmet's default CSP plus blob: images (QR codes, camera frames); upgrade-insecure-requests only on
      // https, so a demo opened over http on a LAN address still loads its scripts.
      config: {
        securityHeaders: {
          contentSecurityPolicy: {
            directives: {
              "img-src": ["'self'", "data:", "blob:"],
              // libsodium (sealed boxes of staff-assisted check-ins) compiles its WebAssembly module.
              "script-src": ["'self'", "'wasm-unsafe-eval'"],
              "upgrade-insecure-requests": options.https ? [] : null,
            },
          },
        },
      },
    },
    async (request, reply) => {
      const target = webTarget(request.url);
      if (target.kind === "server" || target.kind === "invalid") return reply.callNotFound();
      if (target.kind === "file") {
        if (!(await isFile(join(distDir, target.file)))) return reply.callNotFound();
        reply.header("cache-control", target.cacheControl);
        return reply.sendFile(target.file, distDir, { cacheControl: false, dotfiles: "deny" });
      }
      reply.header("cache-control", CACHE_REVALIDATE);
      if (!(await isFile(join(distDir, "index.html")))) {
        return reply.type("text/html; charset=utf-8").send(notBuiltPage());
      }
      return reply.sendFile("index.html", distDir, { cacheControl: false });
    },
  );
}
