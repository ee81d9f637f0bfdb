// The mail preference form's schema (the account page): how often a user gets mail about notifications.
import { z } from "zod";

export const mailPreferenceSchema = z.object({
  notificationMail: z.enum(["per_event", "daily", "weekly"], { error: "notifications:errors.choose" }),
  /** Checked: mails about new messages leave the message's text out. */
  mailWithoutMessageText: z.literal("yes").optional(),
});
