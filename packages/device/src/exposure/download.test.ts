import { describe, expect, it } from "vitest";
import type { ExposureSourceConfig } from "../config.ts";
import { ExportRejectedError } from "../errors.ts";
import { exportFileUrl, indexUrl, parseIndex } from "./download.ts";

const source: ExposureSourceConfig = {
  blobBaseUrl: "https://cdn.example/x",
  region: "exposureKeyExport-VN",
  publicKeys: [],
};

describe("export index", () => {
  it("lists zip paths, skipping blanks and comments", () => {
    expect(parseIndex("exposureKeyExport-VN/1-1-of-1.zip\r\n\n# note\n  2.zip \n")).toEqual([
      "exposureKeyExport-VN/1-1-of-1.zip",
      "2.zip",
    ]);
  });

  it("resolves paths against the blob store and the region folder", () => {
    expect(indexUrl(source)).toBe("https://cdn.example/x/exposureKeyExport-VN/index.txt");
    expect(exportFileUrl(source, "exposureKeyExport-VN/1.zip")).toBe(
      "https://cdn.example/x/exposureKeyExport-VN/1.zip",
    );
    expect(exportFileUrl(source, "2.zip")).toBe("https://cdn.example/x/exposureKeyExport-VN/2.zip");
  });

  it("refuses an index pointing outside the blob store", () => {
    for (const bad of ["https://evil.example/a.zip", "/etc/passwd", "a/../../b.zip", "javascript:alert(1)"]) {
      expect(() => parseIndex(bad)).toThrow(ExportRejectedError);
    }
  });
});
