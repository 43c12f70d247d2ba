import Link from "next/link";

export default function InvalidReceipt() {
  return (
    <div className="prose" data-testid="receipt-invalid">
      <h1>Receipt not found</h1>
      <p>This receipt link is not valid. Check that you copied all of it.</p>
      <Link href="/">Back to the articles</Link>
    </div>
  );
}
