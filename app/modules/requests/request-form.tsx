// The partnership request form, shared by the new and edit pages: texts per language, taxonomy
// checkboxes, group size, timeframe, radius, cross-border. Works without JavaScript.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Field, FormAlert } from "~/components/ui/field.tsx";
import { locales } from "~/modules/i18n/config.ts";
import { useErrorText } from "~/modules/i18n/translate.ts";
import {
  DESCRIPTION_MAX,
  descriptionField,
  GROUP_SIZE_MAX,
  GROUP_SIZE_MIN,
  RADIUS_DEFAULT,
  RADIUS_MAX,
  RADIUS_MIN,
  TITLE_MAX,
  titleField,
} from "./schemas.ts";
import {
  activityTypes,
  ageGroups,
  organisationKinds,
  topics,
  workingLanguages,
} from "~/modules/taxonomy/taxonomy.ts";

export type RequestFormValues = {
  titleNl: string | null;
  titleDe: string | null;
  titleEn: string | null;
  descriptionNl: string | null;
  descriptionDe: string | null;
  descriptionEn: string | null;
  activityTypes: string[];
  topics: string[];
  ageGroups: string[];
  partnerKinds: string[];
  workingLanguages: string[];
  groupSizeMin: number | null;
  groupSizeMax: number | null;
  startsOn: string | null;
  endsOn: string | null;
  flexible: boolean;
  radiusKm: number;
  crossBorderOnly: boolean;
};

export const emptyRequestForm: RequestFormValues = {
  titleNl: null,
  titleDe: null,
  titleEn: null,
  descriptionNl: null,
  descriptionDe: null,
  descriptionEn: null,
  activityTypes: [],
  topics: [],
  ageGroups: [],
  partnerKinds: [],
  workingLanguages: [],
  groupSizeMin: null,
  groupSizeMax: null,
  startsOn: null,
  endsOn: null,
  flexible: false,
  radiusKm: RADIUS_DEFAULT,
  crossBorderOnly: true,
};

type Errors = Record<string, string> | undefined;

