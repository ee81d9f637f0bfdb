// The sizes of messaging, shared by the forms in the browser and the checks on the server.

/** A message's length in characters (the database holds it to the same). */
export const maxMessageLength = 5000;
/** The client's idempotency key (the database holds it to the same). */
export const minClientKeyLength = 8;
export const maxClientKeyLength = 100;
/** A report's free text. */
export const maxReportNoteLength = 2000;
/** Threads per inbox page. */
export const INBOX_PAGE_SIZE = 20;
/** The newest messages a thread page shows. */
export const THREAD_MESSAGE_LIMIT = 200;

/** The languages a writer can choose for a message (and the detector chooses among). */
export const messageLanguages = ["nl", "de", "en"] as const;
export type MessageLanguage = (typeof messageLanguages)[number];

export const reportReasons = [
  "spam",
  "harassment",
  "inappropriate",
  "child_safety",
  "fraud",
  "other",
] as const;
export type ReportReasonName = (typeof reportReasons)[number];
