import { pathToFileURL } from 'node:url';

/**
 * Arguments for headless Chromium printing an HTML file to PDF on a machine with no network: a fresh
 * profile each time (no state leaks between renders) and every background connection switched off
 * (they are refused here, many at a time). Only fixture and model generators use it; tests never do.
 */
export function chromiumPrintToPdfArgs(htmlPath: string, pdfPath: string, profileDir: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-pdf-header-footer',
    `--user-data-dir=${profileDir}`,
    `--print-to-pdf=${pdfPath}`,
    pathToFileURL(htmlPath).href,
  ];
}

export const CHROMIUM = process.env.CHROMIUM ?? 'chromium';
