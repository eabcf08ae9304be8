/**
 * The client a per-address limit counts: an IPv4 address as it is, an IPv6 address by its /64
 * (one subscriber usually holds a whole /64 and can pick any address in it). IPv4-mapped IPv6
 * addresses count as the IPv4 address.
 */
export function clientKey(address: string): string {
	const a = address.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
	if (!a.includes(':')) return a;
	const groups = expandIpv6(a);
	if (!groups) return a;
	if (groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff') {
		const [hi, lo] = [parseInt(groups[6], 16), parseInt(groups[7], 16)];
		return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
	}
	return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (embedded IPv4 tail allowed), or null. */
function expandIpv6(a: string): string[] | null {
	let text = a;
	const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
	if (v4) {
		const [b1, b2, b3, b4] = v4.slice(1).map(Number);
		text = text.slice(0, v4.index) + `${((b1 << 8) | b2).toString(16)}:${((b3 << 8) | b4).toString(16)}`;
	}
	const halves = text.split('::');
	if (halves.length > 2) return null;
	const head = halves[0] ? halves[0].split(':') : [];
	const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
	const missing = 8 - head.length - tail.length;
	if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
	const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
	if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
	return groups.map((g) => parseInt(g, 16).toString(16));
}
