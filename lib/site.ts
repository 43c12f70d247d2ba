// The site's public name. Read from the environment directly (not lib/env.ts) because the
// static pages render it at build time, where server settings are not required.
export function siteName(): string {
  const name = process.env.SITE_NAME?.trim();
  return name ? name.slice(0, 80) : "Lightning Press";
}
