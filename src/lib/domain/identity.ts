/**
 * The citizen's identity: the rules of the form (identity.core.ts, re-exported here) and the
 * schema the server checks an opened identity with. Server and tests import this module;
 * browser code imports identity.core.ts, which has no zod.
 */
import { z } from 'zod';
import { CITIZENSHIPS, DOCUMENT_TYPES, type Identity } from './identity.core';
import { isIsoDate } from './dates';

export * from './identity.core';

/** What is sealed to the server: never stored on the device in plaintext. */
export const identitySchema = z.object({
	givenName: z.string().min(1).max(60),
	surname: z.string().min(1).max(60),
	personalCode: z.string().regex(/^\d{11}$/),
	// A real calendar day, not just its shape: the server computes ages from it, and
	// '2000-02-30' would make ageOn() throw on the server instead of being refused here.
	birthDate: z.string().refine(isIsoDate, 'not a calendar date'),
	documentType: z.enum(DOCUMENT_TYPES),
	documentNumber: z.string().min(1).max(20),
	citizenship: z.enum(CITIZENSHIPS),
	declaredMunicipality: z.string().nullable(),
	propertyMunicipalities: z.array(z.string()).max(5),
	qcPhone: z.string().nullable(),
	qcConsent: z.boolean()
});

true satisfies Same<z.infer<typeof identitySchema>, Identity>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
