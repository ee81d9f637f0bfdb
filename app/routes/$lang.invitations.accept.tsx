// Accepting an invitation to edit an organisation, from the link in the mail: only the invited
// address may accept it, once.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { z } from "zod";
import { FormAlert } from "~/components/ui/field.tsx";
import { useAppForm } from "~/components/ui/form.ts";
import { requireUser } from "~/modules/auth/guards.server.ts";
import { localePath } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";
import { handleForm, httpError, orErrorPage } from "~/utils/http.server.ts";
import { acceptInvitation, previewInvitation } from "~/modules/organisations/service.server.ts";
import { requiredText } from "~/utils/forms.ts";

export const handle: TranslatedHandle = { i18n: ["auth", "organisations"] };

const acceptSchema = z.object({ token: requiredText(100) });

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "organisations:invitation.title") },
];

function tokenFrom(request: Request): string {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  if (!token || token.length > 100) throw httpError(400, "organisations:invitation.invalid");
  return token;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireLocale(params);
  const { user } = requireUser(context, request);
  const token = tokenFrom(request);
  const invitation = await orErrorPage(previewInvitation(token, user));
  return { token, organisationName: invitation.organisationName };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  return handleForm(
    request,
    acceptSchema,
    async ({ token }) => {
      const { slug } = await acceptInvitation(token, user);
      return redirect(localePath(locale, `/organisations/${slug}`));
    },
    { hideFields: ["token"] },
  );
}

export default function AcceptInvitation() {
  const { t } = useTranslation("organisations");
  const { token, organisationName } = useLoaderData<typeof loader>();
  const [form] = useAppForm<typeof acceptSchema>(
    {},
    { id: "accept", answer: useActionData<typeof action>() },
  );
  const busy = useNavigation().state === "submitting";
  return (
    <section className="narrow stack" aria-labelledby="invitation-title">
      <h1 id="invitation-title">{t("invitation.title")}</h1>
      <FormAlert errors={form.errors} />
      <p>{t("invitation.intro", { organisation: organisationName })}</p>
      <Form method="post" id={form.id} onSubmit={form.onSubmit}>
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="button" disabled={busy}>
          {t("invitation.accept")}
        </button>
      </Form>
    </section>
  );
}
