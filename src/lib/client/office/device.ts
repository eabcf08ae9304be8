/**
 * This browser profile as an enrolled device: a non-extractable ECDSA key made here, its public
 * half registered with the server against a one-time code for an office (enroll.ts: only the
 * enrolment page needs that code).
 */
import { deviceDb, type DeviceRow } from '../db';

export function currentDevice(): Promise<DeviceRow | undefined> {
	return deviceDb().device.get('self');
}
