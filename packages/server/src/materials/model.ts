// Pure rules of guidance materials: the content-type allow-list checked against the file's first bytes,
// file names safe for Content-Disposition, and single byte ranges (video seeking).

const OFFICE = "application/vnd.openxmlformats-officedocument";
/** Allowed content types per material type. */
export const MATERIAL_TYPES = {
  pdf: ["application/pdf"],
  image: ["image/png", "image/jpeg", "image/webp"],
  video: ["video/mp4", "video/webm"],
  office: [
    `${OFFICE}.wordprocessingml.document`,
    `${OFFICE}.spreadsheetml.sheet`,
    `${OFFICE}.presentationml.presentation`,
  ],
} as const;
export type MaterialType = keyof typeof MATERIAL_TYPES;
export const MATERIAL_TYPE_NAMES = Object.keys(MATERIAL_TYPES) as MaterialType[];

/** The material type of an allowed content type (parameters ignored), else null. */
export function materialTypeOf(contentType: string): MaterialType | null {
  const bare = contentType.split(";")[0]!.trim().toLowerCase();
  for (const type of MATERIAL_TYPE_NAMES) {
    if ((MATERIAL_TYPES[type] as readonly string[]).includes(bare)) return type;
  }
  return null;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Whether the file's first bytes are what its declared (allowed) content type says. */
export function bytesMatchType(contentType: string, bytes: Uint8Array): boolean {
  const bare = contentType.split(";")[0]!.trim().toLowerCase();
  switch (bare) {
    case "application/pdf":
      return startsWith(bytes, ascii("%PDF-"));
    case "image/png":
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case "image/jpeg":
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case "image/webp":
      return startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8);
    case "video/mp4":
      return startsWith(bytes, ascii("ftyp"), 4);
    case "video/webm":
      return startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3]);
    default:
      // docx / xlsx / pptx are zip containers.
      return materialTypeOf(bare) === "office" && startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
  }
}

/** A file name to store and offer: no path, no control characters, at most 120 characters, never empty. */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/\p{Cc}|"/gu, "")
    .trim()
    .replace(/^\.+/, "");
  return cleaned.slice(-120) || "tai-lieu";
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 8187). */
export function contentDisposition(fileName: string, kind: "attachment" | "inline" = "attachment"): string {
  const fallback = fileName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]|[\\;]/g, "_");
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export type ByteRange = { start: number; end: number };

/**
 * A single `Range: bytes=` header against a body of `size` bytes: the range (inclusive end), "unsatisfiable"
 * (answer 416), or null to send the whole body (no header, several ranges, or a malformed one).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | "unsatisfiable" | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}

export interface UploadFields {
  titleVi: string;
  titleEn: string | null;
  description: string;
  unitCode: string | null;
}

const LIMITS = { titleVi: 200, titleEn: 200, description: 2000 } as const;

/** The text fields of a multipart upload, trimmed and NFC, or the list of what is wrong with them. */
export function uploadFields(raw: Record<string, string>): { ok: UploadFields } | { problems: string[] } {
  const problems: string[] = [];
  for (const name of Object.keys(raw)) {
    if (!["titleVi", "titleEn", "description", "unitCode"].includes(name))
      problems.push(`unknown field ${name}`);
  }
  const text = (name: keyof typeof LIMITS) => {
    const value = (raw[name] ?? "").normalize("NFC").trim();
    if (value.length > LIMITS[name]) problems.push(`${name} is longer than ${LIMITS[name]} characters`);
    return value;
  };
  const titleVi = text("titleVi");
  if (titleVi === "") problems.push("titleVi is required");
  const titleEn = text("titleEn");
  const description = text("description");
  const unitCode = (raw.unitCode ?? "").trim();
  if (unitCode !== "" && !/^[0-9]{2,5}$/.test(unitCode)) problems.push("unitCode must be a unit code");
  if (problems.length > 0) return { problems };
  return { ok: { titleVi, titleEn: titleEn || null, description, unitCode: unitCode || null } };
}
