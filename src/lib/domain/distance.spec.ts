import { describe, expect, it } from 'vitest';
import { byDistance, distanceKm, parseCoordinates, placeOf, roundedKm } from './distance';

const aizpute = { lat: 56.7209, lon: 21.6015 };
const liepaja = { lat: 56.5047, lon: 21.0108 };
const kuldiga = { lat: 56.9677, lon: 21.9681 };
const cesis = { lat: 57.3119, lon: 25.2707 };
const riga = { lat: 56.9496, lon: 24.1052 };

describe('distanceKm', () => {
	it('is zero for the same place and symmetric', () => {
		expect(distanceKm(aizpute, aizpute)).toBe(0);
		expect(distanceKm(aizpute, liepaja)).toBeCloseTo(distanceKm(liepaja, aizpute), 9);
	});

	it('worked examples: Aizpute–Liepāja ≈ 43 km, Aizpute–Kuldīga ≈ 35 km, Aizpute–Cēsis ≈ 232 km', () => {
		expect(Math.round(distanceKm(aizpute, liepaja))).toBe(43);
		expect(Math.round(distanceKm(aizpute, kuldiga))).toBe(35);
		expect(Math.round(distanceKm(aizpute, cesis))).toBe(232);
	});

	it('one degree of latitude is about 111 km', () => {
		expect(distanceKm({ lat: 56, lon: 24 }, { lat: 57, lon: 24 })).toBeCloseTo(111.2, 1);
	});
});

describe('roundedKm', () => {
	it('says whole kilometres and at least 1', () => {
		expect(roundedKm(0.2)).toBe(1);
		expect(roundedKm(41.6)).toBe(42);
	});
});

describe('placeOf', () => {
	it('needs both coordinates', () => {
		expect(placeOf({ lat: 56, lon: 24 })).toEqual({ lat: 56, lon: 24 });
		expect(placeOf({ lat: 56, lon: null })).toBeNull();
		expect(placeOf({})).toBeNull();
		expect(placeOf(null)).toBeNull();
	});
});

describe('byDistance', () => {
	const offices: { slug: string; lat?: number; lon?: number }[] = [
		{ slug: 'cesis', ...cesis },
		{ slug: 'no-coords' },
		{ slug: 'riga', ...riga },
		{ slug: 'liepaja', ...liepaja },
		{ slug: 'kuldiga', ...kuldiga }
	];

	it('puts the nearest to the Aizpute library first, offices without coordinates last', () => {
		const ranked = byDistance(aizpute, offices);
		expect(ranked.map((r) => r.office.slug)).toEqual(['kuldiga', 'liepaja', 'riga', 'cesis', 'no-coords']);
		expect(ranked[0].km).toBeCloseTo(35.4, 1);
		expect(ranked[4].km).toBeNull();
	});

	it('keeps the given order when the kiosk has no coordinates', () => {
		const ranked = byDistance(null, offices);
		expect(ranked.map((r) => r.office.slug)).toEqual(['cesis', 'no-coords', 'riga', 'liepaja', 'kuldiga']);
		expect(ranked.every((r) => r.km === null)).toBe(true);
	});
});

describe('parseCoordinates', () => {
	it('takes both or neither, with a point or a comma', () => {
		expect(parseCoordinates('', ' ')).toEqual({ ok: true, place: null });
		expect(parseCoordinates('56,7209', '21.6015')).toEqual({ ok: true, place: { lat: 56.7209, lon: 21.6015 } });
	});

	it('says which field is wrong and why', () => {
		expect(parseCoordinates('56.72', '')).toEqual({ ok: false, problems: { lon: 'coordinates_pair' } });
		expect(parseCoordinates('56°43′', '21.6')).toEqual({ ok: false, problems: { lat: 'coordinate_format' } });
		// Swapped: Aizpute's longitude typed as latitude.
		expect(parseCoordinates('21.6015', '56.7209')).toEqual({
			ok: false,
			problems: { lat: 'coordinates_outside_latvia', lon: 'coordinates_outside_latvia' }
		});
	});
});
