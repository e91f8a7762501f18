import "server-only";
import { log, requestIdFrom, type Logger, type LogLevel } from "./log";
import { isShuttingDown } from "./shutdown";

type RouteHandler<C> = (req: Request, ctx: C) => Promise<Response> | Response;

/**
 * Wraps a route handler: one log line per request (`route`, `status`, `ms`, `requestId`), the request id echoed
 * in the `x-request-id` response header, and an unexpected throw logged and answered with a plain 500 JSON body
 * (never a stack trace). The handler gets a logger carrying the request id as a third argument.
 */
export function logged<C>(
  route: string,
  handler: (req: Request, ctx: C, logger: Logger) => Promise<Response> | Response,
  options: { quiet?: boolean } = {},
): RouteHandler<C> {
  return async (req, ctx) => {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers);
    const logger = log.child({ requestId, route });
    let res: Response;
    try {
      res = await handler(req, ctx, logger);
    } catch (err) {
      logger.error("request failed", { method: req.method, status: 500, ms: elapsed(started), err });
      return Response.json(
        { message: "Something went wrong on our side. Please try again.", requestId },
        { status: 500, headers: { "x-request-id": requestId } },
      );
    }
    const ms = elapsed(started);
    // Probes (quiet) log successful requests at debug level only.
    const level: LogLevel = res.status >= 500 ? "error" : options.quiet && res.status < 400 ? "debug" : "info";
    logger[level]("request", { method: req.method, status: res.status, ms });
    try {
      res.headers.set("x-request-id", requestId);
      // Shutting down: close this keep-alive connection after the answer, so a polling page cannot keep the
      // process alive (Node closes only idle connections when the server stops listening).
      if (isShuttingDown()) res.headers.set("connection", "close");
    } catch {
      // Immutable headers (a proxied upstream Response): the log line still has the id.
    }
    return res;
  };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
