import type { FieldValues, Resolver } from "react-hook-form";
import type * as z from "zod/v4/core";

/**
 * A react-hook-form resolver whose zod schema and `zodResolver` load on first use instead of with the page (issue 11:
 * zod/mini + core is ~19 KB gzip on every route with a form, none of it needed to paint the form).
 *
 * `load` imports the schema module (`() => import("@/lib/validation/teams").then((m) => m.signInSchema)`); the
 * component must not import that module's values statically, or the bytes come back with the page. The form works
 * the same: the resolver is async (react-hook-form awaits it on submit, blur or change), so validation waits for the
 * load and shows exactly the messages the schema gives today; the server action validates with the same schema.
 * `preload` starts the load early: call it on the form's first focus or input (`onFocus` on the `<form>`), so the
 * chunk is usually there before the first validation. A failed load (the network dropped) is retried on the next
 * call; meanwhile the values pass through unchecked, so a submit still reaches the server action, which validates with
 * the same schema and answers with the same messages: nothing typed is lost and no error escapes the form.
 */
export type LazyResolver<T extends FieldValues> = Resolver<T> & { preload: () => void };

export function lazyZodResolver<T extends FieldValues>(load: () => Promise<z.$ZodType<unknown, T>>): LazyResolver<T> {
  let ready: Promise<Resolver<T>> | null = null;
  const get = () =>
    (ready ??= Promise.all([import("@hookform/resolvers/zod"), load()]).then(
      ([{ zodResolver }, schema]) => zodResolver(schema as never) as unknown as Resolver<T>,
      (error: unknown) => {
        ready = null;
        throw error;
      },
    ));
  const resolver: Resolver<T> = async (values, context, options) => {
    let resolve: Resolver<T>;
    try {
      resolve = await get();
    } catch {
      return { values, errors: {} };
    }
    return resolve(values, context, options);
  };
  return Object.assign(resolver, {
    preload: () => {
      get().catch(() => undefined);
    },
  });
}
