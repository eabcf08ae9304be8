import { describe, expect, it } from 'vitest';
import { lv } from './messages/lv';
import { en } from './messages/en';
import { citizenLv } from './messages/citizen.lv';
import { citizenEn } from './messages/citizen.en';
import { officeLv } from './messages/office.lv';
import { officeEn } from './messages/office.en';
import { receiptCheckLv } from './messages/receipt-check.lv';
import { receiptCheckEn } from './messages/receipt-check.en';
import { adminLv } from './messages/admin.lv';
import { adminEn } from './messages/admin.en';
import { qcLv } from './messages/qc.lv';
import { qcEn } from './messages/qc.en';
import { guideLv } from './messages/guide.lv';
import { guideEn } from './messages/guide.en';
import { t } from './index.svelte';

const areas = [
	['catalog', lv, en],
	['citizen', citizenLv, citizenEn],
	['office', officeLv, officeEn],
	['receipt-check', receiptCheckLv, receiptCheckEn],
	['admin', adminLv, adminEn],
	['qc', qcLv, qcEn],
	['guide', guideLv, guideEn]
] as const;

const placeholders = (m: unknown): string[] =>
	[...JSON.stringify(m).matchAll(/\{(\w+)\}/g)].map((x) => x[1]).filter((v, i, a) => a.indexOf(v) === i).sort();

describe('messages', () => {
	it('no key is defined by two areas (a spread would silently override it)', () => {
		const seen = new Map<string, string>();
		for (const [area, dict] of areas) {
			for (const key of Object.keys(dict)) {
				expect(seen.get(key), `${key} in ${area} and ${seen.get(key)}`).toBeUndefined();
				seen.set(key, area);
			}
		}
	});

	it('English has every Latvian key, non-empty, with the same placeholders', () => {
		for (const [area, lvDict, enDict] of areas) {
			expect(Object.keys(enDict).sort(), area).toEqual(Object.keys(lvDict).sort());
			for (const [key, message] of Object.entries(lvDict)) {
				const english = (enDict as Record<string, unknown>)[key];
				expect(JSON.stringify(english).length, key).toBeGreaterThan(2);
				expect(placeholders(english), key).toEqual(placeholders(message));
			}
		}
	});

	it('Latvian plurals use Latvian rules: 1 diena, 2 dienas, 21 diena, 11 dienas', () => {
		expect(t('common.days', { count: 1 }, 'lv')).toBe('1 diena');
		expect(t('common.days', { count: 2 }, 'lv')).toBe('2 dienas');
		expect(t('common.days', { count: 21 }, 'lv')).toBe('21 diena');
		expect(t('common.days', { count: 11 }, 'lv')).toMatch(/^11 dien/);
		expect(t('common.days', { count: 1 }, 'en')).toBe('1 day');
		expect(t('common.days', { count: 5 }, 'en')).toBe('5 days');
	});
});
