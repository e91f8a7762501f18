import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";

/** Accounts and members: one schema per form, shared by the form and its action. */

export const emailField = z.string().trim().min(1, "Enter an email address.").email("Enter a valid email address.");
export const passwordField = z.string().min(8, "Use at least 8 characters.").max(128, "Use at most 128 characters.");
export const roleField = z.enum(ROLES, { message: "Choose a role." });

export const signInSchema = z.object({ email: emailField, password: z.string().min(1, "Enter your password.") });
export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(80, "Use at most 80 characters."),
  email: emailField,
  password: passwordField,
});
export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password."),
  newPassword: passwordField,
});
export const resetPasswordSchema = z.object({ newPassword: passwordField });

export const inviteSchema = z.object({ email: emailField, role: roleField });
export const changeRoleSchema = z.object({ memberId: z.string().min(1), role: roleField });
export const memberIdSchema = z.object({ memberId: z.string().min(1) });
export const invitationIdSchema = z.object({ invitationId: z.string().min(1) });
export const workspaceIdSchema = z.object({ workspaceId: z.string().min(1) });
export const workspaceNameSchema = z.object({
  name: z.string().trim().min(1, "Name the workspace.").max(60, "Use at most 60 characters."),
});

export type SignInInput = z.infer<typeof signInSchema>;
export type SignUpInput = z.infer<typeof signUpSchema>;
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;
export type InviteInput = z.infer<typeof inviteSchema>;
