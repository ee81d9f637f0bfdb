// The account page: profile, e-mail confirmation, password and e-mail changes, sign-out everywhere.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { z } from "zod";
import type { Constraint } from "@conform-to/dom";
import {
  CheckboxField,
  Field,
  FormAlert,
  Notice,
  RadioGroupField,
  SelectField,
} from "~/components/ui/field.tsx";
import { isFormAnswer } from "~/components/ui/form-answer.ts";
import { useAppForm } from "~/components/ui/form.ts";
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
import { mailPreferenceSchema } from "~/modules/notifications/schemas.ts";
import {
  mailPreferenceOf,
  mailPreferences,
  setMailPreference,
} from "~/modules/notifications/service.server.ts";
import notificationStyles from "~/styles/notifications.css?url";
import { isLocale, localePath, locales } from "~/modules/i18n/config.ts";
import { localeCookie } from "~/modules/i18n/detect.server.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";
import { intentIn } from "~/utils/forms.ts";
import { formConstraints } from "~/utils/constraints.ts";
import { handleForm } from "~/utils/http.server.ts";
import { redirectWithNotice, takeNotice } from "~/utils/notice.server.ts";

export const handle: TranslatedHandle = { i18n: ["auth", "notifications"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: notificationStyles }];

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "auth:account.title") }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireLocale(params);
  const { user } = requireUser(context, request);
  const [{ notice, headers }, { notificationMail, mailWithoutMessageText }] = await Promise.all([
    takeNotice(request, ["passwordReset"]),
    mailPreferenceOf(user.id),
  ]);
  return data(
    {
      notice,
      notificationMail,
      mailWithoutMessageText,
      mailPreferences,
      user: {
        name: user.name,
        email: user.email,
        locale: user.locale,
        role: user.role,
        emailVerified: !!user.emailVerifiedAt,
      },
      constraints: {
        profile: formConstraints(profileSchema),
        password: formConstraints(changePasswordSchema),
        email: formConstraints(changeEmailSchema),
        resend: {},
        notificationMail: formConstraints(mailPreferenceSchema),
        delete: formConstraints(deleteAccountSchema),
      } satisfies Record<Intent, Record<string, Constraint>>,
    },
    { headers },
  );
}

/** The page's forms, told apart by the `intent` each sends in its body. */
const accountSchema = z.discriminatedUnion(
  "intent",
  [
    profileSchema.extend({ intent: z.literal("profile") }),
    changePasswordSchema.extend({ intent: z.literal("password") }),
    changeEmailSchema.extend({ intent: z.literal("email") }),
    z.object({ intent: z.literal("resend") }),
    mailPreferenceSchema.extend({ intent: z.literal("notificationMail") }),
    deleteAccountSchema.extend({ intent: z.literal("delete") }),
  ],
  { error: "common:errors.badRequestText" },
);

type Intent = z.output<typeof accountSchema>["intent"];
const intentOf = intentIn(accountSchema);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  const done = (intent: Intent, notice: string, email?: string) => ({
    ok: true as const,
    form: intent,
    notice,
    email,
  });

  return handleForm(
    request,
    accountSchema,
    async (input) => {
      switch (input.intent) {
        case "profile":
          await updateProfile(user.id, { name: input.name, locale: input.locale });
          // The account's language is a choice too: `/` follows it in this browser from now on.
          return data(done(input.intent, "account.profileSaved"), {
            headers: { "Set-Cookie": localeCookie(input.locale) },
          });
        case "password": {
          const session = await changePassword(user.id, input);
          return data(done(input.intent, "account.passwordChanged"), {
            headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt) },
          });
        }
        case "email":
          await requestEmailChange(user.id, input);
          return done(input.intent, "account.emailChangeSent", input.email);
        case "resend":
          await resendVerification(user.id);
          return done(input.intent, "account.resent");
        case "notificationMail":
          await setMailPreference(user.id, input.notificationMail, input.mailWithoutMessageText === "yes");
          return done(input.intent, "notifications:preferences.saved");
        case "delete":
          await deleteAccount(user.id, input.password);
          return redirectWithNotice(localePath(locale, "/"), "accountDeleted", {
            "Set-Cookie": blankSessionCookie(),
          });
      }
    },
    { form: intentOf, hideFields: ["password", "currentPassword"] },
  );
}

/** One of the page's forms: Conform's form for its part of the schema, its notice, and whether it is being sent. */
function useSection<S extends z.ZodType>(
  intent: Intent,
  defaultValue?: Parameters<typeof useAppForm<S>>[1]["defaultValue"],
) {
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const constraints = useLoaderData<typeof loader>().constraints[intent];
  const [form, fields] = useAppForm<S>(constraints, {
    id: `account-${intent}`,
    answer,
    form: intent,
    defaultValue,
  });
  const done = answer && "ok" in answer && answer.form === intent ? answer : undefined;
  return {
    form,
    fields,
    done,
    busy: navigation.state === "submitting" && navigation.formData?.get("intent") === intent,
  };
}

function IntentInput({ intent }: { intent: Intent }) {
  return <input type="hidden" name="intent" value={intent} />;
}

