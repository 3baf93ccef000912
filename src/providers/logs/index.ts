export { createLogSearchProvider } from './create-log-search-provider.ts';
export { compileLinePredicate, MAX_MATCH_LINE_CHARS, MAX_PATTERN_LENGTH } from './line-predicate.ts';
