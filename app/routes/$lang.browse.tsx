// The public browse page: open requests or verified organisations, filtered by a GET form whose
// values live in the URL (shareable, works without JavaScript), one cursor page at a time.
import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation, useNavigate, useNavigation } from "@remix-run/react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Field, FormAlert, SelectField } from "~/components/ui/field.tsx";
import { localePath, type Locale } from "~/modules/i18n/config.ts";
import { pickLocalized, type LocalizedTexts } from "~/modules/i18n/localized.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";
import { groupMunicipalities } from "~/modules/organisations/municipality.ts";
import {
  activityTypes,
  ageGroups,
  countries,
  languages,
  organisationKinds,
  topics,
} from "~/modules/requests/taxonomy.ts";
import { countLimit, parseBrowseParams, sorts } from "~/modules/search/schemas.ts";
import {
  listMunicipalityOptions,
  searchOrganisations,
  searchRequests,
} from "~/modules/search/service.server.ts";
import type { OrganisationResult, RequestResult } from "~/modules/search/service.server.ts";
import browseStyles from "~/styles/browse.css?url";
import { isAppError } from "~/utils/errors.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: browseStyles }];

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "browse:title") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const parsed = parseBrowseParams(new URL(request.url).searchParams);
  // Read beside the search rather than before it: the page waits for the slower of the two only.
  const options = listMunicipalityOptions();
  const municipalities = async () => groupMunicipalities(await options, locale);
  if (!parsed.ok) {
    return json(
      { locale, municipalities: await municipalities(), fieldErrors: parsed.fieldErrors, search: null },
      { status: 400 },
    );
  }
  const { show, cursor, ...filters } = parsed.data;
  try {
    const [grouped, search] = await Promise.all([
      municipalities(),
      show === "organisations"
        ? searchOrganisations(filters, cursor, locale).then((page) => ({ show, cursor, page }))
        : searchRequests(filters, cursor, locale).then((page) => ({ show, cursor, page })),
    ]);
    return json({
      locale,
      municipalities: grouped,
      fieldErrors: {},
      search: { ...search, sort: filters.sort },
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return json(
      {
        locale,
        municipalities: await municipalities(),
        fieldErrors: { ...error.fieldErrors, form: error.messageKey },
        search: null,
      },
      { status: error.status },
    );
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The current query string with some values replaced; empty values are left out. */
function withParams(search: string, changes: Record<string, string | undefined>): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value) params.set(key, value);
    else params.delete(key);
  }
  const text = params.toString();
  return text ? `?${text}` : "?";
}

function Filters({ data }: { data: LoaderData }) {
  const { t } = useTranslation("browse");
  const location = useLocation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const current = new URLSearchParams(location.search);
  const value = (name: string) => current.get(name) ?? "";
  const errors = data.fieldErrors as Record<string, string | undefined>;
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
      groups={data.municipalities.map((group) => ({
        label: t(`taxonomy:country.${group.country}`),
        options: group.options,
      }))}
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
      className="browse-filters"
      onSubmit={submit}
      key={location.search}
    >
      <h2 id="filters-heading">{t("filters.heading")}</h2>
      {value("show") ? <input type="hidden" name="show" value={value("show")} /> : null}
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
        <Link to={withParams("", { show: value("show") })}>{t("filters.clear")}</Link>
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

function RequestItem({ result, locale }: { result: RequestResult; locale: Locale }) {
  const { t } = useTranslation("browse");
  return (
    <li className="browse-result">
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
    </li>
  );
}

function OrganisationItem({ result, locale }: { result: OrganisationResult; locale: Locale }) {
  const { t } = useTranslation("browse");
  const description = pickLocalized(result.description, locale);
  return (
    <li className="browse-result">
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
    </li>
  );
}

function Results({ data }: { data: LoaderData }) {
  const { t } = useTranslation("browse");
  const location = useLocation();
  const { search, locale } = data;
  if (!search) return null;
  const { page } = search;
  const kind = search.show === "organisations" ? "organisations" : "requests";
  const countText =
    page.count > countLimit
      ? t(kind === "organisations" ? "results.manyOrganisations" : "results.manyRequests", {
          count: countLimit,
        })
      : t(`results.${kind}`, { count: page.count });
  return (
    <section aria-labelledby="results-heading" className="browse-results">
      <h2 id="results-heading">{t("results.heading")}</h2>
      <p aria-live="polite" className="browse-count">
        {countText}
      </p>
      {page.results.length === 0 ? (
        <div className="browse-empty">
          <p>{t("results.empty")}</p>
          <p>{t("results.emptyHint")}</p>
        </div>
      ) : (
        <ol className="browse-list">
          {search.show === "organisations"
            ? (page.results as OrganisationResult[]).map((result) => (
                <OrganisationItem key={result.id} result={result} locale={locale} />
              ))
            : (page.results as RequestResult[]).map((result) => (
                <RequestItem key={result.id} result={result} locale={locale} />
              ))}
        </ol>
      )}
      <nav aria-label={t("results.heading")} className="browse-pages">
        {search.cursor ? (
          <Link to={withParams(location.search, { cursor: undefined })}>{t("results.first")}</Link>
        ) : null}
        {page.nextCursor ? (
          <Link to={withParams(location.search, { cursor: page.nextCursor })} rel="next">
            {t("results.next")}
          </Link>
        ) : null}
      </nav>
    </section>
  );
}

export default function Browse() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("browse");
  const location = useLocation();
  const current = new URLSearchParams(location.search);
  const show = current.get("show") === "organisations" ? "organisations" : "requests";
  const errors = Object.values(data.fieldErrors as Record<string, string>);
  return (
    <div className="browse">
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <nav aria-label={t("show.label")} className="browse-toggle">
        <ul>
          {(["requests", "organisations"] as const).map((option) => (
            <li key={option}>
              <Link
                to={withParams(location.search, {
                  show: option === "organisations" ? option : undefined,
                  cursor: undefined,
                })}
                aria-current={show === option ? "page" : undefined}
              >
                {t(`show.${option}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {errors.length ? (
        <div className="browse-error">
          <h2>{t("errors.title")}</h2>
          {[...new Set(errors)].map((error) => (
            <FormAlert key={error} error={error} />
          ))}
        </div>
      ) : null}
      <div className="browse-layout">
        <Filters data={data} />
        <Results data={data} />
      </div>
    </div>
  );
}
