// Asks for a password reset link; the answer never tells whether the address is registered.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { Field, FormAlert, Notice } from "~/components/ui/field.tsx";
import { useAppForm } from "~/components/ui/form.ts";
import { forgotPasswordSchema } from "~/modules/auth/schemas.ts";
import { requestPasswordReset } from "~/modules/auth/service.server.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";
import { formConstraints } from "~/utils/constraints.ts";
import { handleForm } from "~/utils/http.server.ts";

export const handle: TranslatedHandle = { i18n: ["auth"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "auth:forgot.title") }];

export function loader({ params }: LoaderFunctionArgs) {
  requireLocale(params);
  return { constraints: formConstraints(forgotPasswordSchema) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireLocale(params);
  return handleForm(request, forgotPasswordSchema, async ({ email }) => {
    await requestPasswordReset(email, context.clientIp);
    return { ok: true as const, email };
  });
}

export default function ForgotPassword() {
  const { t } = useTranslation("auth");
  const result = useActionData<typeof action>();
  const [form, fields] = useAppForm<typeof forgotPasswordSchema>(useLoaderData<typeof loader>().constraints, {
    id: "forgot",
    answer: result,
  });
  const busy = useNavigation().state === "submitting";
  return (
    <section className="narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t("forgot.title")}</h1>
      {result && "ok" in result ? (
        <Notice>{t("forgot.done", { email: result.email })}</Notice>
      ) : (
        <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="stack">
          <p>{t("forgot.intro")}</p>
          <FormAlert errors={form.errors} />
          <Field field={fields.email} type="email" label={t("fields.email")} autoComplete="email" />
          <button type="submit" className="button" disabled={busy}>
            {t("forgot.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}
