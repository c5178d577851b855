// The IT staff's screens (setup and the PIN-guarded IT screen) in Dutch, French, English and German, like the
// visitor's texts; staff pick their language on those screens, apart from the visitor's choice.
import type { KioskLanguage, KioskReaderView, UserText } from '@uitpas/domain';

export type StaffCatalogue = {
  /** For dates and times. */
  locale: string;
  chooseLanguage: string;
  itCorner: string;
  setupTitle: string;
  setupIntro: string;
  code: string;
  kioskName: string;
  defaultKioskName: string;
  reader: string;
  firstReader: string;
  readerState: Record<KioskReaderView['state'], string>;
  position: string;
  positionPlaceholder: string;
  pin: string;
  pinDigits: string;
  codeAndName: string;
  busy: string;
  setUp: string;
  itTitle: string;
  pinLabel: string;
  open: string;
  back: string;
  version: string;
  kiosk: string;
  notSetUp: string;
  releaseTrack: (name: string, track: string) => string;
  readers: string;
  chosen: string;
  taps: (n: number) => string;
  lastError: (e: string) => string;
  api: string;
  reachable: (ms: number | undefined) => string;
  unreachable: (problem: string) => string;
  queue: string;
  queueLine: (depth: number, uncertain: number, rejected: number) => string;
  lastSync: string;
  notYet: string;
  activity: string;
  configured: string;
  auto: string;
  none: string;
  testTitle: string;
  testOn: string;
  testOff: string;
  testTap: (time: string, chip: string, reader: string) => string;
  refresh: string;
  startTest: string;
  stopTest: string;
  exportDiagnostics: string;
  close: string;
  resetSetup: string;
  resetTitle: string;
  resetText: string;
  resetQueued: (n: number) => string;
  resetConfirm: string;
  cancel: string;
};

const nl: StaffCatalogue = {
  locale: 'nl-BE',
  chooseLanguage: 'Taal van het IT-scherm',
  itCorner: 'IT-scherm (lang indrukken)',
  setupTitle: 'Zuil instellen',
  setupIntro: 'Geef de configuratiecode van je regio in. publiq bezorgt ze samen met de zuil.',
  code: 'Configuratiecode',
  kioskName: 'Naam van de zuil',
  defaultKioskName: 'Zuil inkom',
  reader: 'Kaartlezer',
  firstReader: 'De eerste lezer die er is',
  readerState: { ready: 'werkt', degraded: 'storing', offline: 'niet gevonden' },
  position: 'Waar zit de lezer? (voor bezoekers, optioneel)',
  positionPlaceholder: 'De lezer zit onder het scherm.',
  pin: 'Pincode voor het IT-scherm (4 tot 8 cijfers)',
  pinDigits: 'De pincode heeft 4 tot 8 cijfers.',
  codeAndName: 'Vul de configuratiecode en de naam van de zuil in.',
  busy: 'Bezig…',
  setUp: 'Zuil instellen',
  itTitle: 'IT-scherm',
  pinLabel: 'Pincode',
  open: 'Openen',
  back: 'Terug',
  version: 'Versie',
  kiosk: 'Zuil',
  notSetUp: 'niet ingesteld',
  releaseTrack: (name, track) => `${name} (releasetrack: ${track})`,
  readers: 'Lezers',
  chosen: ' (gekozen)',
  taps: (n) => (n === 1 ? '1 tap' : `${n} taps`),
  lastError: (e) => `laatste fout: ${e}`,
  api: 'UiTPAS API',
  reachable: (ms) => `bereikbaar, ${ms ?? '?'} ms`,
  unreachable: (p) => `niet bereikbaar (${p})`,
  queue: 'Wachtrij',
  queueLine: (d, u, r) => `${d} te versturen, ${u} onzeker, ${r} na te kijken`,
  lastSync: 'Laatste synchronisatie',
  notYet: 'nog niet',
  activity: 'Activiteit',
  configured: 'ingesteld',
  auto: 'automatisch gevonden',
  none: 'geen',
  testTitle: 'Testtap',
  testOn: 'Hou een kaart tegen de lezer: de tap wordt getoond, niet bewaard.',
  testOff: 'Uit.',
  testTap: (time, chip, reader) => `${time}: kaart ${chip} op ${reader}`,
  refresh: 'Vernieuwen',
  startTest: 'Testtap starten',
  stopTest: 'Testtap stoppen',
  exportDiagnostics: 'Diagnose exporteren',
  close: 'Sluiten',
  resetSetup: 'Opnieuw instellen',
  resetTitle: 'Zuil opnieuw instellen?',
  resetText:
    'De zuil vergeet haar instellingen en de pincode en toont het instelscherm. Daarna heb je een configuratiecode nodig.',
  resetQueued: (n) =>
    n === 0
      ? 'Er wachten geen taps om verstuurd te worden.'
      : `${n === 1 ? '1 bewaarde tap wordt' : `${n} bewaarde taps worden`} nog altijd verstuurd.`,
  resetConfirm: 'Ja, opnieuw instellen',
  cancel: 'Annuleren',
};

