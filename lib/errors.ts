// The one error type the app throws on purpose. `message` is safe to show to the client;
// anything else that escapes a route is logged and answered with a generic 500.
export class AppError extends Error {
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
export const conflict = (message: string, code = "conflict") => new AppError(409, message, code);
export const unavailable = (message: string, code = "unavailable") => new AppError(503, message, code);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
