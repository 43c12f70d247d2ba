import { CopyButton } from "@/components/copy-button";

export function ReceiptLink({ url }: { url: string }) {
  return (
    <aside className="receipt" data-testid="receipt">
      <strong>Your private receipt link.</strong> Open it on another device to read this article there.
      Anyone with the link can read it, so keep it to yourself.
      <div className="row">
        <code data-testid="receipt-link">{url}</code>
        <CopyButton text={url} label="Copy link" />
      </div>
    </aside>
  );
}
