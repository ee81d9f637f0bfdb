// What each service page says, section by section, as keys into locales/*/site.json; the privacy
// statement follows what the code stores (prisma/schema.prisma, the auth, mail and privacy modules).
import type { Section } from "./service-page.tsx";

export const imprintSections: readonly Section[] = [
  {
    id: "operator",
    blocks: [{ address: true }, { paragraph: "legalForm" }, { paragraph: "representative" }],
  },
  {
    id: "contact",
    blocks: [{ mail: "email" }, { paragraph: "phone" }, { link: "contactLink", to: "/contact" }],
  },
  { id: "responsible", blocks: [{ paragraph: "text" }] },
  { id: "userContent", blocks: [{ paragraph: "text" }, { paragraph: "report" }] },
  { id: "links", blocks: [{ paragraph: "text" }] },
  { id: "mapData", blocks: [{ paragraph: "text" }, { list: "sources", items: ["nl", "de", "world"] }] },
];

export const privacySections: readonly Section[] = [
  {
    id: "summary",
    blocks: [{ list: "points", items: ["onlyNeeded", "noTracking", "noThirdParties", "sealed", "rights"] }],
  },
  { id: "controller", blocks: [{ address: true }, { mail: "email" }, { paragraph: "officer" }] },
  { id: "account", blocks: [{ paragraph: "what" }, { paragraph: "why" }, { paragraph: "kept" }] },
  { id: "sessions", blocks: [{ paragraph: "text" }] },
  { id: "emailLinks", blocks: [{ paragraph: "text" }] },
  { id: "rateLimits", blocks: [{ paragraph: "text" }] },
  { id: "mail", blocks: [{ paragraph: "text" }, { paragraph: "outbox" }] },
  {
    id: "organisations",
    blocks: [
      { paragraph: "what" },
      { paragraph: "public" },
      { paragraph: "logos" },
      { paragraph: "members" },
      { paragraph: "invitations" },
    ],
  },
  { id: "requests", blocks: [{ paragraph: "text" }] },
  { id: "staff", blocks: [{ paragraph: "text" }] },
  {
    id: "cookies",
    blocks: [
      { paragraph: "intro" },
      { list: "items", items: ["session", "signup", "locale", "notice"] },
      { paragraph: "consent" },
    ],
  },
  { id: "thirdParties", blocks: [{ paragraph: "text" }, { paragraph: "hosting" }] },
  {
    id: "rights",
    blocks: [
      { paragraph: "intro" },
      {
        list: "items",
        items: ["access", "rectification", "erasure", "restriction", "objection", "portability"],
      },
      { link: "accountLink", to: "/account" },
      { paragraph: "deletion" },
    ],
  },
  { id: "complaint", blocks: [{ paragraph: "text" }] },
];

export const accessibilitySections: readonly Section[] = [
  { id: "scope", blocks: [{ paragraph: "text" }] },
  { id: "status", blocks: [{ paragraph: "text" }] },
  {
    id: "testing",
    blocks: [
      { paragraph: "intro" },
      { list: "items", items: ["axe", "keyboard", "screenReader", "phone", "language", "noScript"] },
    ],
  },
  {
    id: "limitations",
    blocks: [{ paragraph: "intro" }, { list: "items", items: ["map", "userContent", "audit"] }],
  },
  {
    id: "feedback",
    blocks: [{ paragraph: "text" }, { mail: "email" }, { link: "contactLink", to: "/contact" }],
  },
  { id: "enforcement", blocks: [{ paragraph: "text" }, { paragraph: "countries" }] },
  { id: "prepared", blocks: [{ paragraph: "text" }] },
];

export const contactSections: readonly Section[] = [
  { id: "office", blocks: [{ address: true }, { mail: "email" }, { paragraph: "phone" }] },
  {
    id: "problem",
    blocks: [
      { paragraph: "intro" },
      { list: "items", items: ["page", "what", "device"] },
      { link: "accessibilityLink", to: "/accessibility" },
    ],
  },
  { id: "content", blocks: [{ paragraph: "text" }] },
  {
    id: "verification",
    blocks: [
      { paragraph: "intro" },
      { list: "steps", items: ["account", "register", "pending", "check", "verified"], ordered: true },
      { paragraph: "badge" },
    ],
  },
  { id: "privacy", blocks: [{ paragraph: "text" }, { link: "privacyLink", to: "/privacy-statement" }] },
];
