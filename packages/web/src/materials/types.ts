// Shapes of the guidance-material API (server materials/schemas.ts).
export const MATERIAL_TYPES = ["pdf", "image", "video", "office"] as const;
export type MaterialType = (typeof MATERIAL_TYPES)[number];

export interface Material {
  id: string;
  titleVi: string;
  titleEn: string | null;
  description: string;
  unitCode: string | null;
  type: MaterialType;
  contentType: string;
  fileName: string;
  size: number;
  sha256: string;
  createdAt: string;
  url: string;
}

/** File types the upload form offers (the server checks them again, against the bytes). */
export const ACCEPT =
  ".pdf,.png,.jpg,.jpeg,.webp,.mp4,.webm,.docx,.xlsx,.pptx,application/pdf,image/png,image/jpeg,image/webp,video/mp4,video/webm";

/** "1,5 MB" / "1.5 MB". */
export function formatSize(bytes: number, language: "vi" | "en"): string {
  const units = ["B", "kB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const text = value.toLocaleString(language === "vi" ? "vi-VN" : "en-GB", {
    maximumFractionDigits: unit === 0 ? 0 : 1,
  });
  return `${text} ${units[unit]}`;
}
