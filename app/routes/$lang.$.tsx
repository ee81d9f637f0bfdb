// Any other path under a locale: the translated 404 page.
import { httpError } from "~/utils/http.server.ts";

export function loader() {
  throw httpError(404, "common:errors.notFoundText");
}

export function action() {
  throw httpError(404, "common:errors.notFoundText");
}

export default function NotFound() {
  return null;
}
