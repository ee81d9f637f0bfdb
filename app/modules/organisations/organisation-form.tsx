// The organisation profile form, shared by the create and edit pages. It works without JavaScript;
// every error is tied to its field.
import { Form } from "@remix-run/react";
import { useState, type FormEvent, type ReactNode, type TextareaHTMLAttributes } from "react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { Field, FormAlert, SelectField, shownValue, type FormField } from "~/components/ui/field.tsx";
import { isFormAnswer } from "~/components/ui/form-answer.ts";
import { useAppForm } from "~/components/ui/form.ts";
import { locales, type Locale } from "~/modules/i18n/config.ts";
import { useMessageText } from "~/modules/i18n/translate.ts";
import type { Message } from "~/utils/forms.ts";
import {
  countries,
  languageLevels,
  languages,
  organisationKinds,
  schoolLevels,
  sizeRanges,
  sports,
} from "~/modules/taxonomy/taxonomy.ts";
import type { MunicipalityGroup } from "~/modules/places/municipalities.ts";
import { municipalityGroupLabel } from "~/modules/places/municipality-groups.ts";
import { useHydrated } from "~/utils/hydrated.ts";
import { LocationField, type LocationOptions } from "./location-field.tsx";
import type { Constraint } from "@conform-to/dom";
import { DESCRIPTION_MAX, languageFieldName } from "./fields.ts";
import type { organisationSchema } from "./schemas.ts";

export type OrganisationFormValues = {
  kind: string;
  schoolLevel: string | null;
  sport: string | null;
  name: string;
  country: string;
  municipalityCode: string;
  lat: number;
  lon: number;
  address: string;
  descriptionNl: string | null;
  descriptionDe: string | null;
  descriptionEn: string | null;
  sizeRange: string | null;
  website: string | null;
  languages: { language: string; level: string }[];
};