function TextArea(props: {
  name: string;
  label: string;
  defaultValue: string | null;
  error?: string;
  maxLength: number;
  lang: string;
}) {
  const errorText = useErrorText()(props.error);
  const id = `field-${props.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <textarea
        id={id}
        name={props.name}
        rows={6}
        lang={props.lang}
        maxLength={props.maxLength}
        defaultValue={props.defaultValue ?? ""}
        aria-invalid={errorText ? true : undefined}
        aria-describedby={errorText ? `${id}-error` : undefined}
      />
      {errorText ? (
        <p id={`${id}-error`} className="field-error">
          {errorText}
        </p>
      ) : null}
    </div>
  );
}

function CheckboxGroup(props: {
  name: keyof RequestFormValues;
  legend: string;
  hint: string;
  options: readonly string[];
  labelOf: (key: string) => string;
  checked: string[];
  error?: string;
}) {
  const errorText = useErrorText()(props.error);
  const id = `group-${props.name}`;
  return (
    <fieldset
      className="choice-group"
      id={id}
      aria-describedby={[`${id}-hint`, errorText ? `${id}-error` : null].filter(Boolean).join(" ")}
    >
      <legend>{props.legend}</legend>
      <p id={`${id}-hint`} className="hint">
        {props.hint}
      </p>
      {errorText ? (
        <p id={`${id}-error`} className="field-error">
          {errorText}
        </p>
      ) : null}
      <ul className="choice-list">
        {props.options.map((key) => (
          <li key={key}>
            <input
              type="checkbox"
              id={`${id}-${key}`}
              name={props.name}
              value={key}
              defaultChecked={props.checked.includes(key)}
            />
            <label htmlFor={`${id}-${key}`}>{props.labelOf(key)}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function RequestForm({
  values,
  errors,
  formError,
  children,
}: {
  values: RequestFormValues;
  errors: Errors;
  formError?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation("requests");
  const errorText = useErrorText();
  const textsError = errorText(errors?.texts);
  return (
    <Form method="post" noValidate className="stack-large request-form">
      <FormAlert error={formError} />
      <fieldset
        className="choice-group"
        aria-describedby={textsError ? "texts-hint texts-error" : "texts-hint"}
      >
        <legend>{t("form.texts")}</legend>
        <p id="texts-hint" className="hint">
          {t("form.textsHint")}
        </p>
        {textsError ? (
          <p id="texts-error" className="field-error">
            {textsError}
          </p>
        ) : null}
        {locales.map((locale) => (
          <fieldset key={locale} className="language-texts">
            <legend>{t(`form.inLanguage.${locale}`)}</legend>
            <Field
              name={titleField(locale)}
              label={t("form.titleLabel")}
              lang={locale}
              defaultValue={values[titleField(locale)] ?? ""}
              maxLength={TITLE_MAX}
              error={errors?.[titleField(locale)]}
            />
            <TextArea
              name={descriptionField(locale)}
              label={t("form.descriptionLabel")}
              lang={locale}
              defaultValue={values[descriptionField(locale)]}
              maxLength={DESCRIPTION_MAX}
              error={errors?.[descriptionField(locale)]}
            />
          </fieldset>
        ))}
      </fieldset>

      <CheckboxGroup
        name="activityTypes"
        legend={t("form.activityTypes")}
        hint={t("form.chooseAtLeastOne")}
        options={activityTypes}
        labelOf={(key) => t(`taxonomy:activity.${key}`)}
        checked={values.activityTypes}
        error={errors?.activityTypes}
      />
      <CheckboxGroup
        name="topics"
        legend={t("form.topics")}
        hint={t("form.chooseAtLeastOne")}
        options={topics}
        labelOf={(key) => t(`taxonomy:topic.${key}`)}
        checked={values.topics}
        error={errors?.topics}
      />
      <CheckboxGroup
        name="ageGroups"
        legend={t("form.ageGroups")}
        hint={t("form.optionalChoice")}
        options={ageGroups}
        labelOf={(key) => t(`taxonomy:ageGroup.${key}`)}
        checked={values.ageGroups}
        error={errors?.ageGroups}
      />
      <CheckboxGroup
        name="partnerKinds"
        legend={t("form.partnerKinds")}
        hint={t("form.optionalChoice")}
        options={organisationKinds}
        labelOf={(key) => t(`taxonomy:kind.${key}`)}
        checked={values.partnerKinds}
        error={errors?.partnerKinds}
      />
      <CheckboxGroup
        name="workingLanguages"
        legend={t("form.workingLanguages")}
        hint={t("form.optionalChoice")}
        options={workingLanguages}
        labelOf={(key) => t(`taxonomy:language.${key}`)}
        checked={values.workingLanguages}
        error={errors?.workingLanguages}
      />

      <fieldset className="choice-group">
        <legend>{t("form.groupSize")}</legend>
        <div className="field-pair">
          <Field
            name="groupSizeMin"
            type="number"
            inputMode="numeric"
            min={GROUP_SIZE_MIN}
            max={GROUP_SIZE_MAX}
            label={t("form.groupSizeMin")}
            defaultValue={values.groupSizeMin ?? ""}
            error={errors?.groupSizeMin}
          />
          <Field
            name="groupSizeMax"
            type="number"
            inputMode="numeric"
            min={GROUP_SIZE_MIN}
            max={GROUP_SIZE_MAX}
            label={t("form.groupSizeMax")}
            defaultValue={values.groupSizeMax ?? ""}
            error={errors?.groupSizeMax}
          />
        </div>
      </fieldset>

      <fieldset className="choice-group" aria-describedby="timeframe-hint">
        <legend>{t("form.timeframe")}</legend>
        <p id="timeframe-hint" className="hint">
          {t("form.timeframeHint")}
        </p>
        <div className="field-pair">
          <Field
            name="startsOn"
            type="date"
            label={t("form.startsOn")}
            defaultValue={values.startsOn ?? ""}
            error={errors?.startsOn}
          />
          <Field
            name="endsOn"
            type="date"
            label={t("form.endsOn")}
            defaultValue={values.endsOn ?? ""}
            error={errors?.endsOn}
          />
        </div>
        <div className="choice-single">
          <input
            type="checkbox"
            id="field-flexible"
            name="flexible"
            value="on"
            defaultChecked={values.flexible}
          />
          <label htmlFor="field-flexible">{t("form.flexible")}</label>
        </div>
      </fieldset>

      <Field
        name="radiusKm"
        type="number"
        inputMode="numeric"
        min={RADIUS_MIN}
        max={RADIUS_MAX}
        label={t("form.radius")}
        hint={t("form.radiusHint")}
        defaultValue={values.radiusKm}
        error={errors?.radiusKm}
      />
      <div className="choice-single">
        <input
          type="checkbox"
          id="field-crossBorderOnly"
          name="crossBorderOnly"
          value="on"
          defaultChecked={values.crossBorderOnly}
        />
        <label htmlFor="field-crossBorderOnly">{t("form.crossBorderOnly")}</label>
      </div>

      <div className="button-row">{children}</div>
    </Form>
  );
}
