import { describe, expect, it } from "vitest";
import { textArrayLiteral } from "./sql.ts";

describe("textArrayLiteral", () => {
  it("quotes every element and escapes quotes and backslashes", () => {
    expect(textArrayLiteral([])).toBe("{}");
    expect(textArrayLiteral(["00004", "VN"])).toBe('{"00004","VN"}');
    expect(textArrayLiteral(['a"b', "c\\d", "e,f", "NULL"])).toBe('{"a\\"b","c\\\\d","e,f","NULL"}');
  });
});
