import { SignOutButton } from "@/components/auth/sign-out-button";

/** Signed in, but not (or no longer) a member of any workspace. */
export function NoWorkspace() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-xl font-semibold text-ink-900">No workspace yet</h1>
      <p className="mt-2 text-sm text-ink-500">
        You are not a member of a workspace. Open the invitation link an owner sent you, or ask them for a new one.
      </p>
      <div className="mt-6 flex justify-center">
        <SignOutButton />
      </div>
    </div>
  );
}
