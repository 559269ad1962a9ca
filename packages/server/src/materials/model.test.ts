import { describe, expect, it } from "vitest";
import {
  bytesMatchType,
  contentDisposition,
  materialTypeOf,
  parseRange,
  safeFileName,
  uploadFields,
} from "./model.ts";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe("material types", () => {
  it("allows pdf, images, mp4/webm and docx/xlsx/pptx only", () => {
    expect(materialTypeOf("application/pdf")).toBe("pdf");
    expect(materialTypeOf("IMAGE/PNG")).toBe("image");
    expect(materialTypeOf("video/webm; codecs=vp9")).toBe("video");
    expect(materialTypeOf("application/vnd.openxmlformats-officedocument.presentationml.presentation")).toBe(
      "office",
    );
    for (const bad of ["text/html", "image/svg+xml", "application/zip", "application/x-msdownload", ""]) {
      expect(materialTypeOf(bad), bad).toBeNull();
    }
  });

  it("checks the first bytes against the declared type", () => {
    expect(bytesMatchType("application/pdf", bytes("%PDF-1.7"))).toBe(true);
    expect(bytesMatchType("application/pdf", bytes("<html>"))).toBe(false);
    expect(bytesMatchType("image/png", bytes([0x89], "PNG", [13, 10, 26, 10]))).toBe(true);
    expect(bytesMatchType("image/jpeg", bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(bytesMatchType("image/webp", bytes("RIFF", [0, 0, 0, 0], "WEBP"))).toBe(true);
    expect(bytesMatchType("video/mp4", bytes([0, 0, 0, 0x18], "ftypmp42"))).toBe(true);
    expect(bytesMatchType("video/webm", bytes([0x1a, 0x45, 0xdf, 0xa3]))).toBe(true);
    expect(
      bytesMatchType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        bytes("PK", [3, 4]),
      ),
    ).toBe(true);
    expect(bytesMatchType("video/mp4", bytes("%PDF-"))).toBe(false);
    expect(bytesMatchType("text/html", bytes("PK", [3, 4]))).toBe(false);
  });
});

describe("file names", () => {
  it("drops paths and control characters and keeps Vietnamese", () => {
    expect(safeFileName("C:\\Users\\x\\Hướng dẫn cài đặt.pdf")).toBe("Hướng dẫn cài đặt.pdf");
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName('a"b\u0000\nc.pdf')).toBe("abc.pdf");
    expect(safeFileName("...")).toBe("tai-lieu");
  });

  it("writes Content-Disposition with an ASCII fallback and the UTF-8 name", () => {
    expect(contentDisposition("Hướng dẫn Đăng ký.pdf")).toBe(
      `attachment; filename="Huong dan Dang ky.pdf"; filename*=UTF-8''H%C6%B0%E1%BB%9Bng%20d%E1%BA%ABn%20%C4%90%C4%83ng%20k%C3%BD.pdf`,
    );
  });
});

describe("parseRange", () => {
  it("reads single byte ranges and refuses what cannot be served", () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange("bytes=0-9", 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange("bytes=90-", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=-10", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=50-500", 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange("bytes=100-", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=9-3", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=0-1,5-6", 100)).toBeNull();
    expect(parseRange("items=0-1", 100)).toBeNull();
  });
});

describe("uploadFields", () => {
  it("trims, requires the Vietnamese title and refuses unknown fields", () => {
    expect(uploadFields({ titleVi: " Hướng dẫn ", unitCode: "01" })).toEqual({
      ok: { titleVi: "Hướng dẫn", titleEn: null, description: "", unitCode: "01" },
    });
    expect(uploadFields({ titleVi: "" })).toEqual({ problems: ["titleVi is required"] });
    expect(uploadFields({ titleVi: "x", owner: "y", unitCode: "abc" })).toEqual({
      problems: ["unknown field owner", "unitCode must be a unit code"],
    });
    expect("problems" in uploadFields({ titleVi: "x".repeat(201) })).toBe(true);
  });
});
