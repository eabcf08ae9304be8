/**
 * The clerk's offline PIN. It only unlocks office mode on one enrolled device (the server
 * still checks the clerk at sync time), so it is short, but not trivially guessable, and a few
 * wrong tries switch it off until the clerk logs in online again.
 */
export const PIN_LENGTH = { min: 4, max: 8 } as const;
export const MAX_PIN_ATTEMPTS = 5;
/** PBKDF2-SHA-256 iterations for the on-device verifier (OWASP 2023 guidance). */
export const PIN_ITERATIONS = 310_000;

export type PinProblem = 'required' | 'digits_only' | 'length' | 'too_simple' | 'mismatch';

export function checkNewPin(pin: string, repeat: string): PinProblem | null {
	if (!pin) return 'required';
	if (!/^\d+$/.test(pin)) return 'digits_only';
	if (pin.length < PIN_LENGTH.min || pin.length > PIN_LENGTH.max) return 'length';
	if (/^(\d)\1+$/.test(pin) || '0123456789012'.includes(pin) || '9876543210987'.includes(pin)) return 'too_simple';
	if (pin !== repeat) return 'mismatch';
	return null;
}
