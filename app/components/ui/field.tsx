// A labelled form field whose error and hint are tied to the input for screen readers. Given a
// Conform field (`field`), it takes its name, the value to show again, its constraints (from the
// form's schema) and its first error from it; plain `name`/`error` serve the search forms.
import type { FieldMetadata } from "@conform-to/react";
import { useActionData } from "@remix-run/react";
import { useEffect, useRef, useState, type InputHTMLAttributes, type ReactNode } from "react";
import { useMessageText } from "~/modules/i18n/translate.ts";
import type { Message } from "~/utils/forms.ts";

// Conform's metadata for a field of any value, with our messages as its errors.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FormField = FieldMetadata<any, any, Message[]>;

type Described = { error?: Message | string; field?: FormField };

/** The first error: the form's own for this field, or the one passed by hand. */
function firstError({ error, field }: Described): Message | string | undefined {
  return field?.errors?.[0] ?? error;
}

/** The text an input shows: Conform's initial value (the useForm default, or what was sent last). */
export function shownValue(field: FormField | undefined): string | undefined {
  const value: unknown = field?.initialValue;
  return typeof value === "string" ? value : undefined;
}

/** Whether a checkbox's or an option's value is among the field's initial values. */
export function isChosen(field: FormField, value: string): boolean {
  const initial: unknown = field.initialValue;
  return Array.isArray(initial) ? initial.includes(value) : initial === value;
}

/** The HTML constraints read from the form's schema (app/utils/constraints.ts). */
function constraintsOf(field: FormField | undefined) {
  if (!field) return {};
  return {
    required: field.required || undefined,
    maxLength: field.maxLength,
    minLength: field.minLength,
    min: field.min,
    max: field.max,
  };
}

function FieldError({ id, text }: { id: string; text?: string }) {
  if (!text) return null;
  return (
    <p id={`${id}-error`} className="field-error">
      {text}
    </p>
  );
}

type FieldProps = {
  name?: string;
  label: string;
  hint?: string;
} & Described &
  Omit<InputHTMLAttributes<HTMLInputElement>, "name">;

export function Field({ name: given, label, error, field, hint, id, ...input }: FieldProps) {
  const name = field?.name ?? given ?? "";
  id ??= `field-${name}`;
  const errorText = useMessageText()(firstError({ error, field }));
  // A form's field shows Conform's initial value: the useForm default, or what was sent last.
  const shown = field ? { defaultValue: shownValue(field) } : {};
  const describedBy = [hint ? `${id}-hint` : null, errorText ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        key={field?.key}
        id={id}
        name={name}
        aria-invalid={errorText ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...constraintsOf(field)}
        {...input}
        {...shown}
      />
      <FieldError id={id} text={errorText} />
    </div>
  );
}

type SelectOption = { value: string; label: string };

type SelectProps = {
  name?: string;
  label: string;
  hint?: string;
  /** Plain options first (e.g. "any"), then the groups as <optgroup>s. */
  options: SelectOption[];
  groups?: { label: string; options: SelectOption[] }[];
  defaultValue?: string;
  required?: boolean;
  id?: string;
  /** Added to the field's wrapper, e.g. for a rule that shows the field for one choice only. */
  className?: string;
} & Described;

function renderOptions(options: SelectOption[]) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}

export function SelectField({
  name: given,
  label,
  error,
  field,
  hint,
  options,
  groups = [],
  defaultValue,
  required,
  id,
  className,
}: SelectProps) {
  const name = field?.name ?? given ?? "";
  id ??= `field-${name}`;
  const errorText = useMessageText()(firstError({ error, field }));
  const describedBy = [hint ? `${id}-hint` : null, errorText ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      <select
        key={field?.key}
        id={id}
        name={name}
        defaultValue={shownValue(field) ?? defaultValue}
        required={required ?? (field?.required || undefined)}
        aria-invalid={errorText ? true : undefined}
        aria-describedby={describedBy || undefined}
      >
        {renderOptions(options)}
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {renderOptions(group.options)}
          </optgroup>
        ))}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={id} text={errorText} />
    </div>
  );
}

export function CheckboxField({
  name: given,
  label,
  error,
  field,
  value = "yes",
  defaultChecked,
  id,
}: {
  name?: string;
  label: string;
  value?: string;
  defaultChecked?: boolean;
  id?: string;
} & Described) {
  const name = field?.name ?? given ?? "";
  id ??= `field-${name}`;
  const errorText = useMessageText()(firstError({ error, field }));
  const checked = field ? isChosen(field, value) : defaultChecked;
  return (
    <div className="field field-checkbox">
      <input
        id={id}
        name={name}
        type="checkbox"
        key={field?.key}
        value={value}
        defaultChecked={checked}
        aria-invalid={errorText ? true : undefined}
        aria-describedby={errorText ? `${id}-error` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      <FieldError id={id} text={errorText} />
    </div>
  );
}

type InvalidField = { id: string; label: string };

/** The labelled fields of the alert's form that are marked invalid, in the form's order. */
function invalidFieldsOf(form: HTMLFormElement): InvalidField[] {
  return [...form.querySelectorAll<HTMLElement>('[aria-invalid="true"][id]')].flatMap((input) => {
    const label = form.querySelector(`label[for="${CSS.escape(input.id)}"]`)?.textContent?.trim();
    return label ? [{ id: input.id, label }] : [];
  });
}

/**
 * The form's own error (Conform's `form.errors`), or one passed by hand. After a refused submission
 * it takes the focus and scrolls into view, so a long form's message is not 2,000 px above where the
 * reader pressed "save", and it links to each marked field. (Without JavaScript the answer is a new
 * page that opens at the top, with the message first.)
 */
export function FormAlert({ error, errors }: { error?: Message | string; errors?: Message[] }) {
  const text = useMessageText()(errors?.[0] ?? error);
  const answer = useActionData();
  const ref = useRef<HTMLDivElement>(null);
  const [invalid, setInvalid] = useState<InvalidField[]>([]);
  useEffect(() => {
    const alert = ref.current;
    if (!alert || !text || answer === undefined) return;
    const form = alert.closest("form");
    setInvalid(form ? invalidFieldsOf(form) : []);
    alert.focus();
    alert.scrollIntoView({ block: "start" });
  }, [answer, text]);
  if (!text) return null;
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      <p>{text}</p>
      {invalid.length > 0 && (
        <ul className="alert-links">
          {invalid.map((field) => (
            <li key={field.id}>
              <a
                href={`#${field.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(field.id)?.focus();
                }}
              >
                {field.label}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}

type RadioOption = { value: string; label: string; hint?: string };

/** One choice of a few, each with its label and an optional hint, grouped under a legend. */
export function RadioGroupField({
  field,
  legend,
  options,
  className,
}: {
  field: FormField;
  legend: string;
  options: RadioOption[];
  className?: string;
}) {
  const errorText = useMessageText()(field.errors?.[0]);
  const id = `group-${field.name}`;
  return (
    <fieldset className={className} id={id} aria-describedby={errorText ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <FieldError id={id} text={errorText} />
      {options.map((option) => {
        const optionId = `${id}-${option.value}`;
        return (
          <div key={option.value} className="radio-option">
            <input
              type="radio"
              key={field.key}
              id={optionId}
              name={field.name}
              value={option.value}
              defaultChecked={isChosen(field, option.value)}
              aria-describedby={option.hint ? `${optionId}-hint` : undefined}
            />
            <label htmlFor={optionId}>{option.label}</label>
            {option.hint ? (
              <p id={`${optionId}-hint`} className="hint">
                {option.hint}
              </p>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
