// @bluezone/web: the Vite + Preact PWA (built with `npm run build:web`, served by the server's web feature).
// What other packages may import: the typed API client, problem handling, translations and page rules.
export {
  ApiClient,
  type ApiClientOptions,
  ApiError,
  type FetchLike,
  type RequestOptions,
} from "./api/client.ts";
export { type BluezoneApi, bluezoneApi } from "./api/endpoints.ts";
export {
  describeProblem,
  type FieldError,
  networkProblem,
  PROBLEM_TYPE_PREFIX,
  type Problem,
  type ProblemText,
  parseProblem,
  problemSlug,
} from "./api/problem.ts";
export * from "./api/types.ts";
export {
  createI18n,
  DEFAULT_LANGUAGE,
  isLanguage,
  LANGUAGE_STORAGE_KEY,
  LANGUAGES,
  type Language,
  resources,
  storedLanguage,
} from "./i18n/index.ts";
export { SESSION_STORAGE_KEY, type Session, SessionStore } from "./session/session.ts";
