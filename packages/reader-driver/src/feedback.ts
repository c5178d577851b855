// Beep/LED feedback for ACS readers after a successful read. Best effort and off by default: on Linux the
// escape (control) path needs the CCID driver's "exchange authorized" option (ifdDriverOptions 0x0001 in
// libccid_Info.plist); without it the reader answers 0x80100016 and we carry on silently.

export type FeedbackModel = 'acr122u' | 'acr1252u';

export interface FeedbackCommand {
  /** `transmit`: a pseudo-APDU to the reader while the card is connected; `control`: an escape command. */
  via: 'transmit' | 'control';
  bytes: Uint8Array;
}

/** Picks the model from the PC/SC reader name ("ACS ACR122U PICC Interface 00 00", "ACS ACR1252 1S CL Reader"). */
export function feedbackModelFor(readerName: string): FeedbackModel | null {
  const name = readerName.toLowerCase();
  if (name.includes('acr122')) return 'acr122u';
  if (name.includes('acr125')) return 'acr1252u';
  return null;
}

export function feedbackCommand(model: FeedbackModel): FeedbackCommand {
  switch (model) {
    case 'acr122u':
      // Bi-colour LED and buzzer control (ACR122U API §6.2): green blink once, buzzer on during T1 (100 ms).
      return {
        via: 'transmit',
        bytes: Uint8Array.from([0xff, 0x00, 0x40, 0x2e, 0x04, 0x01, 0x00, 0x01, 0x01]),
      };
    case 'acr1252u':
      // Buzzer control escape command (ACR1252U reference manual §5.5.2): 0x0A × 10 ms.
      return { via: 'control', bytes: Uint8Array.from([0xe0, 0x00, 0x00, 0x28, 0x01, 0x0a]) };
  }
}
