/** Bumped whenever output for the same input may change; `sohoa batch --reprocess` keys on it. */
export const PIPELINE_VERSION = '0.1.0';
