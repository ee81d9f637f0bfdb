// An organisation's members: owners invite editors, hand over ownership and remove members; anyone
// may leave, except the last owner.
import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field, FormAlert, Notice } from "~/components/ui/field.tsx";
import { requireUser } from "~/modules/auth/guards.server.ts";
import { requireOrgAccess } from "~/modules/organisations/access.server.ts";
import { isLocale, localePath } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";
import styles from "~/modules/organisations/organisations.css?url";
import { failure, handleForm, orErrorPage } from "~/utils/http.server.ts";
import { inviteSchema, memberActionSchema } from "~/modules/organisations/schemas.ts";
import {
  inviteMember,
  leaveOrganisation,
  listMembers,
  removeMember,
  transferOwnership,
} from "~/modules/organisations/service.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "organisations:profile.members") },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireLocale(params);
  const { user } = requireUser(context, request);
  const access = await orErrorPage(requireOrgAccess(params.slug ?? "", user, "editor"));
  const { organisation } = access;
  const { viewerRole, members, invitations } = await listMembers(access);
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    viewer: { id: user.id, role: viewerRole },
    members: members.map((member) => ({ ...member.user, role: member.role })),
    invitations,
  };
}

type Intent = "invite" | "transfer" | "remove" | "leave";

export async function action({ request, context, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  const access = await orErrorPage(requireOrgAccess(params.slug ?? "", user, "editor"));
  const intent = new URL(request.url).searchParams.get("intent") as Intent | null;
  const done = (notice: string, email?: string) => ({ ok: true as const, intent, notice, email });

  switch (intent) {
    case "invite":
      return handleForm(
        request,
        inviteSchema,
        async ({ email }) => {
          await inviteMember(access, email, locale);
          return done("members.invited", email);
        },
        { intent },
      );
    case "transfer":
      return handleForm(
        request,
        memberActionSchema,
        async ({ userId }) => {
          await transferOwnership(access, userId);
          return done("members.transferred");
        },
        { intent },
      );
    case "remove":
      return handleForm(
        request,
        memberActionSchema,
        async ({ userId }) => {
          await removeMember(access, userId);
          return done("members.removed");
        },
        { intent },
      );
    case "leave":
      return handleForm(
        request,
        z.object({}),
        async () => {
          await leaveOrganisation(access);
          return redirect(localePath(locale, "/organisations"));
        },
        { intent },
      );
    default:
      return failure(400, "common:errors.badRequestText");
  }
}

type ActionResult = {
  ok: boolean;
  intent?: string | null;
  notice?: string;
  email?: string;
  formError?: string;
  fieldErrors?: Record<string, string>;
};

export default function Members() {
  const { t } = useTranslation("organisations");
  const { organisation, viewer, members, invitations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : "en";
  const isOwner = viewer.role === "owner";
  const inviteResult = result?.intent === "invite" ? result : undefined;
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "Europe/Amsterdam" });

  return (
    <div className="stack-large">
      <h1>{t("members.title", { name: organisation.name })}</h1>
      <p>
        <Link to={localePath(locale, `/organisations/${organisation.slug}`)}>
          {t("members.backToProfile")}
        </Link>
      </p>
      {result?.ok && result.intent !== "invite" ? <Notice>{t(result.notice ?? "")}</Notice> : null}
      <FormAlert error={result && !result.ok && result.intent !== "invite" ? result.formError : undefined} />

      <section aria-labelledby="members-list-title" className="card stack">
        <h2 id="members-list-title">{t("members.list")}</h2>
        <ul className="plain-list">
          {members.map((member) => (
            <li key={member.id} className="member-row">
              <div>
                <strong>{member.name}</strong> {member.id === viewer.id ? t("members.you") : null}
                <br />
                {member.email} · {t(`role.${member.role}`)}
              </div>
              {isOwner && member.id !== viewer.id ? (
                <div className="button-row">
                  {member.role !== "owner" ? (
                    <Form method="post" action="?intent=transfer">
                      <input type="hidden" name="userId" value={member.id} />
                      <button type="submit" className="button button-secondary" disabled={busy}>
                        {t("members.makeOwner", { name: member.name })}
                      </button>
                    </Form>
                  ) : null}
                  <Form method="post" action="?intent=remove">
                    <input type="hidden" name="userId" value={member.id} />
                    <button type="submit" className="button button-secondary" disabled={busy}>
                      {t("members.remove", { name: member.name })}
                    </button>
                  </Form>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {isOwner ? (
        <section aria-labelledby="invite-title" className="card stack">
          <h2 id="invite-title">{t("members.invite")}</h2>
          <p>{t("members.inviteIntro")}</p>
          <Form method="post" action="?intent=invite" noValidate className="stack">
            {inviteResult?.ok ? <Notice>{t("members.invited", { email: inviteResult.email })}</Notice> : null}
            <FormAlert error={inviteResult && !inviteResult.ok ? inviteResult.formError : undefined} />
            <Field
              id="invite-email"
              name="email"
              type="email"
              label={t("members.inviteEmail")}
              autoComplete="off"
              required
              maxLength={254}
              error={inviteResult?.fieldErrors?.email}
            />
            <button type="submit" className="button" disabled={busy}>
              {t("members.inviteSubmit")}
            </button>
          </Form>
          {invitations.length > 0 ? (
            <>
              <h3>{t("members.openInvitations")}</h3>
              <ul>
                {invitations.map((invitation) => (
                  <li key={invitation.email}>
                    {t("members.expires", {
                      email: invitation.email,
                      date: dateFormat.format(invitation.expiresAt),
                    })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="leave-title" className="card stack">
        <h2 id="leave-title">{t("members.leave")}</h2>
        <p>{t("members.leaveIntro")}</p>
        <Form method="post" action="?intent=leave">
          <button type="submit" className="button button-secondary" disabled={busy}>
            {t("members.leave")}
          </button>
        </Form>
      </section>
    </div>
  );
}
