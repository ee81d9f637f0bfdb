// The auth forms' Zod schemas, shared by server actions and tests.
import { z } from "zod";
import { emailField, requiredText } from "~/utils/forms.ts";
import { locales } from "~/modules/i18n/config.ts";

const newPassword = z
  .string({ error: "common:validation.required" })
  .min(1, { error: "common:validation.required" })
  .min(10, { error: "auth:errors.passwordTooShort" })
  .max(200, { error: "auth:errors.passwordTooLong" });

const anyPassword = z
  .string({ error: "common:validation.required" })
  .min(1, { error: "common:validation.required" })
  .max(200, { error: "auth:errors.passwordTooLong" });

const localeField = z.enum(locales, { error: "common:validation.invalidChoice" });

export const signUpSchema = z.object({
  name: requiredText(100),
  email: emailField,
  password: newPassword,
  locale: localeField,
});

export const signInSchema = z.object({ email: emailField, password: anyPassword });
export const forgotPasswordSchema = z.object({ email: emailField });
export const resetPasswordSchema = z.object({ token: requiredText(100), password: newPassword });
export const changePasswordSchema = z.object({ currentPassword: anyPassword, password: newPassword });
export const changeEmailSchema = z.object({ email: emailField, currentPassword: anyPassword });
export const profileSchema = z.object({ name: requiredText(100), locale: localeField });
export const deleteAccountSchema = z.object({
  password: anyPassword,
  confirm: z.literal("yes", { error: "auth:account.confirmRequired" }),
});
