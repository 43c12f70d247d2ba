import { AccessTokenButton } from "@/components/access-token-button";
import { formatPassEnd } from "@/components/passes/pass-invoice";

type Pass = { resource: string; issuer: string | null; until: Date; running: boolean; receiptToken: string | null };

// The library's passes: whose, and until when ("running until" or "ended"), with the receipt link.
export function HeldPasses({ passes, origin, siteName }: { passes: Pass[]; origin: string; siteName: string }) {
  if (passes.length === 0) return null;
  return (
    <section aria-labelledby="passes-heading">
      <h2 id="passes-heading">Your passes</h2>
      <ul className="library" data-testid="library-passes">
        {passes.map((pass) => (
          <li key={pass.resource} data-resource={pass.resource} data-state={pass.running ? "running" : "ended"}>
            {pass.issuer ? `Pass to every paid article by ${pass.issuer}` : `Site pass to every paid article on ${siteName}`} ·{" "}
            <span data-testid="pass-end">{pass.running ? `running until ${formatPassEnd(pass.until)}` : `ended ${formatPassEnd(pass.until)}`}</span>
            {pass.receiptToken && (
              <>
                {" "}
                · <a href={`${origin}/receipts/${pass.receiptToken}`}>receipt link</a>
              </>
            )}
            {pass.running && <AccessTokenButton resource={pass.resource} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
