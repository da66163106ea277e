export * from './errors.js';
export * from './result.js';
export * from './document.js';
export * from './ocr-page.js';
export * from './version.js';
export * from './pages-in-flight.js';
export * from './map-pages.js';