function describedBy(id: string, hint: boolean, error: boolean) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function FieldMessages({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

function TextArea({
  name,
  label,
  hint,
  error,
  id = `field-${name}`,
  ...textarea
}: { name: string; label: string; hint?: string; error?: Message; id?: string } & Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  "name"
>) {
  const errorText = useMessageText()(error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        rows={6}
        aria-invalid={errorText ? true : undefined}
        aria-describedby={describedBy(id, !!hint, !!errorText)}
        {...textarea}
      />
      <FieldMessages id={id} hint={hint} error={errorText} />
    </div>
  );
}

/**
 * The municipality select: with JavaScript only the chosen country's places; without it all of them
 * (the country select cannot narrow it then, and the service refuses a place in the other country).
 */
function MunicipalitySelect({
  groups,
  country,
  defaultValue,
  error,
  hint,
}: {
  groups: MunicipalityGroup[];
  country: string;
  defaultValue: string;
  error?: Message;
  hint: string;
}) {
  const { t } = useTranslation("organisations");
  const hydrated = useHydrated();
  const shown = hydrated && country ? groups.filter((group) => group.country === country) : groups;
  return (
    <SelectField
      name="municipalityCode"
      label={t("form.municipality")}
      hint={hint}
      error={error}
      defaultValue={defaultValue}
      required
      options={[{ value: "", label: t("form.choose") }]}
      groups={shown.map((group) => ({ label: municipalityGroupLabel(t, group), options: group.options }))}
    />
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <fieldset className="card stack" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`} className="section-legend">
        {title}
      </legend>
      {children}
    </fieldset>
  );
}

const descriptionField = { nl: "descriptionNl", de: "descriptionDe", en: "descriptionEn" } as const;

/** The saved profile as the form's fields hold it (one select per language, `level_<language>`). */
function formDefaults(values: OrganisationFormValues | undefined): Record<string, string | undefined> {
  if (!values) return {};
  const { languages: spoken, ...profile } = values;
  return {
    ...Object.fromEntries(
      Object.entries(profile).map(([name, value]) => [name, value === null ? undefined : String(value)]),
    ),
    ...Object.fromEntries(spoken.map((entry) => [languageFieldName(entry.language), entry.level])),
  };
}

export function OrganisationForm({
  values,
  answer,
  municipalities,
  location,
  submitLabel,
  busy,
  logo,
  constraints,
}: {
  values?: OrganisationFormValues;
  /** `formConstraints(organisationSchema)`, from the page's loader. */
  constraints: Record<string, Constraint>;
  /** The action's answer to the last submission: its errors, and what was sent, shown again. */
  answer: unknown;
  municipalities: MunicipalityGroup[];
  location: LocationOptions;
  submitLabel: string;
  busy: boolean;
  logo?: { src: string; alt: string } | null;
}) {
  const { t } = useTranslation("organisations");
  const [form, fields] = useAppForm<typeof organisationSchema>(constraints, {
    id: "organisation",
    answer,
    defaultValue: formDefaults(values),
  });
  const field = (name: string) => (fields as unknown as Record<string, FormField>)[name]!;
  /** A field's starting text: what was sent last, else the saved profile. */
  const start = (name: string) => shownValue(field(name)) ?? "";
  // The pin starts where the last refused submission put it, else at the saved point (the pin's
  // own inputs change under Conform's watch, so its state is not the saved point after a save).
  const refused = isFormAnswer(answer) ? answer.initialValue : null;
  const pointStart = (name: "lat" | "lon") =>
    refused ? String(refused[name] ?? "") : values ? String(values[name]) : "";
  /** Errors by field name, also for names outside the schema (`location`, `logo`). */
  const errorOf = (name: string) => form.allErrors[name]?.[0] as Message | undefined;
  const optional = (key: string) => [{ value: "", label: t(key) }];
  const [municipalityCode, setMunicipalityCode] = useState(start("municipalityCode"));
  const [country, setCountry] = useState(start("country"));
  const municipalityName = (code: string) =>
    municipalities.flatMap((group) => group.options).find((option) => option.value === code)?.label ?? "";
  // The pin follows the municipality select.
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const field = event.target as HTMLSelectElement;
    if (field.name === "municipalityCode") setMunicipalityCode(field.value);
    if (field.name === "country") setCountry(field.value);
  };

  return (
    <Form
      method="post"
      encType="multipart/form-data"
      id={form.id}
      onSubmit={form.onSubmit}
      noValidate
      className="stack-large"
      onChange={onChange}
    >
      <FormAlert errors={form.errors} />

      <Section id="basics" title={t("form.basics")}>
        <Field field={fields.name} label={t("form.name")} autoComplete="organization" />
        <SelectField
          field={fields.kind}
          label={t("form.kind")}
          options={[
            ...optional("form.choose"),
            ...organisationKinds.map((kind) => ({ value: kind, label: t(`taxonomy:kind.${kind}`) })),
          ]}
        />
        <SelectField
          field={fields.schoolLevel}
          className="for-kind-school"
          label={t("form.schoolLevel")}
          options={[
            ...optional("form.onlySchools"),
            ...schoolLevels.map((level) => ({ value: level, label: t(`taxonomy:schoolLevel.${level}`) })),
          ]}
        />
        <SelectField
          field={fields.sport}
          className="for-kind-sports-club"
          label={t("form.sport")}
          options={[
            ...optional("form.onlySportsClubs"),
            ...sports.map((sport) => ({ value: sport, label: t(`taxonomy:sport.${sport}`) })),
          ]}
        />
        <SelectField
          field={fields.sizeRange}
          label={t("form.size")}
          options={[
            ...optional("form.notGiven"),
            ...sizeRanges.map((size) => ({ value: size, label: t(`taxonomy:size.${size}`) })),
          ]}
        />
      </Section>

      <Section id="place" title={t("form.place")}>
        <SelectField
          field={fields.country}
          label={t("form.country")}
          options={[
            ...optional("form.choose"),
            ...countries.map((country) => ({ value: country, label: t(`taxonomy:country.${country}`) })),
          ]}
        />
        <MunicipalitySelect
          groups={municipalities}
          country={country}
          defaultValue={start("municipalityCode")}
          error={errorOf("municipalityCode")}
          hint={t("form.municipalityHint")}
        />
        <Field
          field={fields.address}
          label={t("form.address")}
          hint={t("form.addressHint")}
          autoComplete="street-address"
        />
        <Field
          field={fields.website}
          type="url"
          label={t("form.website")}
          hint={t("form.websiteHint")}
          autoComplete="url"
        />
      </Section>

      <LocationField
        options={location}
        municipalityCode={municipalityCode}
        municipalityName={municipalityName(municipalityCode)}
        sentMunicipalityName={municipalityName(start("municipalityCode"))}
        start={{ lat: pointStart("lat"), lon: pointStart("lon") }}
        error={errorOf("location")}
      />

      <Section id="about" title={t("form.about")}>
        <p className="hint">{t("form.descriptionHint")}</p>
        {locales.map((locale: Locale) => (
          <TextArea
            key={locale}
            name={descriptionField[locale]}
            label={t(`form.description.${locale}`)}
            lang={locale}
            defaultValue={start(descriptionField[locale])}
            maxLength={DESCRIPTION_MAX}
            error={errorOf(descriptionField[locale])}
          />
        ))}
      </Section>

      <Section id="languages" title={t("form.languages")}>
        <p className="hint">{t("form.languagesHint")}</p>
        <div className="language-grid">
          {languages.map((language) => (
            <SelectField
              key={language}
              field={field(languageFieldName(language))}
              label={t(`taxonomy:language.${language}`)}
              options={[
                ...optional("form.notSpoken"),
                ...languageLevels.map((level) => ({ value: level, label: t(`taxonomy:level.${level}`) })),
              ]}
            />
          ))}
        </div>
      </Section>

      <Section id="logo" title={t("form.logo")}>
        {logo ? (
          <div className="stack">
            <img src={logo.src} alt={logo.alt} className="logo-preview" width={120} height={120} />
            <div className="checkbox">
              <input
                type="checkbox"
                id="field-removeLogo"
                name="removeLogo"
                defaultChecked={start("removeLogo") !== ""}
              />
              <label htmlFor="field-removeLogo">{t("form.removeLogo")}</label>
            </div>
          </div>
        ) : null}
        <Field
          name="logo"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          label={logo ? t("form.replaceLogo") : t("form.logoFile")}
          hint={t("form.logoHint")}
          error={errorOf("logo")}
        />
      </Section>

      <button type="submit" className="button" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
