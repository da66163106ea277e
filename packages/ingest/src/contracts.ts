/** The sibling packages' surfaces ingest uses (their own types: a contract change shows up as a type error here). */
export type { InputInfo, InputFormat, OcrPool } from '@sohoa/ocr';
export type { Restorer, RestoreMode, GarblingAssessment, ParseResult } from '@sohoa/parser';
export type { Store, TaskFilterInput, TaskItem } from '@sohoa/store';

export type OcrModule = typeof import('@sohoa/ocr');
export type ParserModule = typeof import('@sohoa/parser');
export type StoreModule = typeof import('@sohoa/store');
