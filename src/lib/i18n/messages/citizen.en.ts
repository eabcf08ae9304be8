import type { Message } from './lv';
import type { CitizenMessageKey } from './citizen.lv';

export const citizenEn: Record<CitizenMessageKey, Message> = {
	// Citizen mode (shown in both languages)
	'citizen.pageTitle': 'Signing',
	'citizen.brand': 'Signing in person',
	'citizen.timeLeft': 'Time left',
	'citizen.timeWarning': {
		one: '{count} minute left.',
		other: '{count} minutes left.'
	},
	'citizen.chooseTitle': 'Choose what to sign',
	'citizen.signingAs': 'You are signing as',
	'citizen.lead': 'Open an initiative, read it and sign it if you wish. You can sign several, or none.',
	'citizen.open': 'Read and sign',
	'citizen.openSigned': 'Read again',
	'citizen.youSigned': 'You signed this',
	'citizen.signThis': 'Sign this initiative',
	'citizen.backToList': 'Back to the list',
	'citizen.readInEnglish': 'Read in English',
	'citizen.signedFlash': 'Thank you! You signed: “{title}”.',
	'citizen.finishHint': {
		one: '{count} initiative signed. When you are done, press “Finish” at the top of the screen.',
		other: '{count} initiatives signed. When you are done, press “Finish” at the top of the screen.'
	},
	'citizen.finishHintNone': 'You do not have to sign anything. When you are done, press “Finish” at the top of the screen.',
	'citizen.signAnother': 'Sign another',
	'citizen.textSize': 'Text size',
	'citizen.textLarger': 'Larger text',
	'citizen.textSmaller': 'Smaller text',
	'citizen.finish': 'Finish',
	'citizen.reclaim': 'Clerk: reclaim screen',
	'citizen.confirmTitle': 'Confirm your signature',
	'citizen.statement': 'I, {name}, sign this initiative: “{title}”.',
	'citizen.confirmYes': 'Yes, I sign',
	'citizen.confirmNo': 'No, go back',
	'citizen.reclaimTitle': "Clerk's PIN",
	'citizen.reclaimText': 'Entering the PIN ends the signing and shows the receipt.',
	'citizen.reclaimPin': 'PIN',
	'citizen.reclaimPinRequired': 'Enter a PIN.',
	'citizen.reclaimWrongPin': {
		one: 'Wrong PIN. {count} attempt left.',
		other: 'Wrong PIN. {count} attempts left.'
	},
	'citizen.reclaimSubmit': 'Reclaim screen',
	'citizen.reclaimCancel': 'Cancel',
	'citizen.noWindow': 'Signing has not started',
	'citizen.noWindowText':
		'You can sign once a clerk has checked your ID document. If the page was reloaded, the earlier signing has ended.',
	'citizen.backToOffice': 'Back to the office screen',

	// The receipt
	'receipt.pageTitle': 'Receipt',
	'receipt.title': 'Signing receipt',
	'receipt.ended.finished': 'Signing finished.',
	'receipt.ended.timeout': 'The signing time ran out.',
	'receipt.ended.reclaimed': 'The clerk ended the signing.',
	'receipt.ended.logout': 'The signing ended when the clerk logged out.',
	'receipt.ended.abandoned': 'The signing was interrupted.',
	'receipt.office': 'Office',
	'receipt.when': 'Date and time',
	'receipt.signedTitle': {
		one: '{count} initiative signed',
		other: '{count} initiatives signed'
	},
	'receipt.notSigned': 'The initiative “{title}” was not signed: the time ran out before you confirmed it.',
	'receipt.none': 'You did not sign any initiative.',
	'receipt.code': 'Receipt code',
	'receipt.how': 'At home, open {url} and enter this code to see what you signed and whether it counts.',
	'receipt.privacy': 'Keep this receipt: the code is the only way to check your signatures. It contains no personal data.',
	'receipt.print': 'Print',
	'receipt.written': 'The code is written down',
	'receipt.leaveTitle': 'The receipt has not been printed',
	'receipt.leaveText': 'Without the receipt code nobody can check from home whether the signatures count. Print the receipt or write the code down.',
	'receipt.leaveAnyway': 'Close without a receipt',
	'receipt.done': 'Done — next visitor',
	'receipt.noneToShow': 'No receipt to show',
	'receipt.unknownOffice': 'The office name appears after the first sync',
};
