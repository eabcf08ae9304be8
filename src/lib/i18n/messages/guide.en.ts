import type { Message } from './lv';
import type { GuideMessageKey } from './guide.lv';

export const guideEn: Record<GuideMessageKey, Message> = {
	// Forgotten PIN or password
	'guide.forgotPin': 'Forgot your PIN?',
	'guide.forgotPinOnline':
		'Log in again with your username and password (needs the internet). Then you choose a new PIN. The old PIN will no longer work.',
	'guide.loginAgain': 'Log in with password',
	'guide.forgotPinOffline':
		'The server cannot be reached right now, so a new PIN cannot be chosen. Call your manager or the Klātiene administrator (the phone number is on the desk card). When the internet is back, log in with your password.',
	'guide.waitingSafe': {
		zero: 'There are no unsent records on this PC.',
		one: '{count} unsent record is kept safely on this PC. It will not be lost and is sent when someone logs in again.',
		other: '{count} unsent records are kept safely on this PC. They will not be lost and are sent when someone logs in again.'
	},
	'guide.pinLockedTitle': 'The PIN is locked',
	'guide.pinLocked':
		'After 5 wrong tries the PIN no longer works on this PC. Log in with your password and choose a new PIN.',
	'guide.forgotPassword': 'Forgot your password?',
	'guide.forgotPasswordText':
		'Only an administrator can reset a password. Call your manager or the Klātiene administrator and ask for a new password (on the admin page: Staff → New password). Log in here with the new password and choose a new PIN.'
};
