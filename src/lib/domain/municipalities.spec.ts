import { describe, it, expect } from 'vitest';
import { MUNICIPALITIES, MUNICIPALITY_CODES, isMunicipalityCode, municipalityName } from './municipalities';

describe('MUNICIPALITIES', () => {
	it('lists 7 state cities and 36 municipalities with unique ASCII codes', () => {
		expect(MUNICIPALITIES).toHaveLength(43);
		expect(MUNICIPALITIES.filter((m) => m.kind === 'city')).toHaveLength(7);
		expect(new Set(MUNICIPALITY_CODES).size).toBe(43);
		for (const code of MUNICIPALITY_CODES) expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
	});
});

describe('isMunicipalityCode', () => {
	it('knows the codes and nothing else', () => {
		expect(isMunicipalityCode('riga')).toBe(true);
		expect(isMunicipalityCode('varaklanu-novads')).toBe(true);
		expect(isMunicipalityCode('Rīga')).toBe(false);
		expect(isMunicipalityCode(null)).toBe(false);
	});
});

describe('municipalityName', () => {
	it('names a municipality in either language and echoes unknown codes', () => {
		expect(municipalityName('kekavas-novads', 'lv')).toBe('Ķekavas novads');
		expect(municipalityName('kekavas-novads', 'en')).toBe('Ķekava Municipality');
		expect(municipalityName('atlantis', 'lv')).toBe('atlantis');
	});
});
