// The pure parts of the PC/SC path: which readers are used, feedback commands, errors in words.
import { describe, expect, it } from 'vitest';
import { feedbackCommand, feedbackModelFor } from '../src/feedback.ts';
import { describePcscError } from '../src/pcsc-source.node.ts';
import { isReaderWanted } from '../src/reader-names.ts';

describe('reader selection', () => {
  it('skips the SAM slot of dual readers by default (Linux and Windows names)', () => {
    const names = [
      'ACS ACR1252 1S CL Reader [ACR1252 1S CL Reader PICC] 00 00',
      'ACS ACR1252 1S CL Reader [ACR1252 1S CL Reader SAM] 01 00',
      'ACS ACR1252 1S CL Reader PICC 0',
      'ACS ACR1252 1S CL Reader SAM 0',
      'ACS ACR122U PICC Interface 00 00',
      'Samsung something 00 00',
    ];
    expect(names.filter((n) => isReaderWanted(n, null))).toEqual([
      'ACS ACR1252 1S CL Reader [ACR1252 1S CL Reader PICC] 00 00',
      'ACS ACR1252 1S CL Reader PICC 0',
      'ACS ACR122U PICC Interface 00 00',
      'Samsung something 00 00',
    ]);
  });

  it('applies a configured include and exclude', () => {
    expect(isReaderWanted('Virtual PCD 00 00', /^Virtual PCD 00 00$/)).toBe(true);
    expect(isReaderWanted('Virtual PCD 00 01', /^Virtual PCD 00 00$/)).toBe(false);
    expect(isReaderWanted('ACS ACR122U PICC Interface 00 00', null, /ACR122/)).toBe(false);
  });
});

describe('reader feedback', () => {
  it('recognises ACS readers by name and knows no command for others', () => {
    expect(feedbackModelFor('ACS ACR122U PICC Interface 00 00')).toBe('acr122u');
    expect(feedbackModelFor('ACS ACR1252 1S CL Reader [ACR1252 1S CL Reader PICC] 00 00')).toBe('acr1252u');
    expect(feedbackModelFor('Virtual PCD 00 00')).toBeNull();
  });

  it('uses a pseudo-APDU on the ACR122U and an escape command on the ACR1252U', () => {
    expect(feedbackCommand('acr122u').via).toBe('transmit');
    expect(Buffer.from(feedbackCommand('acr122u').bytes).toString('hex')).toMatch(/^ff0040/);
    expect(feedbackCommand('acr1252u')).toMatchObject({ via: 'control' });
    expect(Buffer.from(feedbackCommand('acr1252u').bytes).toString('hex')).toMatch(/^e0000028/);
  });
});

describe('PC/SC errors in words', () => {
  it.each([
    ['SCardTransmit error: Card was removed.(0x80100069)', /weggenomen/],
    ['SCardTransmit error: Transaction failed.(0x80100016)', /communicatie/],
    ['SCardGetStatusChange error: RPC transport error.(0x80100013)', /pcscd/],
    ['something new', /something new/],
  ])('%s', (message, words) => {
    expect(describePcscError(new Error(message))).toMatch(words);
  });

  it('includes the cause nfc-pcsc wraps in its own errors', () => {
    const err = Object.assign(new Error('An error occurred while transmitting.'), {
      previous: new Error('Card was removed.(0x80100069)'),
    });
    expect(describePcscError(err)).toMatch(/weggenomen/);
  });
});
