// The account page: profile, e-mail confirmation, password and e-mail changes, sign-out everywhere.
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  useParams,
  useSearchParams,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CheckboxField, Field, FormAlert, Notice, SelectField } from "~/components/ui/field.tsx";
import { requireUser } from "~/modules/auth/guards.server.ts";
import {
  changeEmailSchema,
  changePasswordSchema,
  deleteAccountSchema,
  profileSchema,
} from "~/modules/auth/schemas.ts";
import {
  changePassword,
  requestEmailChange,
  resendVerification,
  updateProfile,
} from "~/modules/auth/service.server.ts";
import { blankSessionCookie, sessionCookie } from "~/modules/auth/session.server.ts";
import { deleteAccount } from "~/modules/privacy/service.server.ts";
import { isLocale, localePath, locales } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";
import { failure, handleForm } from "~/utils/http.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "auth:account.title") }];

export function loader({ request, context, params }: LoaderFunctionArgs) {
  requireLocale(params);
  const { user } = requireUser(context, request);
  return {
    user: {
      name: user.name,
      email: user.email,
      locale: user.locale,
      role: user.role,
      emailVerified: !!user.emailVerifiedAt,
    },
  };
}

type Intent = "profile" | "password" | "email" | "resend" | "delete";

export async function action({ request, context, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  const intent = new URL(request.url).searchParams.get("intent") as Intent | null;
  const done = (notice: string, extra: Record<string, string> = {}) => ({
    ok: true as const,
    intent,
    notice,
    ...extra,
  });

  switch (intent) {
    case "profile":
      return handleForm(
        request,
        profileSchema,
        async (input) => {
          await updateProfile(user.id, input);
          return done("account.profileSaved");
        },
        { intent },
      );
    case "password":
      return handleForm(
        request,
        changePasswordSchema,
        async (input) => {
          const session = await changePassword(user.id, input);
          return data(
            { ok: true as const, intent, notice: "account.passwordChanged" },
            { headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt) } },
          );
        },
        { intent },
      );
    case "email":
      return handleForm(
        request,
        changeEmailSchema,
        async (input) => {
          await requestEmailChange(user.id, input);
          return done("account.emailChangeSent", { email: input.email });
        },
        { intent },
      );
    case "resend":
      return handleForm(
        request,
        z.object({}),
        async () => {
          await resendVerification(user.id);
          return done("account.resent");
        },
        { intent },
      );
    case "delete":
      return handleForm(
        request,
        deleteAccountSchema,
        async (input) => {
          await deleteAccount(user.id, input.password);
          return redirect(`${localePath(locale, "/")}?notice=accountDeleted`, {
            headers: { "Set-Cookie": blankSessionCookie() },
          });
        },
        { intent },
      );
    default:
      return failure(400, "common:errors.badRequestText");
  }
}

type ActionResult = {
  ok: boolean;
  intent?: Intent | null;
  notice?: string;
  email?: string;
  formError?: string;
  fieldErrors?: Record<string, string>;
};

function useSectionResult(intent: Intent) {
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const navigation = useNavigation();
  const submittedIntent = navigation.formAction
    ? new URL(navigation.formAction, "http://localhost").searchParams.get("intent")
    : null;
  return {
    result: result?.intent === intent ? result : undefined,
    busy: navigation.state === "submitting" && submittedIntent === intent,
  };
}

