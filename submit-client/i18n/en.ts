// English: the reference dictionary. Every other language must have exactly these keys (the
// `Messages` type makes a missing or extra key a type error; test/browser checks what is shown).
// `{name}` marks a value filled in at run time; `{count|one:editor|other:editors}` the word for the
// count's plural category in the language (CLDR, through Intl.PluralRules; i18n.ts, fillMessage).
// `languageName` is the language's own name, on its button and in the story-language menu.

export const en = {
  languageName: 'English',
  pageTitle: 'Sotto — share your story safely',
  tagline: 'Share your story safely',
  languageSwitch: 'Language of this page',
  quickExit: 'Leave quickly',
  quickExitHint: 'or press Esc twice',
  demoTitle: 'Demo version: do not send a real story',
  demoText:
    'This server is only for trying Sotto out. Whoever runs it can read everything sent here. To tell your real story, use the address the editors have published.',

  formTitle: 'Tell your story',
  formIntro:
    'Your story is encrypted on this device before it leaves it. Only the editors can read it: the server and anyone watching the network see scrambled data.',
  safetyTitle: 'Before you start',
  safetyTor: 'If you can, use Tor Browser, on a device nobody else uses or checks.',
  safetyNothingSaved: 'Nothing is saved on this device. If you close this page, what you typed is gone.',
  safetyEditors:
    'Editors remove names, places and other details that could identify you before anything is published.',
  safetyExit: 'If someone comes near, press “Leave quickly”.',
  safetyExitKeyboard: 'If someone comes near, press “Leave quickly” or Esc twice.',

  storyLabel: 'Your story',
  storyHint: 'Write in any language, as much or as little as you want.',
  storyCount: '{count} of {max} characters',
  titleLabel: 'Title (optional)',
  languageLabel: 'Language of your story',
  language_other: 'Another language',
  regionLabel: 'Federal district (optional)',
  regionNone: 'Prefer not to say',
  region_central: 'Central',
  region_northwestern: 'Northwestern',
  region_southern: 'Southern',
  'region_north-caucasian': 'North Caucasian',
  region_volga: 'Volga',
  region_ural: 'Ural',
  region_siberian: 'Siberian',
  'region_far-eastern': 'Far Eastern',
  region_abroad: 'Outside Russia',
  regionNote:
    'We only ask for a broad region, never a city or town: together with your story, a town can be enough to recognise you.',
  consentLabel:
    'I agree that my story may be published after the editors remove names, places and anything else that could identify me.',
  contactLabel: 'How to reach you (optional)',
  picturesAdd: 'Add a photo or screenshot',
  contactHint:
    'Only if you want the editors to write to you, for example a Signal username or an email address that does not show your name. It is encrypted like the rest.',
  keysTitle: 'Who can read your story',
  keysText: 'Your story is encrypted for {count} {count|one:editor|other:editors}. Fingerprint of their keys:',
  keysHint: 'The editors publish this fingerprint elsewhere. If the two match, this page has not been tampered with.',
  submit: 'Encrypt and send',

  stageEncrypt: 'Encrypting your story…',
  stageWork: 'Protecting the service from spam. This can take a few seconds…',
  stageSend: 'Sending…',
  errorStoryRequired: 'Please write your story before sending.',
  errorConsentRequired: 'Please tick the consent box before sending.',
  errorTooBig: 'Your story is too long to send at once. Please shorten it or send it in two parts.',
  errorNetwork: 'The server cannot be reached. Check your connection and try again. Your text is still here.',
  errorBusy: 'The service is busy right now. Please wait a minute and try again. Your text is still here.',
  errorExpired: 'The security check expired twice. Please try again. Your text is still here.',
  errorStorage:
    'The service cannot accept new stories at the moment. Please try again in a few days. Your text is still here.',
  errorLanguage: 'This language could not be loaded. The page stays as it is; you can try again.',
  errorFailed: 'Your story was not sent because of an error. Please try again later. Your text is still here.',

  receiptTitle: 'Your story has been sent',
  receiptIntro:
    'Thank you. This is your receipt code. It is the only way to check on your story or to withdraw it later.',
  receiptCopy: 'Copy the code',
  receiptCopied: 'Copied.',
  receiptAdviceWrite: 'Write it down on paper, or keep it in a password manager.',
  receiptAdviceHide: 'Keep it where nobody else can see it: anyone with this code can check on your story or withdraw it.',
  receiptAdviceOnce: 'This code will not be shown again.',
  receiptToStatus: 'Check the status of your story',
  receiptAnother: 'Send another story',

  statusTitle: 'Check on your story',
  statusIntro: 'Enter the receipt code you were given when you sent your story.',
  receiptLabel: 'Receipt code',
  statusCheck: 'Check the status',
  status_received: 'Received. It is waiting for the editors.',
  status_in_review: 'The editors are reading it.',
  status_published: 'Published, after anonymisation.',
  status_declined: 'The editors decided not to publish it.',
  status_withdrawn: 'Withdrawn. It has been erased from the server.',
  status_unknown: 'No story was found for this code. Check that it is typed correctly.',
  errorReceiptInvalid: 'This is not a valid receipt code. Check it for typing mistakes: it has 28 letters and digits.',
  withdraw: 'Withdraw my story',
  withdrawQuestion:
    'Withdrawing erases your story from the server and asks the editors to delete their copies. This cannot be undone.',
  withdrawConfirm: 'Yes, withdraw it',
  withdrawCancel: 'Cancel',
  toForm: 'Back to the form',
  toStatus: 'Already sent a story? Check its status',
} as const;

export default en;

export type MessageKey = keyof typeof en;
export type Messages = Readonly<Record<MessageKey, string>>;
