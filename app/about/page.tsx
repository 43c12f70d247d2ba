import { siteName } from "@/lib/site";

// Static: rendered once at build time (the benchmark's baseline page).
export const dynamic = "force-static";

export default function AboutPage() {
  return (
    <article className="prose">
      <h1>About {siteName()}</h1>
      <p>
        Writers sell articles here for Lightning payments. Readers pay from any Lightning wallet and read at once: no card, no
        account, nothing to install.
      </p>
      <p>
        Every payment is verified by our own Lightning node on the server. The paid part of an article is sent only after the node
        reports the invoice settled.
      </p>
    </article>
  );
}
