/**
 * How far an office is from a library kiosk (issue 11 §5). Great-circle distance is enough: the
 * list only has to put Aizpute's neighbours before Cēsis, not plan a route.
 */

export interface Place {
	lat: number;
	lon: number;
}

/** Mean Earth radius (IUGG), in km. */
const EARTH_KM = 6371.0088;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Haversine distance in km between two WGS 84 points. */
export function distanceKm(a: Place, b: Place): number {
	const dLat = rad(b.lat - a.lat);
	const dLon = rad(b.lon - a.lon);
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A place with both coordinates, or null (coordinates are optional on offices). */
export function placeOf(o: { lat?: number | null; lon?: number | null } | null | undefined): Place | null {
	return o && typeof o.lat === 'number' && typeof o.lon === 'number' ? { lat: o.lat, lon: o.lon } : null;
}

/** Whole kilometres as a person says them: never "0 km" for the office next door. */
export function roundedKm(km: number): number {
	return Math.max(1, Math.round(km));
}

export interface Ranked<T> {
	office: T;
	/** Null when the kiosk or the office has no coordinates. */
	km: number | null;
}

/**
 * Offices nearest to `from` first. Offices without coordinates keep their given order after
 * those with; without `from` the given order is kept whole (today's alphabetical list).
 */
export function byDistance<T extends { lat?: number | null; lon?: number | null }>(
	from: Place | null,
	offices: readonly T[]
): Ranked<T>[] {
	const ranked = offices.map((office) => {
		const at = placeOf(office);
		return { office, km: from && at ? distanceKm(from, at) : null };
	});
	// Array.prototype.sort is stable, so ties and unplaced offices keep the given order.
	return ranked.sort((a, b) => (a.km ?? Infinity) - (b.km ?? Infinity));
}

/** Roughly Latvia with a margin: catches swapped or mistyped coordinates in the back office. */
const LATVIA = { latMin: 55.5, latMax: 58.2, lonMin: 20.8, lonMax: 28.4 };

export type CoordinatesProblem = 'coordinate_format' | 'coordinates_pair' | 'coordinates_outside_latvia';

/**
 * Coordinates as an administrator types them ("56,7209" or "56.7209"): both or neither.
 * Problems are reported on the field to correct.
 */
export function parseCoordinates(
	latText: string,
	lonText: string
): { ok: true; place: Place | null } | { ok: false; problems: Partial<Record<'lat' | 'lon', CoordinatesProblem>> } {
	const lat = latText.trim();
	const lon = lonText.trim();
	if (!lat && !lon) return { ok: true, place: null };
	const num = (s: string) => (/^-?\d{1,3}(?:[.,]\d{1,10})?$/.test(s) ? Number(s.replace(',', '.')) : NaN);
	const problems: Partial<Record<'lat' | 'lon', CoordinatesProblem>> = {};
	if (!lat) problems.lat = 'coordinates_pair';
	else if (Number.isNaN(num(lat))) problems.lat = 'coordinate_format';
	if (!lon) problems.lon = 'coordinates_pair';
	else if (Number.isNaN(num(lon))) problems.lon = 'coordinate_format';
	if (problems.lat || problems.lon) return { ok: false, problems };
	const place = { lat: num(lat), lon: num(lon) };
	if (place.lat < LATVIA.latMin || place.lat > LATVIA.latMax) problems.lat = 'coordinates_outside_latvia';
	if (place.lon < LATVIA.lonMin || place.lon > LATVIA.lonMax) problems.lon = 'coordinates_outside_latvia';
	return problems.lat || problems.lon ? { ok: false, problems } : { ok: true, place };
}
