import { describe, expect, it } from 'vitest';
import { checkNewPin } from './pin';

describe('checkNewPin', () => {
	it('accepts 4 to 8 digits that are not a run or a repeat', () => {
		expect(checkNewPin('4821', '4821')).toBeNull();
		expect(checkNewPin('90817265', '90817265')).toBeNull();
	});
	it('names what is wrong', () => {
		expect(checkNewPin('', '')).toBe('required');
		expect(checkNewPin('12a4', '12a4')).toBe('digits_only');
		expect(checkNewPin('482', '482')).toBe('length');
		expect(checkNewPin('123456789', '123456789')).toBe('length');
		expect(checkNewPin('1111', '1111')).toBe('too_simple');
		expect(checkNewPin('1234', '1234')).toBe('too_simple');
		expect(checkNewPin('8765', '8765')).toBe('too_simple');
		expect(checkNewPin('9012', '9012')).toBe('too_simple');
		expect(checkNewPin('4821', '4812')).toBe('mismatch');
	});
});
