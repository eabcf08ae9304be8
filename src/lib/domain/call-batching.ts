/**
 * Which tRPC calls may share one HTTP request (issue 10 §1). Rate limits count per call, but a
 * batch of hundreds of logins in one request would still make the server do hundreds of
 * password checks for one round trip; so batches are short, and the calls that guard secrets
 * (logins, receipt codes, enrollment codes) travel alone. The client sends them alone too.
 */
export const MAX_BATCH_CALLS = 10;

/** True for a procedure path that must be the only call in its request. */
export function callTravelsAlone(path: string): boolean {
	return path.startsWith('auth.') || path.startsWith('receipt.') || path === 'device.enroll';
}

/**
 * The procedure paths of a tRPC request URL's path part (after the endpoint): a batch names them
 * separated by commas.
 */
export function callsOf(pathAfterEndpoint: string, batch: boolean): string[] {
	return batch ? pathAfterEndpoint.split(',') : [pathAfterEndpoint];
}
