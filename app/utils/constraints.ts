// The HTML constraints of a form's fields (required, minlength/maxlength, min/max), read from its Zod
// schema, so the limits live in one place. Conform's getZodConstraint would do this, but with Zod 4.6
// it finds no lengths (it reads `_zod.bag`, which Zod no longer fills when a check is added) and it
// refuses a schema that ends in `.transform()`, as ours do; see docs/decisions/0017-forms-on-conform.md.
import type { Constraint } from "@conform-to/dom";
import type { z } from "zod";

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  in?: z.ZodType;
  out?: z.ZodType;
  innerType?: z.ZodType;
  checks?: {
    _zod: { def: { check: string; maximum?: number; minimum?: number; value?: number; inclusive?: boolean } };
  }[];
};

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The checked schema of a pipe: after a preprocess's transform, or before a `.transform()`. */
const checkedSide = (def: Def) => (defOf(def.in!).type === "transform" ? def.out! : def.in!);

/** One field's constraint, following wrappers (optional, default, pipes of preprocess and transform). */
function fieldConstraint(schema: z.ZodType, constraint: Constraint = { required: true }): Constraint {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "default":
      return fieldConstraint(def.innerType!, { ...constraint, required: false });
    case "nullable":
    case "readonly":
      return fieldConstraint(def.innerType!, constraint);
    case "pipe":
      return fieldConstraint(checkedSide(def), constraint);
    case "unknown":
    case "any":
      return { ...constraint, required: false };
  }
  const limits: Constraint = { ...constraint };
  for (const check of def.checks ?? []) {
    const { check: kind, maximum, minimum, value, inclusive } = check._zod.def;
    if (kind === "max_length") limits.maxLength = maximum;
    else if (kind === "min_length") limits.minLength = minimum;
    else if (kind === "less_than" && inclusive) limits.max = value;
    else if (kind === "greater_than" && inclusive) limits.min = value;
  }
  return limits;
}

/** The object at the schema's root, through refinements and a final transform. */
function rootShape(schema: z.ZodType): Record<string, z.ZodType> {
  const def = defOf(schema);
  if (def.type === "object") return def.shape ?? {};
  if (def.type === "pipe") return rootShape(checkedSide(def));
  return {};
}

/** Each top-level field's constraint. */
export function schemaConstraints(schema: z.ZodType): Record<string, Constraint> {
  return Object.fromEntries(
    Object.entries(rootShape(schema)).map(([name, field]) => [name, fieldConstraint(field)]),
  );
}

const computed = new WeakMap<z.ZodType, Record<string, Constraint>>();

/** For loaders: a form's constraints, read once per schema, for the page to pass to useAppForm. */
export function formConstraints(schema: z.ZodType): Record<string, Constraint> {
  let constraints = computed.get(schema);
  if (!constraints) {
    constraints = schemaConstraints(schema);
    computed.set(schema, constraints);
  }
  return constraints;
}
