// RFC 9457 problem+json on the client, pure: parse any error response into a Problem, and describe it to the
// user in their language when we have a translation for its type (else the server's own title/detail).

/** Problem type URIs of this API are URNs under this prefix (server: platform/errors.ts problemType). */
export const PROBLEM_TYPE_PREFIX = "urn:bluezone:problem:";

/** One failing input field of a validation problem. */
export interface FieldError {
  in: string;
  pointer: string;
  detail: string;
}

export interface Problem {
  type: string;
  title: string;
  /** HTTP status; 0 when the request never got an answer (network error). */
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** "urn:bluezone:problem:invalid-credentials" -> "invalid-credentials"; undefined for other types. */
export function problemSlug(type: string): string | undefined {
  if (!type.startsWith(PROBLEM_TYPE_PREFIX)) return undefined;
  const slug = type.slice(PROBLEM_TYPE_PREFIX.length);
  return /^[a-z0-9][a-z0-9-]*$/.test(slug) ? slug : undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function fieldErrors(value: unknown): FieldError[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const errors = value.filter(
    (e): e is FieldError =>
      isObject(e) &&
      typeof e.in === "string" &&
      typeof e.pointer === "string" &&
      typeof e.detail === "string",
  );
  return errors.length > 0
    ? errors.map(({ in: location, pointer, detail }) => ({ in: location, pointer, detail }))
    : undefined;
}

/**
 * The problem an error response stands for. A problem+json (or JSON with a title) body is used as sent,
 * with its members type-checked; anything else (HTML from a proxy, empty body) becomes an about:blank
 * problem with the HTTP status text.
 */
export function parseProblem(
  status: number,
  statusText: string,
  contentType: string | null,
  body: string,
): Problem {
  const fallback: Problem = { type: "about:blank", title: statusText || `HTTP ${status}`, status };
  if (!/\bjson\b/i.test(contentType ?? "")) return fallback;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return fallback;
  }
  if (!isObject(parsed)) return fallback;
  const problem: Problem = {
    ...parsed,
    type: typeof parsed.type === "string" && parsed.type !== "" ? parsed.type : "about:blank",
    title: typeof parsed.title === "string" && parsed.title !== "" ? parsed.title : fallback.title,
    status,
  };
  if (typeof parsed.detail === "string") problem.detail = parsed.detail;
  else delete problem.detail;
  if (typeof parsed.instance !== "string") delete problem.instance;
  const errors = fieldErrors(parsed.errors);
  if (errors) problem.errors = errors;
  else delete problem.errors;
  return problem;
}

/** The problem of a request that got no answer (offline, DNS, connection refused, CORS). */
export function networkProblem(message?: string): Problem {
  return {
    type: `${PROBLEM_TYPE_PREFIX}network`,
    title: "Network error",
    status: 0,
    ...(message ? { detail: message } : {}),
  };
}

/** What to show the user: a title and an optional detail. */
export interface ProblemText {
  title: string;
  detail?: string;
}

/**
 * Describes a problem in the user's language. `translate` returns the text of a key ("problem.<slug>.title",
 * "problem.<slug>.detail") or undefined when there is none. A translated title comes with the translated
 * detail (or none, never the server's English detail under a Vietnamese title); 5xx problems without their
 * own translation use "problem.server"; untranslated problems show the server's title and detail.
 */
export function describeProblem(
  problem: Problem,
  translate: (key: string) => string | undefined,
): ProblemText {
  const candidates = [
    problemSlug(problem.type),
    problem.status >= 500 || problem.status === 0 ? "server" : undefined,
  ];
  if (problem.status === 0) candidates.unshift("network");
  for (const slug of candidates) {
    if (!slug) continue;
    const title = translate(`problem.${slug}.title`);
    if (title === undefined) continue;
    const detail = translate(`problem.${slug}.detail`);
    return detail === undefined ? { title } : { title, detail };
  }
  const title = problem.title || translate("problem.fallback.title") || "Error";
  return problem.detail ? { title, detail: problem.detail } : { title };
}
