// A barcode scanner in keyboard mode "types" anywhere on the page: a global listener hands its bursts to
// the detector and every scan (or unreadable scan) to the identify router.
import { KeyboardWedgeDetector } from '@uitpas/reader-driver/keyboard-wedge';
import { useEffect } from 'react';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement
  );
}

export function useKeyboardWedge(onScan: (value: string) => void): void {
  useEffect(() => {
    const detector = new KeyboardWedgeDetector();
    const onKeyDown = (event: KeyboardEvent) => {
      const result = detector.handleKey({
        key: event.key,
        time: event.timeStamp,
        editable: isEditable(event.target),
        scanAllowed: event.target instanceof HTMLElement && event.target.dataset.scanAllowed === 'true',
      });
      if (result.type === 'none') return;
      event.preventDefault();
      onScan(result.type === 'read' ? result.read.value : result.rejected.raw);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [onScan]);
}
