import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-20 text-center">
      <h1 className="text-2xl font-semibold text-ink-900">Not found</h1>
      <p className="mt-2 text-sm text-ink-500">This story does not exist, or it was deleted.</p>
      <Link href="/" className="mt-6 inline-flex h-10 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white">
        Back to stories
      </Link>
    </div>
  );
}
