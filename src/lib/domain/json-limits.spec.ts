import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonLimitMessage, jsonLimitProblem, MAX_JSON_BYTES, MAX_JSON_DEPTH, utf8Length } from './json-limits';

const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

describe('jsonLimitProblem', () => {
	it('lets through ordinary messages, up to the depth and size limits exactly', () => {
		expect(jsonLimitProblem('{"0":{"records":[{"payload":{"identity":{"epk":{"x":"a"}}}}]}}')).toBeNull();
		expect(jsonLimitProblem(nested(MAX_JSON_DEPTH))).toBeNull();
		expect(jsonLimitProblem('"' + 'a'.repeat(MAX_JSON_BYTES - 2) + '"')).toBeNull();
		expect(jsonLimitProblem('')).toBeNull();
	});

	it('refuses a value nested one level deeper than allowed, and the 5,000-deep one of issue 10', () => {
		expect(jsonLimitProblem(nested(MAX_JSON_DEPTH + 1))).toEqual({ problem: 'too_deep', max: MAX_JSON_DEPTH });
		expect(jsonLimitProblem(nested(5000, '{"a":', '}'))).toEqual({ problem: 'too_deep', max: MAX_JSON_DEPTH });
		expect(jsonLimitProblem(`{"records":[${nested(5000)}]}`)?.problem).toBe('too_deep');
	});

	it('does not count brackets inside strings, escaped quotes included', () => {
		expect(jsonLimitProblem(JSON.stringify({ a: '['.repeat(1000) }))).toBeNull();
		expect(jsonLimitProblem(JSON.stringify({ a: '\\"[[[[' + '{'.repeat(100) }))).toBeNull();
		expect(jsonLimitProblem('["\\\\",' + nested(MAX_JSON_DEPTH) + ']')?.problem).toBe('too_deep');
	});

	it('counts bytes as UTF-8: 512 KB of "ā" is 1 MB', () => {
		const text = '"' + 'ā'.repeat(MAX_JSON_BYTES / 2) + '"';
		expect(jsonLimitProblem(text)).toEqual({ problem: 'too_large', bytes: MAX_JSON_BYTES + 2, max: MAX_JSON_BYTES });
		expect(jsonLimitProblem('"' + 'a'.repeat(MAX_JSON_BYTES) + '"')?.problem).toBe('too_large');
	});

	it('utf8Length agrees with TextEncoder on any string, lone surrogates included', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (s) => {
				expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
			})
		);
	});

	it('agrees with the real depth of any JSON value', () => {
		const depthOf = (v: unknown): number =>
			v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v as object).map(depthOf)) : 0;
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 1, max: 12 }), (value, max) => {
				const text = JSON.stringify(value);
				const tooDeep = depthOf(value) > max;
				expect(jsonLimitProblem(text, max)?.problem === 'too_deep').toBe(tooDeep);
			})
		);
	});

	it('says what is wrong in words', () => {
		expect(jsonLimitMessage({ problem: 'too_deep', max: 32 })).toContain('more than 32 levels');
		expect(jsonLimitMessage({ problem: 'too_large', bytes: 600_000, max: MAX_JSON_BYTES })).toContain('600000 bytes');
	});
});