const fr: StaffCatalogue = {
  locale: 'fr-BE',
  chooseLanguage: "Langue de l'écran IT",
  itCorner: 'Écran IT (appui long)',
  setupTitle: 'Configurer la borne',
  setupIntro: 'Saisissez le code de configuration de votre région. publiq le fournit avec la borne.',
  code: 'Code de configuration',
  kioskName: 'Nom de la borne',
  defaultKioskName: 'Borne entrée',
  reader: 'Lecteur de cartes',
  firstReader: 'Le premier lecteur disponible',
  readerState: { ready: 'fonctionne', degraded: 'en panne', offline: 'introuvable' },
  position: 'Où se trouve le lecteur\u00a0? (pour les visiteurs, facultatif)',
  positionPlaceholder: "Le lecteur se trouve sous l'écran.",
  pin: "Code PIN de l'écran IT (4 à 8 chiffres)",
  pinDigits: 'Le code PIN compte 4 à 8 chiffres.',
  codeAndName: 'Saisissez le code de configuration et le nom de la borne.',
  busy: 'En cours…',
  setUp: 'Configurer la borne',
  itTitle: 'Écran IT',
  pinLabel: 'Code PIN',
  open: 'Ouvrir',
  back: 'Retour',
  version: 'Version',
  kiosk: 'Borne',
  notSetUp: 'non configurée',
  releaseTrack: (name, track) => `${name} (canal de mise à jour\u00a0: ${track})`,
  readers: 'Lecteurs',
  chosen: ' (choisi)',
  taps: (n) => (n === 1 ? '1 passage' : `${n} passages`),
  lastError: (e) => `dernière erreur\u00a0: ${e}`,
  api: 'API UiTPAS',
  reachable: (ms) => `joignable, ${ms ?? '?'} ms`,
  unreachable: (p) => `injoignable (${p})`,
  queue: "File d'attente",
  queueLine: (d, u, r) => `${d} à envoyer, ${u} incertains, ${r} à vérifier`,
  lastSync: 'Dernière synchronisation',
  notYet: 'pas encore',
  activity: 'Activité',
  configured: 'configurée',
  auto: 'trouvée automatiquement',
  none: 'aucune',
  testTitle: 'Passage de test',
  testOn: 'Présentez une carte au lecteur\u00a0: le passage est affiché, pas enregistré.',
  testOff: 'Désactivé.',
  testTap: (time, chip, reader) => `${time}\u00a0: carte ${chip} sur ${reader}`,
  refresh: 'Actualiser',
  startTest: 'Démarrer le test',
  stopTest: 'Arrêter le test',
  exportDiagnostics: 'Exporter le diagnostic',
  close: 'Fermer',
  resetSetup: 'Reconfigurer',
  resetTitle: 'Reconfigurer la borne\u00a0?',
  resetText:
    "La borne oublie sa configuration et son code PIN et affiche l'écran de configuration. Il vous faudra ensuite un code de configuration.",
  resetQueued: (n) =>
    n === 0
      ? "Aucun passage n'attend d'être envoyé."
      : `${n === 1 ? '1 passage enregistré sera' : `${n} passages enregistrés seront`} quand même envoyé${n === 1 ? '' : 's'}.`,
  resetConfirm: 'Oui, reconfigurer',
  cancel: 'Annuler',
};

const en: StaffCatalogue = {
  locale: 'en-GB',
  chooseLanguage: 'Language of the IT screen',
  itCorner: 'IT screen (long press)',
  setupTitle: 'Set up the kiosk',
  setupIntro: "Enter your region's configuration code. publiq supplies it with the kiosk.",
  code: 'Configuration code',
  kioskName: 'Kiosk name',
  defaultKioskName: 'Entrance kiosk',
  reader: 'Card reader',
  firstReader: 'The first reader found',
  readerState: { ready: 'working', degraded: 'faulty', offline: 'not found' },
  position: 'Where is the reader? (for visitors, optional)',
  positionPlaceholder: 'The reader is below the screen.',
  pin: 'PIN for the IT screen (4 to 8 digits)',
  pinDigits: 'The PIN has 4 to 8 digits.',
  codeAndName: 'Enter the configuration code and the kiosk name.',
  busy: 'Working…',
  setUp: 'Set up the kiosk',
  itTitle: 'IT screen',
  pinLabel: 'PIN',
  open: 'Open',
  back: 'Back',
  version: 'Version',
  kiosk: 'Kiosk',
  notSetUp: 'not set up',
  releaseTrack: (name, track) => `${name} (release track: ${track})`,
  readers: 'Readers',
  chosen: ' (chosen)',
  taps: (n) => (n === 1 ? '1 tap' : `${n} taps`),
  lastError: (e) => `last error: ${e}`,
  api: 'UiTPAS API',
  reachable: (ms) => `reachable, ${ms ?? '?'} ms`,
  unreachable: (p) => `unreachable (${p})`,
  queue: 'Queue',
  queueLine: (d, u, r) => `${d} to send, ${u} uncertain, ${r} to review`,
  lastSync: 'Last synchronisation',
  notYet: 'not yet',
  activity: 'Activity',
  configured: 'configured',
  auto: 'found automatically',
  none: 'none',
  testTitle: 'Test tap',
  testOn: 'Hold a card against the reader: the tap is shown, not saved.',
  testOff: 'Off.',
  testTap: (time, chip, reader) => `${time}: card ${chip} on ${reader}`,
  refresh: 'Refresh',
  startTest: 'Start test tap',
  stopTest: 'Stop test tap',
  exportDiagnostics: 'Export diagnostics',
  close: 'Close',
  resetSetup: 'Set up again',
  resetTitle: 'Set up the kiosk again?',
  resetText:
    'The kiosk forgets its setup and PIN and shows the setup screen. You will need a configuration code afterwards.',
  resetQueued: (n) =>
    n === 0
      ? 'No taps are waiting to be sent.'
      : `${n === 1 ? '1 saved tap' : `${n} saved taps`} will still be sent.`,
  resetConfirm: 'Yes, set up again',
  cancel: 'Cancel',
};

