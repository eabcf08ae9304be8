import { describe, expect, it } from 'vitest';
import { clientKey } from './client-key';

describe('clientKey', () => {
	it('keeps an IPv4 address as it is', () => {
		expect(clientKey('10.0.0.1')).toBe('10.0.0.1');
		expect(clientKey('unknown')).toBe('unknown');
	});
	it('counts every address of one IPv6 /64 as one client, however it is written', () => {
		const key = '2001:db8:1:2::/64';
		expect(clientKey('2001:db8:1:2::1')).toBe(key);
		expect(clientKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe(key);
		expect(clientKey('2001:DB8:1:2:a:b:c:d')).toBe(key);
		expect(clientKey('[2001:db8:1:2::99]')).toBe(key);
		expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
		expect(clientKey('2001:db8:1:3::1')).not.toBe(key);
	});
	it('counts an IPv4-mapped IPv6 address as the IPv4 address', () => {
		expect(clientKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
		expect(clientKey('::ffff:a00:1')).toBe('10.0.0.1');
	});
	it('leaves something that is not an address alone', () => {
		expect(clientKey('1:2:3')).toBe('1:2:3');
		expect(clientKey('::1::2')).toBe('::1::2');
	});
});
