// Tells an outage of the database (refused, cut, restarting, out of connections) from every other
// error, through the layers that wrap it: Prisma's error, the driver adapter's cause, pg's error.
const prismaCodes = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const adapterKinds = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
const socketCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
]);
/** Connection exceptions (08…), shutdown and start-up (57P01–57P03), too many connections (53300). */
const sqlStates = /^(08...|57P0[123]|53300)$/;
const messages =
  /Connection terminated|Can't reach database server|terminating connection|the database system is (starting up|shutting down|in recovery)|server (has )?closed the connection|Connection ended/i;

type ErrorLike = {
  code?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: unknown;
  driverAdapterError?: unknown;
};

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const { code, kind, message, cause, meta, driverAdapterError } = error as ErrorLike;
  if (typeof code === "string" && (prismaCodes.has(code) || socketCodes.has(code) || sqlStates.test(code))) {
    return true;
  }
  if (typeof kind === "string" && adapterKinds.has(kind)) return true;
  if (kind === "postgres" && typeof code === "string" && sqlStates.test(code)) return true;
  if (typeof message === "string" && messages.test(message)) return true;
  return (
    isDatabaseUnavailable(cause, depth + 1) ||
    isDatabaseUnavailable(meta, depth + 1) ||
    // A failed raw query (P2010) carries the adapter's error here rather than in `meta`.
    isDatabaseUnavailable(driverAdapterError, depth + 1)
  );
}
