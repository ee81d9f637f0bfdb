// Organisation logos: only PNG, JPEG or WebP (told by their bytes, not their name), at most 1 MB,
// re-encoded by sharp to a WebP of at most 400×400 without metadata, so nothing a visitor uploads is
// ever served as it came in.
import sharp from "sharp";
import { AppError } from "~/utils/errors.ts";

export const MAX_LOGO_BYTES = 1024 * 1024;
const MAX_SIDE = 400;
const ACCEPTED_FORMATS = new Set(["png", "jpeg", "webp"]);

export type ProcessedLogo = {
  mimeType: string;
  width: number;
  height: number;
  data: Uint8Array<ArrayBuffer>;
};

function refuse(status: number, key: string): AppError {
  return new AppError(status, "common:validation.formHasErrors", { logo: key });
}

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

/** The format announced by the file's magic number; SVG, GIF, text and the rest are null. */
export function detectImageFormat(bytes: Uint8Array): "png" | "jpeg" | "webp" | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) {
    return "webp";
  }
  return null;
}

export async function processLogo(bytes: Uint8Array): Promise<ProcessedLogo> {
  if (bytes.byteLength > MAX_LOGO_BYTES) throw refuse(413, "organisations:logo.tooLarge");
  const announced = detectImageFormat(bytes);
  if (!announced) throw refuse(400, "organisations:logo.wrongType");
  try {
    const image = sharp(bytes, { failOn: "warning", limitInputPixels: 40_000_000 });
    const { format } = await image.metadata();
    if (!format || !ACCEPTED_FORMATS.has(format)) throw refuse(400, "organisations:logo.wrongType");
    const { data, info } = await image
      .rotate()
      .resize(MAX_SIDE, MAX_SIDE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 85 })
      .toBuffer({ resolveWithObject: true });
    return { mimeType: "image/webp", width: info.width, height: info.height, data: new Uint8Array(data) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refuse(400, "organisations:logo.corrupt");
  }
}
