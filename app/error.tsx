"use client";

export default function ErrorPage({ reset }: { reset: () => void }) {
  return (
    <div className="prose">
      <h1>Something went wrong</h1>
      <p>Please try again.</p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
