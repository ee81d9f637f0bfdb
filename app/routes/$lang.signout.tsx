// Sign-out from this device or from all devices (POST only).
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getAuth } from "~/modules/auth/guards.server.ts";
import {
  blankSessionCookie,
  invalidateSession,
  invalidateUserSessions,
} from "~/modules/auth/session.server.ts";
import { localePath } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { handleForm, httpError } from "~/utils/http.server.ts";

const signOutSchema = z.object({ scope: z.enum(["this", "all"]).default("this") });

export function loader() {
  throw httpError(405, "common:errors.badRequestText");
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const answer = await handleForm(request, signOutSchema, async ({ scope }) => {
    const auth = getAuth(context);
    if (auth && scope === "all") await invalidateUserSessions(auth.user.id);
    else if (auth) await invalidateSession(auth.sessionId);
    return redirect(localePath(locale), { headers: { "Set-Cookie": blankSessionCookie() } });
  });
  // A route without a page answers a refusal as plain JSON (React Router 7 needs a Response here).
  if ("data" in answer) return Response.json(answer.data, answer.init ?? undefined);
  return answer;
}
