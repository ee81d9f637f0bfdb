// Platform roles: who counts as staff. Pure, so pages and services ask the same question.
import type { Role } from "~/generated/prisma/enums.ts";

export function isStaff(user: { role: Role } | null | undefined): boolean {
  return user?.role === "staff" || user?.role === "admin";
}
