// Which PC/SC readers the driver uses. Dual readers such as the ACR1252U list a contactless (PICC) slot and
// a SAM slot for a secure-access module; only the contactless one can see a pass.
export const DEFAULT_READER_EXCLUDE = /\bSAM\b/i;

export function isReaderWanted(
  name: string,
  include: RegExp | null,
  exclude: RegExp = DEFAULT_READER_EXCLUDE,
): boolean {
  return (include === null || include.test(name)) && !exclude.test(name);
}
