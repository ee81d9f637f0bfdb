// Where the organisation lies: a map with a pin to click, drag or move by arrow keys, and two plain
// coordinate fields that the pin fills in. Without JavaScript the fields alone work; left empty, the
// server takes the municipality's centre.
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { useMessageText } from "~/modules/i18n/translate.ts";
import type { Message } from "~/utils/forms.ts";
import type { Bounds } from "~/modules/map/basemap-style.ts";
import { EuregioMap, type MapSetup } from "~/modules/map/euregio-map.tsx";
import type { PinPicker } from "~/modules/map/pin-picker.client.ts";
import { useHydrated } from "~/utils/hydrated.ts";
import { readPoint, type Point } from "~/modules/places/points.ts";

export type LocationOptions = {
  /** Each municipality's centroid by code: where the pin starts. */
  centroids: Record<string, Point>;
  map: {
    styleUrl: string | null;
    bounds: Bounds;
    labels: { code: string; name: string; lon: number; lat: number }[];
  };
};

const POINT_OUTSIDE = "organisations:errors.pointOutside";
const asText = (point: Point) => ({ lat: point.lat.toFixed(6), lon: point.lon.toFixed(6) });

export function LocationField({
  options,
  municipalityCode,
  municipalityName,
  sentMunicipalityName,
  start,
  error,
}: {
  options: LocationOptions;
  /** The municipality chosen in the form right now, and its name. */
  municipalityCode: string;
  municipalityName: string;
  /** The name of the municipality the form was sent with, for the "outside" error. */
  sentMunicipalityName: string;
  start: { lat: string; lon: string };
  error?: Message;
}) {
  const { t, i18n } = useTranslation("organisations");
  const errorText = useMessageText();
  const [coordinates, setCoordinates] = useState(start);
  const [announcement, setAnnouncement] = useState("");
  const scripted = useHydrated();
  const picker = useRef<PinPicker | null>(null);

  const centroid = options.centroids[municipalityCode] ?? null;
  const typed = readPoint(coordinates.lat, coordinates.lon);
  const pin = typed && typed !== "invalid" ? typed : centroid;

  const degrees = new Intl.NumberFormat(i18n.language, {
    minimumFractionDigits: 5,
    maximumFractionDigits: 5,
  });
  const onPick = (point: Point) => {
    setCoordinates(asText(point));
    setAnnouncement(t("location.moved", { lat: degrees.format(point.lat), lon: degrees.format(point.lon) }));
  };
  // What the pin picker reads when the map is made or the pin is moved on it: the latest render's.
  const latest = useRef({ pin, onPick, pinLabel: t("location.pin") });
  useEffect(() => {
    latest.current = { pin, onPick, pinLabel: t("location.pin") };
  });

  const setup = useCallback<MapSetup>((map, module) => {
    const attached = module.attachPinPicker(map, {
      label: latest.current.pinLabel,
      describedBy: "location-hint",
      onPick: (point) => latest.current.onPick(point),
    });
    picker.current = attached;
    attached.setPoint(latest.current.pin, { view: "jump" });
    return () => {
      attached.remove();
      picker.current = null;
    };
  }, []);

  const centre = () => {
    if (!centroid) return;
    setCoordinates(asText(centroid));
    picker.current?.setPoint(centroid, { view: "ease" });
    setAnnouncement(t("location.centred", { municipality: municipalityName }));
  };

  // After saving, the page's values are the stored point.
  const [saved, setSaved] = useState(start);
  if (saved.lat !== start.lat || saved.lon !== start.lon) {
    setSaved(start);
    setCoordinates({ lat: start.lat, lon: start.lon });
  }

  // A newly chosen municipality takes the pin to its centre: the fields now, the map after render.
  const [chosenCode, setChosenCode] = useState(municipalityCode);
  if (chosenCode !== municipalityCode) {
    setChosenCode(municipalityCode);
    if (centroid) {
      setCoordinates(asText(centroid));
      setAnnouncement(t("location.centred", { municipality: municipalityName }));
    } else setCoordinates({ lat: "", lon: "" });
  }
  const easedTo = useRef(municipalityCode);
  useEffect(() => {
    if (easedTo.current === municipalityCode) return;
    easedTo.current = municipalityCode;
    if (centroid) picker.current?.setPoint(centroid, { view: "ease" });
  }, [municipalityCode, centroid]);

  // Typed coordinates move the pin too.
  const pinLat = pin?.lat;
  const pinLon = pin?.lon;
  useEffect(() => {
    picker.current?.setPoint(
      pinLat === undefined || pinLon === undefined ? null : { lat: pinLat, lon: pinLon },
    );
  }, [pinLat, pinLon]);

  const errorMessage =
    error?.key === POINT_OUTSIDE
      ? t("errors.pointOutside", { municipality: sentMunicipalityName })
      : errorText(error);
  const describedBy = ["location-coordinates-hint", errorMessage ? "location-error" : null]
    .filter(Boolean)
    .join(" ");

  return (
    <fieldset className="card stack location-field" aria-labelledby="location-legend">
      <legend id="location-legend" className="section-legend">
        {t("location.title")}
      </legend>
      <p id="location-hint" className="hint">
        {t("location.hint")}
      </p>
      {errorMessage ? (
        <p id="location-error" className="field-error">
          {errorMessage}
        </p>
      ) : null}
      <EuregioMap
        styleUrl={options.map.styleUrl}
        bounds={options.map.bounds}
        labels={options.map.labels}
        label={t("location.mapLabel")}
        setup={setup}
        className="pin-picker-map"
        fallback={<p>{t("location.noScript")}</p>}
      />
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {scripted ? (
        <p>
          <button type="button" className="button button-secondary" onClick={centre} disabled={!centroid}>
            {t("location.reset")}
          </button>
        </p>
      ) : null}
      <p id="location-coordinates-hint" className="hint">
        {t("location.coordinatesHint")}
      </p>
      <div className="coordinate-fields">
        {(["lat", "lon"] as const).map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`field-${name}`}>{t(`location.${name}`)}</label>
            <input
              id={`field-${name}`}
              name={name}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              maxLength={24}
              value={coordinates[name]}
              onChange={(event) => setCoordinates((now) => ({ ...now, [name]: event.target.value }))}
              aria-invalid={errorMessage ? true : undefined}
              aria-describedby={describedBy}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}
