// A labelled form field whose error and hint are tied to the input for screen readers.
import type { InputHTMLAttributes, ReactNode } from "react";
import { useErrorText } from "~/modules/i18n/translate.ts";

function FieldError({ id, text }: { id: string; text?: string }) {
  if (!text) return null;
  return (
    <p id={`${id}-error`} className="field-error">
      {text}
    </p>
  );
}

type FieldProps = {
  name: string;
  label: string;
  error?: string;
  hint?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name">;

export function Field({ name, label, error, hint, id = `field-${name}`, ...input }: FieldProps) {
  const errorText = useErrorText()(error);
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
        id={id}
        name={name}
        aria-invalid={errorText ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      <FieldError id={id} text={errorText} />
    </div>
  );
}

type SelectOption = { value: string; label: string };

type SelectProps = {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  /** Plain options first (e.g. "any"), then the groups as <optgroup>s. */
  options: SelectOption[];
  groups?: { label: string; options: SelectOption[] }[];
  defaultValue?: string;
  required?: boolean;
  id?: string;
};

function renderOptions(options: SelectOption[]) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}

export function SelectField({
  name,
  label,
  error,
  hint,
  options,
  groups = [],
  defaultValue,
  required,
  id = `field-${name}`,
}: SelectProps) {
  const errorText = useErrorText()(error);
  const describedBy = [hint ? `${id}-hint` : null, errorText ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        required={required}
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
  name,
  label,
  error,
  value = "yes",
  defaultChecked,
  id = `field-${name}`,
}: {
  name: string;
  label: string;
  error?: string;
  value?: string;
  defaultChecked?: boolean;
  id?: string;
}) {
  const errorText = useErrorText()(error);
  return (
    <div className="field field-checkbox">
      <input
        id={id}
        name={name}
        type="checkbox"
        value={value}
        defaultChecked={defaultChecked}
        aria-invalid={errorText ? true : undefined}
        aria-describedby={errorText ? `${id}-error` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      <FieldError id={id} text={errorText} />
    </div>
  );
}

export function FormAlert({ error }: { error?: string }) {
  const text = useErrorText()(error);
  if (!text) return null;
  return (
    <div className="alert alert-error" role="alert">
      {text}
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
