import * as z from "zod/mini";
import { ROLES } from "@/lib/auth/roles";
import { trimmed } from "./fields";

/** Accounts and members: one schema per form, shared by the form and its action. */

/** Trimmed first, then checked (a pipe: the address check sees the trimmed text). */
export const emailField = z.pipe(trimmed(z.minLength(1, "Enter an email address.")), z.email("Enter a valid email address."));
export const passwordField = z.string().check(z.minLength(8, "Use at least 8 characters."), z.maxLength(128, "Use at most 128 characters."));
export const roleField = z.enum(ROLES, { message: "Choose a role." });

export const signInSchema = z.object({ email: emailField, password: z.string().check(z.minLength(1, "Enter your password.")) });
export const signUpSchema = z.object({
  name: trimmed(z.minLength(1, "Enter your name."), z.maxLength(80, "Use at most 80 characters.")),
  email: emailField,
  password: passwordField,
});
export const changePasswordSchema = z.object({
  currentPassword: z.string().check(z.minLength(1, "Enter your current password.")),
  newPassword: passwordField,
});
export const resetPasswordSchema = z.object({ newPassword: passwordField });

export const inviteSchema = z.object({ email: emailField, role: roleField });
const someId = z.string().check(z.minLength(1));
export const changeRoleSchema = z.object({ memberId: someId, role: roleField });
export const memberIdSchema = z.object({ memberId: someId });
export const invitationIdSchema = z.object({ invitationId: someId });
export const workspaceIdSchema = z.object({ workspaceId: someId });
export const workspaceNameSchema = z.object({
  name: trimmed(z.minLength(1, "Name the workspace."), z.maxLength(60, "Use at most 60 characters.")),
});

export type SignInInput = z.infer<typeof signInSchema>;
export type SignUpInput = z.infer<typeof signUpSchema>;
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;
export type InviteInput = z.infer<typeof inviteSchema>;
