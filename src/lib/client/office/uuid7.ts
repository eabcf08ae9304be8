/**
 * A UUID version 7 (RFC 9562: 48 bits of Unix milliseconds, then random bits) from WebCrypto,
 * for record and window ids made in the browser. Eleven lines instead of the uuid package in
 * citizen mode's bundle; the server keeps using the package.
 */
export function uuidv7(now = Date.now()): string {
	const b = crypto.getRandomValues(new Uint8Array(16));
	for (let i = 5, ms = now; i >= 0; i--, ms = Math.floor(ms / 256)) b[i] = ms % 256;
	b[6] = (b[6] & 0x0f) | 0x70; // version 7
	b[8] = (b[8] & 0x3f) | 0x80; // variant 10
	const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
