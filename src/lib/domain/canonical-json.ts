/**
 * RFC 8785 (JCS) canonical JSON, so the browser and Node hash and sign the very same bytes.
 * `canonicalize` is the reference implementation by one of the RFC's authors.
 */
import canonicalize from 'canonicalize';

export function canonicalJson(value: unknown): string {
	const text = canonicalize(value);
	if (text === undefined) throw new Error('value cannot be represented as canonical JSON');
	return text;
}
