/** The schema of a sealed box as the server receives one. Server and tests only (zod). */
import { z } from 'zod';
import { SEALED_BOX_ALG, type SealedBox } from './sealed-box';

export const sealedBox = z.object({
	alg: z.literal(SEALED_BOX_ALG),
	kid: z.string().min(1).max(100),
	epk: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() }),
	iv: z.string().min(1).max(40),
	ct: z.string().min(1).max(20_000)
});

true satisfies Same<z.infer<typeof sealedBox>, SealedBox>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
