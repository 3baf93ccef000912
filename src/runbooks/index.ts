export {
  detectParameters,
  draftToYaml,
  parseAuthoringRequest,
  type RunbookDraft,
  slugify,
  splitSteps,
} from './author-draft.ts';
export { coerceParamValue, type ParamValue, SAFE_PARAM_VALUE } from './coerce-param-value.ts';
export { describeTrigger } from './describe-trigger.ts';
export {
  allFlowSteps,
  type FlowStep,
  flowSteps,
  inlineDiagnostics,
  isProcedure,
  type StepKind,
  stepText,
} from './flow-steps.ts';
export { isRunbookFile, KNOWLEDGE_FOLDER, listRunbookFiles } from './list-runbook-files.ts';
export { type KnowledgeDoc, loadKnowledge } from './load-knowledge.ts';
export { loadRunbookDirectory, type RunbookDirectory } from './load-runbook-directory.ts';
export { loadRunbookFiles, MAX_RUNBOOK_FILE_BYTES, type RunbookFilesResult } from './load-runbook-files.ts';
export { hashRunbookSource, type LoadedRunbook, type RunbookCall } from './loaded-runbook.ts';
export { matchAlert } from './match-alert.ts';
export { matchesGlob } from './match-glob.ts';
export { parseRunbook } from './parse-runbook.ts';
export { findPlaceholders } from './placeholders.ts';
export { type ResolvedParams, resolveParams } from './resolve-params.ts';
export * from './root-causes.ts';
export {
  type CatalogOptions,
  type CatalogReload,
  createRunbookCatalog,
  type RunbookCatalog,
  type RunbookVersionInfo,
} from './runbook-catalog.ts';
export { type Runnability, runbookRunnable } from './runbook-runnable.ts';
export * from './schema.ts';
export { substituteParams } from './substitute-params.ts';
export { renderTemplate, TEMPLATE_KINDS, type TemplateKind } from './templates/index.ts';
export { unifiedDiff } from './unified-diff.ts';
export {
  authorOf,
  type RunbookVersionEntry,
  readVersionLog,
  recordLoadedVersions,
  recordVersions,
  VERSION_LOG_FILE,
} from './version-log.ts';
