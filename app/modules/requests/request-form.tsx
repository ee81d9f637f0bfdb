// The partnership request form, shared by the new and edit pages: texts per language, taxonomy
// checkboxes, group size, timeframe, radius, cross-border. Works without JavaScript: after a refused
// submission the page shows what was sent (Conform's initial value), with the errors on their fields.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { Field, FormAlert, isChosen, shownValue, type FormField } from "~/components/ui/field.tsx";
import { useAppForm } from "~/components/ui/form.ts";
import { locales } from "~/modules/i18n/config.ts";
import { useMessageText } from "~/modules/i18n/translate.ts";
import type { Message } from "~/utils/forms.ts";
import type { Constraint } from "@conform-to/dom";
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
} from "./fields.ts";
import type { requestSchema } from "./schemas.ts";
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

/** The saved values as the form's fields hold them: text, and "on" for a ticked box. */
function formDefaults(values: RequestFormValues): Record<string, string | string[] | undefined> {
  const text = (value: string | number | null) => (value === null ? undefined : String(value));
  return {
    ...Object.fromEntries(
      locales.flatMap((locale) => [
        [titleField(locale), text(values[titleField(locale)])],
        [descriptionField(locale), text(values[descriptionField(locale)])],
      ]),
    ),
    activityTypes: values.activityTypes,
    topics: values.topics,
    ageGroups: values.ageGroups,
    partnerKinds: values.partnerKinds,
    workingLanguages: values.workingLanguages,
    groupSizeMin: text(values.groupSizeMin),
    groupSizeMax: text(values.groupSizeMax),
    startsOn: text(values.startsOn),
    endsOn: text(values.endsOn),
    flexible: values.flexible ? "on" : undefined,
    radiusKm: text(values.radiusKm),
    crossBorderOnly: values.crossBorderOnly ? "on" : undefined,
  };
}

function TextArea(props: { field: FormField; label: string; maxLength: number; lang: string }) {
  const errorText = useMessageText()(props.field.errors?.[0]);
  const id = `field-${props.field.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <textarea
        key={props.field.key}
        id={id}
        name={props.field.name}
        rows={6}
        lang={props.lang}
        maxLength={props.maxLength}
        defaultValue={shownValue(props.field) ?? ""}
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
  field: FormField;
  legend: string;
  hint: string;
  options: readonly string[];
  labelOf: (key: string) => string;
}) {
  const errorText = useMessageText()(props.field.errors?.[0]);
  const name = props.field.name;
  const id = `group-${name}`;
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
              key={props.field.key}
              id={`${id}-${key}`}
              name={name}
              value={key}
              defaultChecked={isChosen(props.field, key)}
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
  answer,
  constraints,
  children,
}: {
  values: RequestFormValues;
  /** The action's answer to the last submission. */
  answer: unknown;
  /** `formConstraints(requestSchema)`, from the page's loader. */
  constraints: Record<string, Constraint>;
  children: ReactNode;
}) {
  const { t } = useTranslation("requests");
  const [form, fields] = useAppForm<typeof requestSchema>(constraints, {
    id: "request",
    answer,
    defaultValue: formDefaults(values),
  });
  const field = (name: string) => (fields as unknown as Record<string, FormField>)[name]!;
  const textsError = useMessageText()(form.allErrors.texts?.[0] as Message | undefined);
  return (
    <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="stack-large request-form">
      <FormAlert errors={form.errors} />
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
              field={field(titleField(locale))}
              label={t("form.titleLabel")}
              lang={locale}
              maxLength={TITLE_MAX}
            />
            <TextArea
              field={field(descriptionField(locale))}
              label={t("form.descriptionLabel")}
              lang={locale}
              maxLength={DESCRIPTION_MAX}
            />
          </fieldset>
        ))}
      </fieldset>

      <CheckboxGroup
        field={fields.activityTypes}
        legend={t("form.activityTypes")}
        hint={t("form.chooseAtLeastOne")}
        options={activityTypes}
        labelOf={(key) => t(`taxonomy:activity.${key}`)}
      />
      <CheckboxGroup
        field={fields.topics}
        legend={t("form.topics")}
        hint={t("form.chooseAtLeastOne")}
        options={topics}
        labelOf={(key) => t(`taxonomy:topic.${key}`)}
      />
      <CheckboxGroup
        field={fields.ageGroups}
        legend={t("form.ageGroups")}
        hint={t("form.optionalChoice")}
        options={ageGroups}
        labelOf={(key) => t(`taxonomy:ageGroup.${key}`)}
      />
      <CheckboxGroup
        field={fields.partnerKinds}
        legend={t("form.partnerKinds")}
        hint={t("form.optionalChoice")}
        options={organisationKinds}
        labelOf={(key) => t(`taxonomy:kind.${key}`)}
      />
      <CheckboxGroup
        field={fields.workingLanguages}
        legend={t("form.workingLanguages")}
        hint={t("form.optionalChoice")}
        options={workingLanguages}
        labelOf={(key) => t(`taxonomy:language.${key}`)}
      />

      <fieldset className="choice-group">
        <legend>{t("form.groupSize")}</legend>
        <div className="field-pair">
          <Field
            field={fields.groupSizeMin}
            type="number"
            inputMode="numeric"
            min={GROUP_SIZE_MIN}
            max={GROUP_SIZE_MAX}
            label={t("form.groupSizeMin")}
          />
          <Field
            field={fields.groupSizeMax}
            type="number"
            inputMode="numeric"
            min={GROUP_SIZE_MIN}
            max={GROUP_SIZE_MAX}
            label={t("form.groupSizeMax")}
          />
        </div>
      </fieldset>

      <fieldset className="choice-group" aria-describedby="timeframe-hint">
        <legend>{t("form.timeframe")}</legend>
        <p id="timeframe-hint" className="hint">
          {t("form.timeframeHint")}
        </p>
        <div className="field-pair">
          <Field field={fields.startsOn} type="date" label={t("form.startsOn")} />
          <Field field={fields.endsOn} type="date" label={t("form.endsOn")} />
        </div>
        <div className="choice-single">
          <input
            type="checkbox"
            id="field-flexible"
            key={fields.flexible.key}
            name="flexible"
            value="on"
            defaultChecked={isChosen(fields.flexible, "on")}
          />
          <label htmlFor="field-flexible">{t("form.flexible")}</label>
        </div>
      </fieldset>

      <Field
        field={fields.radiusKm}
        type="number"
        inputMode="numeric"
        min={RADIUS_MIN}
        max={RADIUS_MAX}
        label={t("form.radius")}
        hint={t("form.radiusHint")}
      />
      <div className="choice-single">
        <input
          type="checkbox"
          id="field-crossBorderOnly"
          key={fields.crossBorderOnly.key}
          name="crossBorderOnly"
          value="on"
          defaultChecked={isChosen(fields.crossBorderOnly, "on")}
        />
        <label htmlFor="field-crossBorderOnly">{t("form.crossBorderOnly")}</label>
      </div>

      <div className="button-row">{children}</div>
    </Form>
  );
}
