/**
 * A config value as a message shows it: a string quoted like JSON, anything
 * else as JSON text, with control and bidirectional-override characters
 * escaped (a right-to-left override would otherwise reorder the message on
 * screen), and cut to `max` characters (a wrong-type value can be megabytes).
 */
export function echo(value: unknown, max = 60): string {
  const cut = (text: string) => (text.length > max ? `${text.slice(0, max - 3)}...` : text);
  let shown: string;
  if (typeof value === "string") {
    shown = JSON.stringify(cut(value));
  } else {
    try {
      shown = cut(JSON.stringify(value) ?? String(value));
    } catch {
      shown = cut(String(value));
    }
  }
  return shown.replace(
    /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
