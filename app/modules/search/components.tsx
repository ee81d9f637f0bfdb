// The parts of a search page that the browse page and the map share: the filter form and one
// result (a request or an organisation) as a list item.
import { Link, useLocation, useNavigate, useNavigation } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { Field, FormAlert, SelectField } from "~/components/ui/field.tsx";
import { localePath, type Locale } from "~/modules/i18n/config.ts";
import { pickLocalized, type LocalizedTexts } from "~/modules/i18n/localized.ts";
import {
  activityTypes,
  ageGroups,
  countries,
  languages,
  organisationKinds,
  topics,
} from "~/modules/taxonomy/taxonomy.ts";
import { sorts } from "./results.ts";
import type { OrganisationResult, RequestResult } from "./results.ts";

/** The current query string with some values replaced; empty values are left out. */
export function withParams(search: string, changes: Record<string, string | undefined>): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value) params.set(key, value);
    else params.delete(key);
  }
  const text = params.toString();
  return text ? `?${text}` : "?";
}

import type { MunicipalityGroup } from "~/modules/places/municipalities.ts";
import { municipalityGroupLabel } from "~/modules/places/municipality-groups.ts";

/**
 * The filters as a GET form: the values live in the URL, so a search can be shared and works
 * without JavaScript. `keep` names parameters outside the form that a new search keeps (the map's
 * viewport).
 */
export function SearchFilters({
  fieldErrors,
  municipalities,
  keep = [],
  className = "browse-filters",
}: {
  fieldErrors: Record<string, string | undefined>;
  municipalities: MunicipalityGroup[];
  keep?: string[];
  className?: string;
}) {
  const { t } = useTranslation("browse");
  const location = useLocation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const current = new URLSearchParams(location.search);
  const value = (name: string) => current.get(name) ?? "";
  const errors = fieldErrors;
  // The municipality filter offers the chosen country's places only ("distance from" offers all:
  // a school in Kleve looks for Dutch partners near itself); with JavaScript it follows the select.
  const [country, setCountry] = useState(value("country"));
  const choices = (name: string, vocabulary: string, keys: readonly string[]) => (
    <SelectField
      name={name}
      label={t(`filters.${name}`)}
      defaultValue={value(name)}
      error={errors[name]}
      options={[
        { value: "", label: t("filters.any") },
        ...keys.map((key) => ({ value: key, label: t(`taxonomy:${vocabulary}.${key}`) })),
      ]}
    />
  );
  const place = (name: "municipality" | "near") => (
    <SelectField
      name={name}
      label={t(`filters.${name}`)}
      defaultValue={value(name)}
      error={errors[name]}
      options={[{ value: "", label: t("filters.anyPlace") }]}
      groups={municipalities
        .filter((group) => name === "near" || !country || group.country === country)
        .map((group) => ({ label: municipalityGroupLabel(t, group), options: group.options }))}
    />
  );

  // Without JavaScript the browser sends every field; with it, empty ones are dropped so the
  // address stays short enough to share.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, field] of new FormData(event.currentTarget)) {
      if (typeof field === "string" && field !== "") params.set(name, field);
    }
    navigate(`?${params.toString()}`);
  }

  return (
    <form
      method="get"
      role="search"
      aria-labelledby="filters-heading"
      className={className}
      onSubmit={submit}
      onChange={(event) => {
        const field = event.target as HTMLSelectElement;
        if (field.name === "country") setCountry(field.value);
      }}
      key={location.search}
    >
      <h2 id="filters-heading">{t("filters.heading")}</h2>
      {["show", ...keep].map((name) =>
        value(name) ? <input key={name} type="hidden" name={name} value={value(name)} /> : null,
      )}
      <Field
        name="q"
        type="search"
        label={t("filters.q")}
        hint={t("filters.qHint")}
        defaultValue={value("q")}
        error={errors.q}
        maxLength={100}
      />
      <div className="browse-filter-grid">
        <SelectField
          name="country"
          label={t("filters.country")}
          defaultValue={value("country")}
          error={errors.country}
          options={[
            { value: "", label: t("filters.any") },
            ...countries.map((country) => ({ value: country, label: t(`taxonomy:country.${country}`) })),
          ]}
        />
        {place("municipality")}
        {choices("kind", "kind", organisationKinds)}
        {choices("topic", "topic", topics)}
        {choices("activity", "activity", activityTypes)}
        {choices("age", "ageGroup", ageGroups)}
        {choices("language", "language", languages)}
        {place("near")}
        <SelectField
          name="sort"
          label={t("filters.sort")}
          hint={t("filters.sortHint")}
          defaultValue={value("sort")}
          error={errors.sort}
          options={[
            { value: "", label: t("sort.auto") },
            ...sorts.map((sort) => ({ value: sort, label: t(`sort.${sort}`) })),
          ]}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button" disabled={navigation.state === "loading"}>
          {t("filters.submit")}
        </button>
        <Link to={withParams("", Object.fromEntries(["show", ...keep].map((name) => [name, value(name)])))}>
          {t("filters.clear")}
        </Link>
      </div>
    </form>
  );
}

