// An organisation's members: owners invite editors, hand over ownership and remove members; anyone
// may leave, except the last owner.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { z } from "zod";
import { Field, FormAlert, Notice } from "~/components/ui/field.tsx";
import { isFormAnswer } from "~/components/ui/form-answer.ts";
import { useAppForm } from "~/components/ui/form.ts";
import { requireUser } from "~/modules/auth/guards.server.ts";
import { requireOrgAccess } from "~/modules/organisations/access.server.ts";
import { isLocale, localePath } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";
import styles from "~/modules/organisations/organisations.css?url";
import { intentIn } from "~/utils/forms.ts";
import { formConstraints } from "~/utils/constraints.ts";
import { handleForm, orErrorPage } from "~/utils/http.server.ts";
import { inviteSchema, memberActionSchema } from "~/modules/organisations/schemas.ts";
import {
  inviteMember,
  leaveOrganisation,
  listMembers,
  removeMember,
  transferOwnership,
} from "~/modules/organisations/service.server.ts";

export const handle: TranslatedHandle = { i18n: ["auth", "organisations"] };

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
    constraints: formConstraints(inviteSchema),
  };
}

/** The page's forms, told apart by the `intent` each sends in its body. */
const membersSchema = z.discriminatedUnion(
  "intent",
  [
    inviteSchema.extend({ intent: z.literal("invite") }),
    memberActionSchema.extend({ intent: z.literal("transfer") }),
    memberActionSchema.extend({ intent: z.literal("remove") }),
    z.object({ intent: z.literal("leave") }),
  ],
  { error: "common:errors.badRequestText" },
);

const intentOf = intentIn(membersSchema);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  const access = await orErrorPage(requireOrgAccess(params.slug ?? "", user, "editor"));
  const done = (form: string, notice: string, email?: string) => ({ ok: true as const, form, notice, email });

  return handleForm(
    request,
    membersSchema,
    async (input) => {
      switch (input.intent) {
        case "invite":
          await inviteMember(access, input.email, locale);
          return done(input.intent, "members.invited", input.email);
        case "transfer":
          await transferOwnership(access, input.userId);
          return done(input.intent, "members.transferred");
        case "remove":
          await removeMember(access, input.userId);
          return done(input.intent, "members.removed");
        case "leave":
          await leaveOrganisation(access);
          return redirect(localePath(locale, "/organisations"));
      }
    },
    { form: intentOf },
  );
}

export default function Members() {
  const { t } = useTranslation("organisations");
  const { organisation, viewer, members, invitations, constraints } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [invite, inviteFields] = useAppForm<typeof inviteSchema>(constraints, {
    id: "invite",
    answer,
    form: "invite",
  });
  const busy = useNavigation().state === "submitting";
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : "en";
  const isOwner = viewer.role === "owner";
  const done = answer && "ok" in answer ? answer : undefined;
  // The member buttons' and leave's refusals (the last owner cannot leave) show above the list.
  const refused = isFormAnswer(answer) && answer.form !== "invite" ? answer : undefined;
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "Europe/Amsterdam" });

  return (
    <div className="stack-large">
      <h1>{t("members.title", { name: organisation.name })}</h1>
      <p>
        <Link to={localePath(locale, `/organisations/${organisation.slug}`)}>
          {t("members.backToProfile")}
        </Link>
      </p>
      {done && done.form !== "invite" ? <Notice>{t(done.notice)}</Notice> : null}
      <FormAlert errors={refused?.error?.[""] ?? undefined} />

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
                    <Form method="post">
                      <input type="hidden" name="userId" value={member.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="transfer"
                        className="button button-secondary"
                        disabled={busy}
                      >
                        {t("members.makeOwner", { name: member.name })}
                      </button>
                    </Form>
                  ) : null}
                  <Form method="post">
                    <input type="hidden" name="userId" value={member.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="remove"
                      className="button button-secondary"
                      disabled={busy}
                    >
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
          <Form method="post" id={invite.id} onSubmit={invite.onSubmit} noValidate className="stack">
            <input type="hidden" name="intent" value="invite" />
            {done?.form === "invite" ? <Notice>{t("members.invited", { email: done.email })}</Notice> : null}
            <FormAlert errors={invite.errors} />
            <Field
              id="invite-email"
              field={inviteFields.email}
              type="email"
              label={t("members.inviteEmail")}
              autoComplete="off"
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
        <Form method="post">
          <button
            type="submit"
            name="intent"
            value="leave"
            className="button button-secondary"
            disabled={busy}
          >
            {t("members.leave")}
          </button>
        </Form>
      </section>
    </div>
  );
}
