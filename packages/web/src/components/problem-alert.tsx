// Shows a failed API call (or any error) to the user as an alert, translated when we know its problem type.
import { ApiError } from "../api/client.ts";
import { describeProblem, type Problem } from "../api/problem.ts";
import { useI18n } from "../i18n/context.ts";
import { lookup } from "../i18n/index.ts";

function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  // A bug on this side, not an answer from the server: say "something went wrong" in the user's language.
  return { type: "about:blank", title: "", status: 500 };
}

export function ProblemAlert({ error }: { error: unknown }) {
  const { i18n } = useI18n();
  const text = describeProblem(problemOf(error), (key) => lookup(i18n, key));
  return (
    <div class="alert alert-error" role="alert">
      <strong>{text.title}</strong>
      {text.detail ? <p>{text.detail}</p> : null}
    </div>
  );
}
