// The one error type the app throws on purpose. `message` is safe to show to the client;
// anything else that escapes a route is logged and answered with a generic 500.
// Recognised by a global brand rather than instanceof: Next.js may load this module more than
// once (one copy per bundle) while errors cross between them through shared singletons.
const APP_ERROR = Symbol.for("lightning-press.app-error");

export class AppError extends Error {
  readonly [APP_ERROR] = true;
  constructor(
    readonly status: number,
    message: string,
    readonly code: string = "error",
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (message: string, code = "bad_request") => new AppError(400, message, code);
export const notFound = (message = "Not found", code = "not_found") => new AppError(404, message, code);

export function isAppError(error: unknown): error is AppError {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[APP_ERROR] === true;
}