function Localized({ texts, locale, fallback }: { texts: LocalizedTexts; locale: Locale; fallback: string }) {
  const { t } = useTranslation("browse");
  const picked = pickLocalized(texts, locale);
  if (!picked) return <>{fallback}</>;
  return (
    <>
      <span lang={picked.lang}>{picked.text}</span>
      {picked.isFallback ? (
        <span className="written-in">
          {" "}
          ({t("results.writtenIn", { language: t(`taxonomy:language.${picked.lang}`) })})
        </span>
      ) : null}
    </>
  );
}

function Distance({ km, locale }: { km: number | null; locale: Locale }) {
  const { t } = useTranslation("browse");
  if (km === null) return null;
  const distance = new Intl.NumberFormat(locale, { maximumFractionDigits: km < 10 ? 1 : 0 }).format(km);
  return <li>{t("results.distance", { distance })}</li>;
}

/**
 * An organisation's logo beside its name, or a neutral mark where it has none. Decorative (empty
 * alt): the name next to it says who it is.
 */
function ResultLogo({ logoId }: { logoId: string | null }) {
  if (!logoId) return <span className="result-logo result-logo-none" aria-hidden="true" />;
  return (
    <img className="result-logo" src={`/logos/${logoId}`} alt="" width={48} height={48} loading="lazy" />
  );
}

export function RequestItem({ result, locale }: { result: RequestResult; locale: Locale }) {
  const { t } = useTranslation("browse");
  return (
    <li className="browse-result">
      <ResultLogo logoId={result.organisationLogoId} />
      <div className="browse-result-body">
        <h3>
          <Link to={localePath(locale, `/requests/${result.slug}`)}>
            <Localized texts={result.title} locale={locale} fallback={result.organisationName} />
          </Link>
        </h3>
        <p className="browse-result-by">{t("results.by", { name: result.organisationName })}</p>
        <ul className="browse-facts">
          <li>{t(`taxonomy:kind.${result.kind}`)}</li>
          <li>
            {result.municipality}, {t(`taxonomy:country.${result.country}`)}
          </li>
          <Distance km={result.distanceKm} locale={locale} />
          {result.topics.map((topic) => (
            <li key={topic}>{t(`taxonomy:topic.${topic}`)}</li>
          ))}
        </ul>
      </div>
    </li>
  );
}

export function OrganisationItem({ result, locale }: { result: OrganisationResult; locale: Locale }) {
  const { t } = useTranslation("browse");
  const description = pickLocalized(result.description, locale);
  return (
    <li className="browse-result">
      <ResultLogo logoId={result.logoId} />
      <div className="browse-result-body">
        <h3>
          <Link to={localePath(locale, `/organisations/${result.slug}`)}>{result.name}</Link>
        </h3>
        <ul className="browse-facts">
          <li>
            {t(`taxonomy:kind.${result.kind}`)}
            {result.sport ? ` · ${t(`taxonomy:sport.${result.sport}`)}` : null}
          </li>
          <li>
            {result.municipality}, {t(`taxonomy:country.${result.country}`)}
          </li>
          <Distance km={result.distanceKm} locale={locale} />
        </ul>
        {description ? (
          <p className="browse-result-text">
            <Localized texts={result.description} locale={locale} fallback="" />
          </p>
        ) : null}
      </div>
    </li>
  );
}

/** Requests or organisations: links that keep the other parameters (a page number starts again). */
export function ShowToggle({ reset = [] }: { reset?: string[] }) {
  const { t } = useTranslation("browse");
  const location = useLocation();
  const current = new URLSearchParams(location.search);
  const show = current.get("show") === "organisations" ? "organisations" : "requests";
  return (
    <nav aria-label={t("show.label")} className="browse-toggle">
      <ul>
        {(["requests", "organisations"] as const).map((option) => (
          <li key={option}>
            <Link
              to={withParams(location.search, {
                show: option === "organisations" ? option : undefined,
                ...Object.fromEntries(reset.map((name) => [name, undefined])),
              })}
              aria-current={show === option ? "page" : undefined}
            >
              {t(`show.${option}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** "Nearest first" was asked for without a place: the list comes in its usual order, and says so. */
export function NearMissingHint() {
  const { t } = useTranslation("browse");
  return (
    <p className="browse-hint" role="status">
      {t("results.nearMissing")}
    </p>
  );
}

/** What was wrong with the query string, each message once. */
export function SearchErrors({ fieldErrors }: { fieldErrors: Record<string, string | undefined> }) {
  const { t } = useTranslation("browse");
  const errors = [...new Set(Object.values(fieldErrors).filter((error): error is string => Boolean(error)))];
  if (!errors.length) return null;
  return (
    <div className="browse-error">
      <h2>{t("errors.title")}</h2>
      {errors.map((error) => (
        <FormAlert key={error} error={error} />
      ))}
    </div>
  );
}

/** One page of results as list items: requests or organisations. */
export function ResultItems({
  show,
  results,
  locale,
}: {
  show: "requests" | "organisations";
  results: RequestResult[] | OrganisationResult[];
  locale: Locale;
}) {
  return show === "organisations"
    ? (results as OrganisationResult[]).map((result) => (
        <OrganisationItem key={result.id} result={result} locale={locale} />
      ))
    : (results as RequestResult[]).map((result) => (
        <RequestItem key={result.id} result={result} locale={locale} />
      ));
}
