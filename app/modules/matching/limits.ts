// Limits shared by the match forms and the service that checks them.

/** The first side's message to the other, in characters. */
export const maxMessageLength = 1000;

/** A staff member's promotion note, per language, in characters. */
export const maxPromotionNoteLength = 500;
