// Reads the organisation form, which may carry a logo: multipart with a limit per part, so a file over
// 1 MB is refused with 413 while it streams in, instead of being held in memory whole. Also gathers what
// the form shows: municipalities, their centroids and the pin picker's base map.
import {
  json,
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers as composeUploadHandlers,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
import type { z } from "zod";
import type { Locale } from "~/modules/i18n/config.ts";
import { euregioBounds, memberLabels } from "~/modules/map/basemap.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { isAppError } from "~/utils/errors.ts";
import { parseForm } from "~/utils/forms.ts";
import type { ActionFailure } from "~/utils/http.server.ts";
import { MAX_LOGO_BYTES } from "./logo.server.ts";
import { groupMunicipalities } from "./municipality.ts";
import { listMunicipalities } from "./service.server.ts";

const MAX_TEXT_PART_BYTES = 64 * 1024;

const uploadHandler = composeUploadHandlers(
  createMemoryUploadHandler({
    maxPartSize: MAX_LOGO_BYTES,
    filter: ({ name, filename }) => name === "logo" && typeof filename === "string",
  }),
  createMemoryUploadHandler({
    maxPartSize: MAX_TEXT_PART_BYTES,
    filter: ({ filename }) => filename === undefined,
  }),
);

async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (type.startsWith("multipart/form-data")) return parseMultipartFormData(request, uploadHandler);
  return request.formData();
}

/** What was typed, so a page reloaded without JavaScript shows it again; never the file. */
function submittedText(formData: FormData): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string") text[key] = value;
  return text;
}

function refuse(
  status: number,
  messageKey: string,
  fieldErrors: Record<string, string> = {},
  submitted: Record<string, string> = {},
) {
  return json<ActionFailure & { submitted: Record<string, string> }>(
    { ok: false, formError: messageKey, fieldErrors, submitted },
    { status },
  );
}

/** Like handleForm, and hands the body the logo's bytes, or null when no file was chosen. */
export async function handleOrganisationForm<S extends z.ZodType, R>(
  request: Request,
  schema: S,
  body: (input: z.output<S>, logo: Uint8Array | null) => Promise<R>,
) {
  let formData: FormData;
  try {
    formData = await readForm(request);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return error.field === "logo"
        ? refuse(413, "common:validation.formHasErrors", { logo: "organisations:logo.tooLarge" })
        : refuse(413, "common:errors.badRequestText");
    }
    return refuse(400, "common:errors.badRequestText");
  }
  const parsed = parseForm(schema, formData);
  if (!parsed.ok)
    return refuse(400, "common:validation.formHasErrors", parsed.fieldErrors, submittedText(formData));
  const file = formData.get("logo");
  const logo = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
  try {
    return await body(parsed.data, logo);
  } catch (error) {
    if (isAppError(error))
      return refuse(error.status, error.messageKey, error.fieldErrors, submittedText(formData));
    throw error;
  }
}

/** The selects' options, each municipality's centroid (where the pin starts) and the map. */
export async function organisationFormOptions(locale: Locale) {
  const municipalities = await listMunicipalities();
  const styleUrl = getEnv().MAP_STYLE_URL ?? null;
  return {
    municipalities: groupMunicipalities(municipalities, locale),
    location: {
      centroids: Object.fromEntries(municipalities.map(({ code, lat, lon }) => [code, { lat, lon }])),
      // A provider's style brings its own place names.
      map: { styleUrl, bounds: euregioBounds, labels: styleUrl ? [] : await memberLabels(locale) },
    },
  };
}