const de: StaffCatalogue = {
  locale: 'de-BE',
  chooseLanguage: 'Sprache des IT-Bildschirms',
  itCorner: 'IT-Bildschirm (lange drücken)',
  setupTitle: 'Säule einrichten',
  setupIntro: 'Gib den Konfigurationscode deiner Region ein. publiq liefert ihn mit der Säule.',
  code: 'Konfigurationscode',
  kioskName: 'Name der Säule',
  defaultKioskName: 'Säule Eingang',
  reader: 'Kartenlesegerät',
  firstReader: 'Das erste verfügbare Lesegerät',
  readerState: { ready: 'funktioniert', degraded: 'gestört', offline: 'nicht gefunden' },
  position: 'Wo ist das Lesegerät? (für Besucher, optional)',
  positionPlaceholder: 'Das Lesegerät befindet sich unter dem Bildschirm.',
  pin: 'PIN für den IT-Bildschirm (4 bis 8 Ziffern)',
  pinDigits: 'Die PIN hat 4 bis 8 Ziffern.',
  codeAndName: 'Gib den Konfigurationscode und den Namen der Säule ein.',
  busy: 'Einen Moment…',
  setUp: 'Säule einrichten',
  itTitle: 'IT-Bildschirm',
  pinLabel: 'PIN',
  open: 'Öffnen',
  back: 'Zurück',
  version: 'Version',
  kiosk: 'Säule',
  notSetUp: 'nicht eingerichtet',
  releaseTrack: (name, track) => `${name} (Release-Kanal: ${track})`,
  readers: 'Lesegeräte',
  chosen: ' (gewählt)',
  taps: (n) => (n === 1 ? '1 Vorgang' : `${n} Vorgänge`),
  lastError: (e) => `letzter Fehler: ${e}`,
  api: 'UiTPAS-API',
  reachable: (ms) => `erreichbar, ${ms ?? '?'} ms`,
  unreachable: (p) => `nicht erreichbar (${p})`,
  queue: 'Warteschlange',
  queueLine: (d, u, r) => `${d} zu senden, ${u} unsicher, ${r} zu prüfen`,
  lastSync: 'Letzte Synchronisierung',
  notYet: 'noch nicht',
  activity: 'Aktivität',
  configured: 'eingestellt',
  auto: 'automatisch gefunden',
  none: 'keine',
  testTitle: 'Testvorgang',
  testOn: 'Halte eine Karte an das Lesegerät: Der Vorgang wird angezeigt, nicht gespeichert.',
  testOff: 'Aus.',
  testTap: (time, chip, reader) => `${time}: Karte ${chip} an ${reader}`,
  refresh: 'Aktualisieren',
  startTest: 'Test starten',
  stopTest: 'Test beenden',
  exportDiagnostics: 'Diagnose exportieren',
  close: 'Schließen',
  resetSetup: 'Neu einrichten',
  resetTitle: 'Säule neu einrichten?',
  resetText:
    'Die Säule vergisst ihre Einstellungen und die PIN und zeigt den Einrichtungsbildschirm. Danach brauchst du einen Konfigurationscode.',
  resetQueued: (n) =>
    n === 0
      ? 'Es warten keine Vorgänge auf das Senden.'
      : `${n === 1 ? '1 gespeicherter Vorgang wird' : `${n} gespeicherte Vorgänge werden`} trotzdem gesendet.`,
  resetConfirm: 'Ja, neu einrichten',
  cancel: 'Abbrechen',
};

export const STAFF_TEXTS: Record<KioskLanguage, StaffCatalogue> = { nl, fr, en, de };

/** A terminal message for staff: German falls back to English, anything missing to Dutch. */
export function pickStaff(text: UserText, language: KioskLanguage): string {
  return (language === 'de' ? text.en : text[language]) ?? text.nl;
}
