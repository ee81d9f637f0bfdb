// What the match pages hand the browser: plain shapes, shared by the services that build them and
// the components that show them (server modules stay out of the browser's code, types included).
import type { MatchStatus } from "~/generated/prisma/enums.ts";
import type { Reason } from "./score.ts";

export type FitWithMatch = {
  organisation: { slug: string; name: string };
  partner: string;
  request: string | null;
  score: number;
  reasons: Reason[];
  /** The open match between the two, if any, and whether it waits for the viewer's answer. */
  match: { id: string; status: MatchStatus; waitingForUs: boolean } | null;
};
