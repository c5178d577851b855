// The parts of the driver that run anywhere (no Node APIs): types, hub, simulator, decoders, wedge detector.
export * from './types.ts';
export { normaliseScan, displayRaw, RAW_DISPLAY_LIMIT } from './normalise.ts';
export type { ScanInput, NormalisedScan } from './normalise.ts';
export { ReaderHub } from './reader-hub.ts';
export type { ReaderHubOptions, ReaderHubEvents } from './reader-hub.ts';
export { SimulatedSource } from './simulated-source.ts';
export type { SimulatedSourceOptions, SimulatedStep } from './simulated-source.ts';
export { KeyboardWedgeDetector } from './keyboard-wedge.ts';
export type { KeyboardWedgeOptions, WedgeKey, WedgeResult } from './keyboard-wedge.ts';
export { HidPosDecoder, BootKeyboardDecoder, DEFAULT_HID_POS_LAYOUT } from './hid-decoder.ts';
export type { HidDecoder, HidPosLayout } from './hid-decoder.ts';
