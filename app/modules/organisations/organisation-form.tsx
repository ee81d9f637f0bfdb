// The organisation profile form, shared by the create and edit pages. It works without JavaScript;
// every error is tied to its field.
import { Form } from "@remix-run/react";
import { useState, type FormEvent, type ReactNode, type TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { Field, FormAlert, SelectField } from "~/components/ui/field.tsx";
import { locales, type Locale } from "~/modules/i18n/config.ts";
import { useErrorText } from "~/modules/i18n/translate.ts";
import {
  countries,
  languageLevels,
  languages,
  organisationKinds,
  schoolLevels,
  sizeRanges,
  sports,
} from "~/modules/taxonomy/taxonomy.ts";
import { LocationField, type LocationOptions } from "./location-field.tsx";
import { DESCRIPTION_MAX, languageFieldName } from "./schemas.ts";

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

type MunicipalityGroup = { country: "NL" | "DE"; options: { value: string; label: string }[] };

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
}: { name: string; label: string; hint?: string; error?: string; id?: string } & Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  "name"
>) {
  const errorText = useErrorText()(error);
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

function MunicipalitySelect({
  groups,
  defaultValue,
  error,
  hint,
}: {
  groups: MunicipalityGroup[];
  defaultValue: string;
  error?: string;
  hint: string;
}) {
  const { t } = useTranslation("organisations");
  return (
    <SelectField
      name="municipalityCode"
      label={t("form.municipality")}
      hint={hint}
      error={error}
      defaultValue={defaultValue}
      required
      options={[{ value: "", label: t("form.choose") }]}
      groups={groups.map((group) => ({
        label: t(`taxonomy:country.${group.country}`),
        options: group.options,
      }))}
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

/** Reads a field's starting value: what was just submitted, else the saved profile. */
function startingValues(values: OrganisationFormValues | undefined, submitted?: Record<string, string>) {
  return (name: string): string => {
    if (submitted) return submitted[name] ?? "";
    if (!values) return "";
    if (name.startsWith("level_")) {
      const language = name.slice("level_".length);
      return values.languages.find((entry) => entry.language === language)?.level ?? "";
    }
    const value = values[name as keyof Omit<OrganisationFormValues, "languages">];
    return value === null ? "" : String(value);
  };
}

export function OrganisationForm({
  values,
  submitted,
  municipalities,
  location,
  fieldErrors = {},
  formError,
  submitLabel,
  busy,
  logo,
}: {
  values?: OrganisationFormValues;
  submitted?: Record<string, string>;
  municipalities: MunicipalityGroup[];
  location: LocationOptions;
  fieldErrors?: Record<string, string>;
  formError?: string;
  submitLabel: string;
  busy: boolean;
  logo?: { src: string; alt: string } | null;
}) {
  const { t } = useTranslation("organisations");
  const start = startingValues(values, submitted);
  const optional = (key: string) => [{ value: "", label: t(key) }];
  const [municipalityCode, setMunicipalityCode] = useState(start("municipalityCode"));
  const municipalityName = (code: string) =>
    municipalities.flatMap((group) => group.options).find((option) => option.value === code)?.label ?? "";
  // The pin follows the municipality select.
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const field = event.target as HTMLSelectElement;
    if (field.name === "municipalityCode") setMunicipalityCode(field.value);
  };

  return (
    <Form method="post" encType="multipart/form-data" noValidate className="stack-large" onChange={onChange}>
      <FormAlert error={formError} />

      <Section id="basics" title={t("form.basics")}>
        <Field
          name="name"
          label={t("form.name")}
          defaultValue={start("name")}
          required
          maxLength={120}
          autoComplete="organization"
          error={fieldErrors.name}
        />
        <SelectField
          name="kind"
          label={t("form.kind")}
          defaultValue={start("kind")}
          error={fieldErrors.kind}
          options={[
            ...optional("form.choose"),
            ...organisationKinds.map((kind) => ({ value: kind, label: t(`taxonomy:kind.${kind}`) })),
          ]}
        />
        <SelectField
          name="schoolLevel"
          label={t("form.schoolLevel")}
          defaultValue={start("schoolLevel")}
          error={fieldErrors.schoolLevel}
          options={[
            ...optional("form.onlySchools"),
            ...schoolLevels.map((level) => ({ value: level, label: t(`taxonomy:schoolLevel.${level}`) })),
          ]}
        />
        <SelectField
          name="sport"
          label={t("form.sport")}
          defaultValue={start("sport")}
          error={fieldErrors.sport}
          options={[
            ...optional("form.onlySportsClubs"),
            ...sports.map((sport) => ({ value: sport, label: t(`taxonomy:sport.${sport}`) })),
          ]}
        />
        <SelectField
          name="sizeRange"
          label={t("form.size")}
          defaultValue={start("sizeRange")}
          error={fieldErrors.sizeRange}
          options={[
            ...optional("form.notGiven"),
            ...sizeRanges.map((size) => ({ value: size, label: t(`taxonomy:size.${size}`) })),
          ]}
        />
      </Section>

      <Section id="place" title={t("form.place")}>
        <SelectField
          name="country"
          label={t("form.country")}
          defaultValue={start("country")}
          error={fieldErrors.country}
          options={[
            ...optional("form.choose"),
            ...countries.map((country) => ({ value: country, label: t(`taxonomy:country.${country}`) })),
          ]}
        />
        <MunicipalitySelect
          groups={municipalities}
          defaultValue={start("municipalityCode")}
          error={fieldErrors.municipalityCode}
          hint={t("form.municipalityHint")}
        />
        <Field
          name="address"
          label={t("form.address")}
          hint={t("form.addressHint")}
          defaultValue={start("address")}
          maxLength={200}
          autoComplete="street-address"
          error={fieldErrors.address}
        />
        <Field
          name="website"
          type="url"
          label={t("form.website")}
          hint={t("form.websiteHint")}
          defaultValue={start("website")}
          maxLength={300}
          autoComplete="url"
          error={fieldErrors.website}
        />
      </Section>

      <LocationField
        options={location}
        municipalityCode={municipalityCode}
        municipalityName={municipalityName(municipalityCode)}
        sentMunicipalityName={municipalityName(start("municipalityCode"))}
        start={{ lat: start("lat"), lon: start("lon") }}
        error={fieldErrors.location}
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
            error={fieldErrors[descriptionField[locale]]}
          />
        ))}
      </Section>

      <Section id="languages" title={t("form.languages")}>
        <p className="hint">{t("form.languagesHint")}</p>
        <div className="language-grid">
          {languages.map((language) => (
            <SelectField
              key={language}
              name={languageFieldName(language)}
              label={t(`taxonomy:language.${language}`)}
              defaultValue={start(languageFieldName(language))}
              error={fieldErrors[languageFieldName(language)]}
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
              <input type="checkbox" id="field-removeLogo" name="removeLogo" />
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
          error={fieldErrors.logo}
        />
      </Section>

      <button type="submit" className="button" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
