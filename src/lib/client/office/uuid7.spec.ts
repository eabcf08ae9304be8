import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { uuidv7 } from './uuid7';

describe('uuidv7', () => {
	it('is a valid version 7 UUID that starts with the time', () => {
		const at = Date.UTC(2026, 2, 1, 9, 30);
		const id = uuidv7(at);
		expect(validate(id)).toBe(true);
		expect(version(id)).toBe(7);
		expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
		expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	});

	it('sorts by time and does not repeat', () => {
		expect(uuidv7(1_000) < uuidv7(2_000)).toBe(true);
		const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(5_000)));
		expect(ids.size).toBe(1000);
	});
});
