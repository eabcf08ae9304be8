/**
 * Latvia's 43 municipalities after the 2021 administrative reform (7 state cities and
 * 36 municipalities, Varakļāni restored in 2022). Codes are stable ASCII slugs used in the
 * database, URLs and exports; names are what people read.
 */
export const MUNICIPALITIES = [
	{ code: 'riga', lv: 'Rīga', en: 'Riga', kind: 'city' },
	{ code: 'daugavpils', lv: 'Daugavpils', en: 'Daugavpils', kind: 'city' },
	{ code: 'jelgava', lv: 'Jelgava', en: 'Jelgava', kind: 'city' },
	{ code: 'jurmala', lv: 'Jūrmala', en: 'Jūrmala', kind: 'city' },
	{ code: 'liepaja', lv: 'Liepāja', en: 'Liepāja', kind: 'city' },
	{ code: 'rezekne', lv: 'Rēzekne', en: 'Rēzekne', kind: 'city' },
	{ code: 'ventspils', lv: 'Ventspils', en: 'Ventspils', kind: 'city' },
	{ code: 'adazu-novads', lv: 'Ādažu novads', en: 'Ādaži Municipality', kind: 'novads' },
	{ code: 'aizkraukles-novads', lv: 'Aizkraukles novads', en: 'Aizkraukle Municipality', kind: 'novads' },
	{ code: 'aluksnes-novads', lv: 'Alūksnes novads', en: 'Alūksne Municipality', kind: 'novads' },
	{ code: 'augsdaugavas-novads', lv: 'Augšdaugavas novads', en: 'Augšdaugava Municipality', kind: 'novads' },
	{ code: 'balvu-novads', lv: 'Balvu novads', en: 'Balvi Municipality', kind: 'novads' },
	{ code: 'bauskas-novads', lv: 'Bauskas novads', en: 'Bauska Municipality', kind: 'novads' },
	{ code: 'cesu-novads', lv: 'Cēsu novads', en: 'Cēsis Municipality', kind: 'novads' },
	{ code: 'dienvidkurzemes-novads', lv: 'Dienvidkurzemes novads', en: 'South Kurzeme Municipality', kind: 'novads' },
	{ code: 'dobeles-novads', lv: 'Dobeles novads', en: 'Dobele Municipality', kind: 'novads' },
	{ code: 'gulbenes-novads', lv: 'Gulbenes novads', en: 'Gulbene Municipality', kind: 'novads' },
	{ code: 'jekabpils-novads', lv: 'Jēkabpils novads', en: 'Jēkabpils Municipality', kind: 'novads' },
	{ code: 'jelgavas-novads', lv: 'Jelgavas novads', en: 'Jelgava Municipality', kind: 'novads' },
	{ code: 'kekavas-novads', lv: 'Ķekavas novads', en: 'Ķekava Municipality', kind: 'novads' },
	{ code: 'kraslavas-novads', lv: 'Krāslavas novads', en: 'Krāslava Municipality', kind: 'novads' },
	{ code: 'kuldigas-novads', lv: 'Kuldīgas novads', en: 'Kuldīga Municipality', kind: 'novads' },
	{ code: 'limbazu-novads', lv: 'Limbažu novads', en: 'Limbaži Municipality', kind: 'novads' },
	{ code: 'livanu-novads', lv: 'Līvānu novads', en: 'Līvāni Municipality', kind: 'novads' },
	{ code: 'ludzas-novads', lv: 'Ludzas novads', en: 'Ludza Municipality', kind: 'novads' },
	{ code: 'madonas-novads', lv: 'Madonas novads', en: 'Madona Municipality', kind: 'novads' },
	{ code: 'marupes-novads', lv: 'Mārupes novads', en: 'Mārupe Municipality', kind: 'novads' },
	{ code: 'ogres-novads', lv: 'Ogres novads', en: 'Ogre Municipality', kind: 'novads' },
	{ code: 'olaines-novads', lv: 'Olaines novads', en: 'Olaine Municipality', kind: 'novads' },
	{ code: 'preilu-novads', lv: 'Preiļu novads', en: 'Preiļi Municipality', kind: 'novads' },
	{ code: 'rezeknes-novads', lv: 'Rēzeknes novads', en: 'Rēzekne Municipality', kind: 'novads' },
	{ code: 'ropazu-novads', lv: 'Ropažu novads', en: 'Ropaži Municipality', kind: 'novads' },
	{ code: 'salaspils-novads', lv: 'Salaspils novads', en: 'Salaspils Municipality', kind: 'novads' },
	{ code: 'saldus-novads', lv: 'Saldus novads', en: 'Saldus Municipality', kind: 'novads' },
	{ code: 'saulkrastu-novads', lv: 'Saulkrastu novads', en: 'Saulkrasti Municipality', kind: 'novads' },
	{ code: 'siguldas-novads', lv: 'Siguldas novads', en: 'Sigulda Municipality', kind: 'novads' },
	{ code: 'smiltenes-novads', lv: 'Smiltenes novads', en: 'Smiltene Municipality', kind: 'novads' },
	{ code: 'talsu-novads', lv: 'Talsu novads', en: 'Talsi Municipality', kind: 'novads' },
	{ code: 'tukuma-novads', lv: 'Tukuma novads', en: 'Tukums Municipality', kind: 'novads' },
	{ code: 'valkas-novads', lv: 'Valkas novads', en: 'Valka Municipality', kind: 'novads' },
	{ code: 'valmieras-novads', lv: 'Valmieras novads', en: 'Valmiera Municipality', kind: 'novads' },
	{ code: 'varaklanu-novads', lv: 'Varakļānu novads', en: 'Varakļāni Municipality', kind: 'novads' },
	{ code: 'ventspils-novads', lv: 'Ventspils novads', en: 'Ventspils Municipality', kind: 'novads' }
] as const;

export type Municipality = (typeof MUNICIPALITIES)[number];
export type MunicipalityCode = Municipality['code'];

const byCode = new Map<string, Municipality>(MUNICIPALITIES.map((m) => [m.code, m]));

export function isMunicipalityCode(code: unknown): code is MunicipalityCode {
	return typeof code === 'string' && byCode.has(code);
}

export function municipalityName(code: string, locale: 'lv' | 'en'): string {
	const m = byCode.get(code);
	return m ? m[locale] : code;
}

export const MUNICIPALITY_CODES = MUNICIPALITIES.map((m) => m.code) as [
	MunicipalityCode,
	...MunicipalityCode[]
];
