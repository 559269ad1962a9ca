// Pure rules of serving the web app: which paths belong to the server (never the SPA fallback), which
// request is a file of the build and which a page of the app, cache headers, and the "not built" page.

/** Paths the server answers itself; a GET under them that no route matched is a 404, never index.html. */
export const SERVER_PATH_PREFIXES = ["/v1", "/docs", "/metrics", "/healthz", "/blobs"] as const;

/** Vite's output folder for content-hashed files (vite.config.ts build.assetsDir). */
export const HASHED_ASSETS_DIR = "assets";

export const CACHE_IMMUTABLE = "public, max-age=31536000, immutable";
export const CACHE_REVALIDATE = "no-cache";

export type WebTarget =
  /** Belongs to the server (API, docs, metrics, blobs): answer 404 as any unknown route. */
  | { kind: "server" }
  /** A file of the build, relative to the dist directory. */
  | { kind: "file"; file: string; cacheControl: string }
  /** A route of the single-page app: answer index.html. */
  | { kind: "page" }
  /** Not a path we could ever serve (traversal, bad encoding, dot files). */
  | { kind: "invalid" };

/** Whether `path` is `prefix` itself or under it ("/v1", "/v1/x"; not "/v1x"). */
const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

export const isServerPath = (path: string): boolean => SERVER_PATH_PREFIXES.some((p) => under(path, p));

/** Long cache for content-hashed assets (their name changes with their content), revalidation for the rest. */
export const cacheControlFor = (file: string): string =>
  file.startsWith(`${HASHED_ASSETS_DIR}/`) ? CACHE_IMMUTABLE : CACHE_REVALIDATE;

/**
 * What a GET of `url` (path and optional query) should answer. A last segment with an extension names a file
 * ("/assets/index-3f2a.js", "/manifest.webmanifest"); anything else is a page of the app ("/", "/login").
 */
export function webTarget(url: string): WebTarget {
  const rawPath = url.split(/[?#]/, 1)[0] ?? "/";
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { kind: "invalid" };
  }
  if (!path.startsWith("/") || path.includes("\0") || path.includes("\\")) return { kind: "invalid" };
  if (isServerPath(path)) return { kind: "server" };
  const segments = path.split("/").slice(1);
  if (segments.some((s) => s === ".." || s === "." || (s.startsWith(".") && s !== ""))) {
    return { kind: "invalid" };
  }
  const last = segments.at(-1) ?? "";
  if (path === "/index.html") return { kind: "page" };
  if (/\.[A-Za-z0-9]+$/.test(last)) {
    const file = segments.join("/");
    return { kind: "file", file, cacheControl: cacheControlFor(file) };
  }
  return { kind: "page" };
}

/** The page served when the web app has not been built: says how to build it (not an error). */
export function notBuiltPage(): string {
  return `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Bluezone</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
<h1>Bluezone</h1>
<p lang="vi">Ứng dụng web chưa được build. Hãy chạy <code>npm run build:web</code> rồi tải lại trang.</p>
<p lang="en">The web app has not been built yet. Run <code>npm run build:web</code>, then reload this page.</p>
<p>API: <a href="/docs">/docs</a></p>
</body>
</html>
`;
}
