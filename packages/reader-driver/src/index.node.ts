// Node entry: everything portable plus the hardware sources.
export * from './index.ts';
export { PcscSource, PCSCD_READER_ID, describePcscError } from './pcsc-source.node.ts';
export { PCSCD_SOCKET, pcscdReachable } from './pcscd.node.ts';
export type { PcscSourceOptions } from './pcsc-source.node.ts';
export { feedbackCommand, feedbackModelFor } from './feedback.ts';
export type { FeedbackModel, FeedbackCommand } from './feedback.ts';
export { HidScannerSource, nodeHidBackend, HID_POS_USAGE_PAGE } from './hid-source.node.ts';
export type { HidScannerOptions, HidBackend, HidDeviceInfo, HidDeviceHandle } from './hid-source.node.ts';
export { createReaderHub } from './create-hub.node.ts';
export type { ReaderConfig } from './create-hub.node.ts';
export { isReaderWanted, DEFAULT_READER_EXCLUDE } from './reader-names.ts';
