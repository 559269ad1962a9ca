import { describe, expect, it } from "vitest";
import { fieldErrors, ProblemError, problems, problemType, toProblem } from "./errors.ts";

describe("toProblem", () => {
  it("keeps a ProblemError's fields, extensions and headers", () => {
    const error = new ProblemError(409, {
      type: problemType("duplicate-key"),
      title: "Duplicate diagnosis key",
      detail: "This key was already submitted",
      extra: { keyIndex: 3 },
      headers: { "retry-after": "5" },
    });
    expect(toProblem(error)).toEqual({
      problem: {
        type: "urn:bluezone:problem:duplicate-key",
        title: "Duplicate diagnosis key",
        status: 409,
        detail: "This key was already submitted",
        keyIndex: 3,
      },
      headers: { "retry-after": "5" },
    });
  });

  it("defaults type to about:blank and title to the status text", () => {
    expect(new ProblemError(404).toProblem()).toEqual({
      type: "about:blank",
      title: "Not Found",
      status: 404,
    });
    expect(problems.unauthorized().headers).toEqual({ "www-authenticate": "Bearer" });
  });

  it("turns validation errors into 400 with one entry per failing field", () => {
    const error = Object.assign(new Error("body/a must be string"), {
      statusCode: 400,
      code: "FST_ERR_VALIDATION",
      validationContext: "body",
      validation: [
        {
          instancePath: "/keys/0/keyData",
          keyword: "minLength",
          params: { limit: 24 },
          message: "too short",
        },
        {
          instancePath: "",
          keyword: "required",
          params: { missingProperty: "hmacKey" },
          message: "required",
        },
      ],
    });
    const { problem } = toProblem(error);
    expect(problem.status).toBe(400);
    expect(problem.type).toBe("urn:bluezone:problem:validation");
    expect(problem.errors).toEqual([
      { in: "body", pointer: "#/keys/0/keyData", detail: "too short" },
      { in: "body", pointer: "#/hmacKey", detail: "required" },
    ]);
    expect(problem.detail).toBe("body/keys/0/keyData too short; body/hmacKey required");
  });

  it("maps Fastify's body errors to 413, 415 and 400", () => {
    expect(
      toProblem({ code: "FST_ERR_CTP_BODY_TOO_LARGE", statusCode: 413, message: "too large" }).problem,
    ).toMatchObject({ status: 413, type: "urn:bluezone:problem:body-too-large" });
    expect(toProblem({ code: "FST_ERR_CTP_INVALID_MEDIA_TYPE", statusCode: 415 }).problem.status).toBe(415);
    expect(toProblem({ code: "FST_ERR_CTP_INVALID_JSON_BODY", statusCode: 400 }).problem.status).toBe(400);
  });

  it("keeps the message of other 4xx errors", () => {
    expect(toProblem({ statusCode: 405, message: "Method not allowed here" }).problem).toEqual({
      type: "about:blank",
      title: "Method Not Allowed",
      status: 405,
      detail: "Method not allowed here",
    });
  });

  it("never leaks internals of unexpected errors", () => {
    const error = new Error('relation "secret_table" does not exist at /srv/app/store.ts:12');
    const { problem } = toProblem(error);
    expect(problem).toEqual({
      type: "about:blank",
      title: "Internal Server Error",
      status: 500,
      detail: "An unexpected error occurred.",
    });
    expect(JSON.stringify(toProblem("a string thrown").problem)).not.toContain("string thrown");
    expect(toProblem({ statusCode: 503, message: "pool exhausted at 10.0.0.5" }).problem.detail).toBe(
      "An unexpected error occurred.",
    );
  });
});

describe("fieldErrors", () => {
  it("points at additional properties", () => {
    expect(
      fieldErrors(
        [
          {
            instancePath: "/a",
            keyword: "additionalProperties",
            params: { additionalProperty: "x" },
            message: "no",
          },
        ],
        "querystring",
      ),
    ).toEqual([{ in: "querystring", pointer: "#/a/x", detail: "no" }]);
  });
});