export default function Account() {
  const { t } = useTranslation("auth");
  const {
    user,
    notice,
    notificationMail,
    mailWithoutMessageText,
    mailPreferences: choices,
  } = useLoaderData<typeof loader>();
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : "en";
  const profile = useSection<typeof profileSchema>("profile", { name: user.name, locale: user.locale });
  const password = useSection<typeof changePasswordSchema>("password");
  const email = useSection<typeof changeEmailSchema>("email");
  const resend = useSection("resend");
  const mail = useSection<typeof mailPreferenceSchema>("notificationMail", {
    notificationMail,
    mailWithoutMessageText: mailWithoutMessageText ? "yes" : undefined,
  });
  const remove = useSection<typeof deleteAccountSchema>("delete");
  // An answer for none of the forms: a body without a known intent.
  const answer = useActionData<typeof action>();
  const topError =
    isFormAnswer(answer) && !answer.form ? (answer.error?.intent?.[0] ?? answer.error?.[""]?.[0]) : undefined;

  return (
    <div className="narrow stack-large">
      <h1>{t("account.title")}</h1>
      {notice === "passwordReset" ? <Notice>{t("reset.done")}</Notice> : null}
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
          <Form method="post" id={resend.form.id} onSubmit={resend.form.onSubmit} className="stack">
            <IntentInput intent="resend" />
            <p>{t("account.unverified")}</p>
            {resend.done ? <Notice>{t(resend.done.notice)}</Notice> : null}
            <FormAlert errors={resend.form.errors} />
            <button type="submit" className="button button-secondary" disabled={resend.busy}>
              {t("account.resend")}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="profile-title" className="card">
        <h2 id="profile-title">{t("account.profile")}</h2>
        <Form
          method="post"
          id={profile.form.id}
          onSubmit={profile.form.onSubmit}
          noValidate
          className="stack"
        >
          <IntentInput intent="profile" />
          {profile.done ? <Notice>{t(profile.done.notice)}</Notice> : null}
          <FormAlert errors={profile.form.errors} />
          <Field id="profile-name" field={profile.fields.name} label={t("fields.name")} autoComplete="name" />
          <SelectField
            id="profile-locale"
            field={profile.fields.locale}
            label={t("fields.locale")}
            options={locales.map((value) => ({ value, label: t(`common:language.${value}`) }))}
          />
          <button type="submit" className="button" disabled={profile.busy}>
            {t("account.saveProfile")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="password-title" className="card">
        <h2 id="password-title">{t("account.changePassword")}</h2>
        <Form
          method="post"
          id={password.form.id}
          onSubmit={password.form.onSubmit}
          noValidate
          className="stack"
        >
          <IntentInput intent="password" />
          {password.done ? <Notice>{t(password.done.notice)}</Notice> : null}
          <FormAlert errors={password.form.errors} />
          <Field
            id="password-current"
            field={password.fields.currentPassword}
            type="password"
            label={t("fields.currentPassword")}
            autoComplete="current-password"
          />
          <Field
            id="password-new"
            field={password.fields.password}
            type="password"
            label={t("fields.newPassword")}
            hint={t("fields.passwordHint")}
            autoComplete="new-password"
          />
          <button type="submit" className="button" disabled={password.busy}>
            {t("account.changePassword")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="email-title" className="card">
        <h2 id="email-title">{t("account.changeEmail")}</h2>
        <p>{t("account.changeEmailIntro")}</p>
        <Form method="post" id={email.form.id} onSubmit={email.form.onSubmit} noValidate className="stack">
          <IntentInput intent="email" />
          {email.done ? <Notice>{t("account.emailChangeSent", { email: email.done.email })}</Notice> : null}
          <FormAlert errors={email.form.errors} />
          <Field
            id="email-new"
            field={email.fields.email}
            type="email"
            label={t("fields.newEmail")}
            autoComplete="email"
          />
          <Field
            id="email-password"
            field={email.fields.currentPassword}
            type="password"
            label={t("fields.currentPassword")}
            autoComplete="current-password"
          />
          <button type="submit" className="button" disabled={email.busy}>
            {t("account.changeEmail")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="mail-title" className="card">
        <h2 id="mail-title">{t("notifications:preferences.title")}</h2>
        <p>{t("notifications:preferences.intro")}</p>
        <Form method="post" id={mail.form.id} onSubmit={mail.form.onSubmit} noValidate className="stack">
          <IntentInput intent="notificationMail" />
          {mail.done ? <Notice>{t(mail.done.notice)}</Notice> : null}
          <FormAlert errors={mail.form.errors} />
          <RadioGroupField
            field={mail.fields.notificationMail}
            legend={t("notifications:preferences.legend")}
            className="mail-choice"
            options={choices.map((value) => ({
              value,
              label: t(`notifications:preferences.${value}`),
              hint: t(`notifications:preferences.${value}Hint`),
            }))}
          />
          <CheckboxField
            field={mail.fields.mailWithoutMessageText}
            label={t("notifications:preferences.withoutMessageText")}
          />
          <button type="submit" className="button" disabled={mail.busy}>
            {t("notifications:preferences.save")}
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
        <Form method="post" id={remove.form.id} onSubmit={remove.form.onSubmit} noValidate className="stack">
          <IntentInput intent="delete" />
          <FormAlert errors={remove.form.errors} />
          <Field
            id="delete-password"
            field={remove.fields.password}
            type="password"
            label={t("fields.currentPassword")}
            autoComplete="current-password"
          />
          <CheckboxField
            id="delete-confirm"
            field={remove.fields.confirm}
            label={t("account.deleteConfirm")}
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
