// Reads the organisation form, which may carry a logo: multipart with a limit per part, so a file over
// 1 MB is refused with 413 while it streams in, instead of being held in memory whole. Also gathers what
// the form shows: municipalities, their centroids and the pin picker's base map.
import {
  MaxFileSizeExceededError,
  MaxFilesExceededError,
  MaxHeaderSizeExceededError,
  MaxPartsExceededError,
  MaxTotalSizeExceededError,
  parseFormData,
} from "@remix-run/form-data-parser";
import type { z } from "zod";
import type { Locale } from "~/modules/i18n/config.ts";
import { euregioBounds, memberLabels } from "~/modules/map/basemap.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { AppError } from "~/utils/errors.ts";
import { formConstraints } from "~/utils/constraints.ts";
import { handleForm } from "~/utils/http.server.ts";
import { MAX_LOGO_BYTES } from "./logo.server.ts";
import { listGazetteer, municipalityGroups } from "~/modules/places/municipalities.server.ts";
import { organisationSchema } from "./schemas.ts";

const MAX_TEXT_PART_BYTES = 64 * 1024;

class TextPartTooLarge extends Error {}

/**
 * The parser stops at the first part over 1 MB while it streams in; only a file can be that large in a
 * form a person fills in, so that is the logo. Text parts are held to 64 KB once read; files under any
 * other name are dropped.
 */
async function readForm(request: Request): Promise<FormData> {
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  if (!multipart) return request.formData();
  const formData = await parseFormData(request, { maxFileSize: MAX_LOGO_BYTES, maxFiles: 2 }, (file) =>
    file.fieldName === "logo" ? file : null,
  );
  for (const value of formData.values()) {
    if (typeof value === "string" && Buffer.byteLength(value) > MAX_TEXT_PART_BYTES)
      throw new TextPartTooLarge();
  }
  return formData;
}

function isOverLimit(error: unknown): boolean {
  return [
    TextPartTooLarge,
    MaxFilesExceededError,
    MaxHeaderSizeExceededError,
    MaxPartsExceededError,
    MaxTotalSizeExceededError,
  ].some((type) => error instanceof type);
}

/** Like handleForm, and hands the body the logo's bytes, or null when no file was chosen. */
export function handleOrganisationForm<S extends z.ZodType, R>(
  request: Request,
  schema: S,
  body: (input: z.output<S>, logo: Uint8Array | null) => Promise<R>,
) {
  return handleForm(
    request,
    schema,
    async (input, formData) => {
      const file = formData.get("logo");
      const logo = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
      return body(input, logo);
    },
    { readForm: readOrganisationForm },
  );
}

/** Reads the form; a file over 1 MB is a 413 on the logo field, other limits a 413 on the form. */
async function readOrganisationForm(request: Request): Promise<FormData> {
  try {
    return await readForm(request);
  } catch (error) {
    if (error instanceof MaxFileSizeExceededError)
      throw new AppError(
        413,
        "common:validation.formHasErrors",
        { logo: "organisations:logo.tooLarge" },
        { cause: error },
      );
    if (isOverLimit(error)) throw new AppError(413, "common:errors.badRequestText", {}, { cause: error });
    throw error;
  }
}

/** The selects' options, each municipality's centroid (where the pin starts) and the map. */
export async function organisationFormOptions(locale: Locale) {
  const [municipalities, groups] = await Promise.all([listGazetteer(), municipalityGroups(locale)]);
  const styleUrl = getEnv().MAP_STYLE_URL ?? null;
  return {
    constraints: formConstraints(organisationSchema),
    municipalities: groups,
    location: {
      centroids: Object.fromEntries(municipalities.map(({ code, lat, lon }) => [code, { lat, lon }])),
      // A provider's style brings its own place names.
      map: { styleUrl, bounds: euregioBounds, labels: styleUrl ? [] : await memberLabels(locale) },
    },
  };
}
