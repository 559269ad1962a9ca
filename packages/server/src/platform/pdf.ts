// PDF documents in Be Vietnam Pro (full Vietnamese coverage): the fonts and the collection of pdfkit's output,
// shared by the venue posters, the install posters and the weekly report.
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

const require = createRequire(import.meta.url);
const FONT_DIR = "@expo-google-fonts/be-vietnam-pro";
/** Be Vietnam Pro font files, registered in every document under these names. */
export const FONTS = {
  regular: require.resolve(`${FONT_DIR}/400Regular/BeVietnamPro_400Regular.ttf`),
  bold: require.resolve(`${FONT_DIR}/700Bold/BeVietnamPro_700Bold.ttf`),
  italic: require.resolve(`${FONT_DIR}/400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf`),
};

export type PdfDoc = InstanceType<typeof PDFDocument>;

/** A pdfkit document with FONTS registered; `bytes` resolves with the whole file once `doc.end()` is called. */
export function createPdf(options: ConstructorParameters<typeof PDFDocument>[0]): {
  doc: PdfDoc;
  bytes: Promise<Uint8Array>;
} {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const bytes = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, file);
  return { doc, bytes };
}
