/** An absolute http(s) URL without whitespace: the one rule for media URLs, in forms and for upstream values. */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
