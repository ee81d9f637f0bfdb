import { describe, expect, it } from "vitest";
import { signUpSchema } from "~/modules/auth/schemas.ts";
import { organisationSchema } from "~/modules/organisations/schemas.ts";
import { requestSchema } from "~/modules/requests/schemas.ts";
import { formConstraints, schemaConstraints } from "./constraints.ts";

describe("constraints from the schemas", () => {
  it("are read once per schema for the loaders that send them", () => {
    const first = formConstraints(signUpSchema);
    expect(first).toEqual(schemaConstraints(signUpSchema));
    expect(formConstraints(signUpSchema)).toBe(first);
    expect(first.email).toEqual({ required: true, minLength: 1, maxLength: 254 });
  });

  it("reads required and the length limits, through trims, pipes and a final transform", () => {
    expect(schemaConstraints(signUpSchema)).toMatchObject({
      name: { required: true, minLength: 1, maxLength: 100 },
      email: { required: true, maxLength: 254 },
      password: { required: true, maxLength: 200 },
    });
    const organisation = schemaConstraints(organisationSchema);
    expect(organisation.name).toMatchObject({ required: true, maxLength: 120 });
    expect(organisation.address).toMatchObject({ required: false, maxLength: 200 });
    expect(organisation.lat).toEqual({ required: false });
  });

  it("marks optional texts as not required", () => {
    const request = schemaConstraints(requestSchema);
    expect(request.titleNl).toMatchObject({ required: false, maxLength: 120 });
  });
});
