export { buildKnowledgeIndex, type KnowledgeDocument, type KnowledgeHit } from './build-knowledge-index.ts';
export { CATEGORY_PROFILES, type CategoryProfile } from './category-profiles.ts';
export {
  type AnthropicPlannerOptions,
  createInvestigator,
  type InvestigatorDeps,
} from './create-investigator.ts';
export { deriveContext, type IncidentContext, workloadOfPod } from './derive-context.ts';
export { DEFAULT_LIMITS, type InvestigationLimits } from './limits.ts';
export { renderReport } from './render-report.ts';
export type * from './types.ts';
