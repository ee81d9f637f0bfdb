// The language a message is written in: the writer's choice, or tinyld's guess among nl/de/en
// (short texts are unreliable, so the writer can correct it; no guess is stored then as null).
import { detect } from "tinyld";
import { messageLanguages, type MessageLanguage } from "./limits.ts";

export function isMessageLanguage(value: unknown): value is MessageLanguage {
  return typeof value === "string" && (messageLanguages as readonly string[]).includes(value);
}

export function messageLanguage(body: string, chosen?: string | null): MessageLanguage | null {
  if (isMessageLanguage(chosen)) return chosen;
  const guess = detect(body, { only: [...messageLanguages] });
  return isMessageLanguage(guess) ? guess : null;
}
