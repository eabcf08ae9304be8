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
		'Only an administrator can reset a password. Call your manager or the Klātiene administrator and ask for a new password (on the admin page: Staff → New password). Log in here with the new password and choose a new PIN.',
	// The visit as numbered steps (office screen and desk card)
	'guide.stepsTitle': 'How to take a signature',
	'guide.step1': 'Check the document: the photo matches the person, the document has not expired, the person is a Latvian citizen.',
	'guide.step2': 'Type the details into the form exactly as the document says.',
	'guide.step3': 'Tick "I checked the document in person…" and press "Open signing window".',
	'guide.step4': 'Turn the screen to the citizen. They choose and sign on their own; you do not look.',
	'guide.step5': 'When the citizen presses "Finish", give them the receipt (or let them photograph it) and press "Done — next visitor".',
	'guide.documentTitle': 'What to check on the document',
	'guide.documentPassport': 'Latvian citizen\'s passport: the "Nationality" entry says "Latvian".',
	'guide.documentEid': 'eID card (identity card): look at the same "Nationality" entry.',
	'guide.documentNonCitizen':
		'A non-citizen\'s passport is violet and says "Alien\'s passport" on the cover. Its holder is not a citizen and cannot sign: explain this politely.',
	'guide.documentExpired': 'An expired document will not do. A driving licence will not do.',
	'guide.sayTitle': 'What to say to the citizen',
	'guide.sayHandover':
		'When handing over: "The screen is yours now. Choose an initiative, read it and, if you wish, sign it. I am not looking. When you are ready, press Finish."',
	'guide.sayEnd': 'At the end: "This is your receipt. With its code you can check at home that your signature was counted. Thank you!"',
	'guide.deskCardLink': 'Printable desk card',

	// The printable desk card (/kac/card)
	'guide.cardTitle': 'Klātiene: desk card for the clerk',
	'guide.cardIntro': 'If you take signatures once a month, this page helps. Keep it by the PC.',
	'guide.cardAccessTitle': 'If you forgot your PIN or password',
	'guide.cardPin': 'PIN: log in with your username and password, then choose a new PIN.',
	'guide.cardPassword': 'Password: only an administrator can reset it (Staff → New password).',
	'guide.cardSafe': 'Unsent records stay on this PC and are not lost.',
	'guide.cardPhone': 'Administrator\'s phone:',
	'guide.cardPractice': 'Want to try it? On the "Customer service centre" screen press "Practice visit". It sends and counts nothing.',
	'guide.print': 'Print',
	'guide.backToOffice': 'Back to the office screen',
	// Practice mode
	'guide.practiceTitle': 'Practice visit',
	'guide.practiceOffText':
		'Try a whole visit with a made-up person and made-up initiatives. Nothing is kept, sent or counted.',
	'guide.practiceStart': 'Start a practice visit',
	'guide.practiceOnText': 'Practice is on. It ends after one visit.',
	'guide.practiceStop': 'Stop practice',
	'guide.practiceCount': {
		zero: 'No practice visits on this PC yet.',
		one: '{count} practice visit on this PC.',
		other: '{count} practice visits on this PC.'
	},
	'guide.practiceBanner': 'PRACTICE. This is not a real signature: nothing is kept, sent or counted.',
	'guide.practiceSuggest':
		'A made-up person for practice: {name}, personal code {code}, born {birth}, Latvian citizen\'s passport {number}.',
	'guide.practiceFill': 'Fill in the made-up person'
};
