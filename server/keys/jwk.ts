import { createHash } from 'node:crypto';
import { toBase64Url } from '../../src/lib/domain/bytes';
import { ConfigError } from '../config';

/** An EC P-256 private key as JWK, with the kid boxes sealed to it carry. */
export type PrivateJwk = JsonWebKey & { kid?: string };

/** RFC 7638 thumbprint of an EC public key, base64url: a stable kid for a key without one. */
export function jwkThumbprint(jwk: JsonWebKey): string {
	const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
	return toBase64Url(createHash('sha256').update(canonical).digest());
}

export function publicPart(jwk: JsonWebKey): JsonWebKey {
	return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

export function checkPrivateJwk(jwk: PrivateJwk, where: string): PrivateJwk {
	const ok =
		jwk !== null &&
		typeof jwk === 'object' &&
		jwk.kty === 'EC' &&
		jwk.crv === 'P-256' &&
		typeof jwk.d === 'string' &&
		typeof jwk.x === 'string' &&
		typeof jwk.y === 'string';
	if (!ok) throw new ConfigError(`${where}: must be an EC P-256 private key as JWK (kty, crv, x, y, d)`);
	return jwk;
}

/** The kid of a private key: its own, or its public half's thumbprint. */
export function kidOf(jwk: PrivateJwk): string {
	return jwk.kid ?? jwkThumbprint(publicPart(jwk));
}