export default function Account() {
  const { t } = useTranslation("auth");
  const { user } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : "en";
  const profile = useSectionResult("profile");
  const password = useSectionResult("password");
  const email = useSectionResult("email");
  const resend = useSectionResult("resend");
  const remove = useSectionResult("delete");
  const anyResult = useActionData<typeof action>() as ActionResult | undefined;
  const topError = anyResult && !anyResult.ok && !anyResult.intent ? anyResult.formError : undefined;

  return (
    <div className="narrow stack-large">
      <h1>{t("account.title")}</h1>
      {searchParams.get("notice") === "passwordReset" ? <Notice>{t("reset.done")}</Notice> : null}
      <FormAlert error={topError} />
      <p>{t("account.signedInAs", { name: user.name, email: user.email })}</p>
      <p>{t("account.role", { role: t(`account.roles.${user.role}`) })}</p>

      <section aria-labelledby="verification-title" className="card">
        <h2 id="verification-title" className="visually-hidden">
          {t("verify.title")}
        </h2>
        {user.emailVerified ? (
          <p>{t("account.verified")}</p>
        ) : (
          <Form method="post" action="?intent=resend" className="stack">
            <p>{t("account.unverified")}</p>
            {resend.result?.ok ? <Notice>{t(resend.result.notice ?? "")}</Notice> : null}
            <FormAlert error={resend.result?.formError} />
            <button type="submit" className="button button-secondary" disabled={resend.busy}>
              {t("account.resend")}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="profile-title" className="card">
        <h2 id="profile-title">{t("account.profile")}</h2>
        <Form method="post" action="?intent=profile" noValidate className="stack">
          {profile.result?.ok ? <Notice>{t(profile.result.notice ?? "")}</Notice> : null}
          <FormAlert error={profile.result?.formError} />
          <Field
            id="profile-name"
            name="name"
            label={t("fields.name")}
            defaultValue={user.name}
            autoComplete="name"
            required
            maxLength={100}
            error={profile.result?.fieldErrors?.name}
          />
          <SelectField
            id="profile-locale"
            name="locale"
            label={t("fields.locale")}
            defaultValue={user.locale}
            error={profile.result?.fieldErrors?.locale}
            options={locales.map((value) => ({ value, label: t(`common:language.${value}`) }))}
          />
          <button type="submit" className="button" disabled={profile.busy}>
            {t("account.saveProfile")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="password-title" className="card">
        <h2 id="password-title">{t("account.changePassword")}</h2>
        <Form method="post" action="?intent=password" noValidate className="stack">
          {password.result?.ok ? <Notice>{t(password.result.notice ?? "")}</Notice> : null}
          <FormAlert error={password.result?.formError} />
          <Field
            id="password-current"
            name="currentPassword"
            type="password"
            label={t("fields.currentPassword")}
            autoComplete="current-password"
            required
            maxLength={200}
            error={password.result?.fieldErrors?.currentPassword}
          />
          <Field
            id="password-new"
            name="password"
            type="password"
            label={t("fields.newPassword")}
            hint={t("fields.passwordHint")}
            autoComplete="new-password"
            required
            minLength={10}
            maxLength={200}
            error={password.result?.fieldErrors?.password}
          />
          <button type="submit" className="button" disabled={password.busy}>
            {t("account.changePassword")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="email-title" className="card">
        <h2 id="email-title">{t("account.changeEmail")}</h2>
        <p>{t("account.changeEmailIntro")}</p>
        <Form method="post" action="?intent=email" noValidate className="stack">
          {email.result?.ok ? (
            <Notice>{t("account.emailChangeSent", { email: email.result.email })}</Notice>
          ) : null}
          <FormAlert error={email.result?.formError} />
          <Field
            id="email-new"
            name="email"
            type="email"
            label={t("fields.newEmail")}
            autoComplete="email"
            required
            maxLength={254}
            error={email.result?.fieldErrors?.email}
          />
          <Field
            id="email-password"
            name="currentPassword"
            type="password"
            label={t("fields.currentPassword")}
            autoComplete="current-password"
            required
            maxLength={200}
            error={email.result?.fieldErrors?.currentPassword}
          />
          <button type="submit" className="button" disabled={email.busy}>
            {t("account.changeEmail")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="data-title" className="card">
        <h2 id="data-title">{t("account.dataTitle")}</h2>
        <p>{t("account.dataIntro")}</p>
        <a href={localePath(locale, "/account/data")} className="button button-secondary" download>
          {t("account.download")}
        </a>
      </section>

      <section aria-labelledby="delete-title" className="card">
        <h2 id="delete-title">{t("account.deleteTitle")}</h2>
        <p>{t("account.deleteIntro")}</p>
        <Form method="post" action="?intent=delete" noValidate className="stack">
          <FormAlert error={remove.result?.formError} />
          <Field
            id="delete-password"
            name="password"
            type="password"
            label={t("fields.currentPassword")}
            autoComplete="current-password"
            required
            maxLength={200}
            error={remove.result?.fieldErrors?.password}
          />
          <CheckboxField
            id="delete-confirm"
            name="confirm"
            label={t("account.deleteConfirm")}
            error={remove.result?.fieldErrors?.confirm}
          />
          <button type="submit" className="button button-danger" disabled={remove.busy}>
            {t("account.deleteSubmit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="sessions-title" className="card">
        <h2 id="sessions-title">{t("account.sessions")}</h2>
        <div className="button-row">
          <Form method="post" action={localePath(locale, "/signout")}>
            <input type="hidden" name="scope" value="this" />
            <button type="submit" className="button button-secondary">
              {t("signOut.thisDevice")}
            </button>
          </Form>
          <Form method="post" action={localePath(locale, "/signout")}>
            <input type="hidden" name="scope" value="all" />
            <button type="submit" className="button button-secondary">
              {t("signOut.allDevices")}
            </button>
          </Form>
        </div>
      </section>
    </div>
  );
}
