import { readFileSync } from 'node:fs';

export const config = readFileSync('/etc/uitpas.json', 'utf8');
