import type { LoadedRunbook, RootCause } from '../runbooks/index.ts';
import type { KnowledgeHit } from './build-knowledge-index.ts';
import { CATEGORY_PROFILES, SYMPTOM_DIFFERENTIALS } from './category-profiles.ts';
import type { IncidentContext } from './derive-context.ts';

export interface Prior {
  category: RootCause;
  prior: number;
  reasons: string[];
}

const PER_KEYWORD = 0.05;
const PER_SYMPTOM = 0.03;
const MAX_KEYWORDS = 3;
const TRIGGER_PRIMARY = 0.12;
const TRIGGER_SECONDARY = 0.05;
const PER_KNOWLEDGE_HIT = 0.03;
const MAX_PRIOR = 0.45;

/**
 * How likely each category is before any check: what the alert's name, summary and any message say
 * (their words against each category's keywords), which runbooks' triggers the alert matches, and
 * which notes the knowledge search found. Priors only rank the first guesses; evidence decides.
 */
export function scorePriors(
  context: IncidentContext,
  matchedRunbooks: readonly LoadedRunbook[],
  knowledge: readonly KnowledgeHit[],
): Prior[] {
  const words = new Set(context.words);
  return CATEGORY_PROFILES.map((profile) => {
    const reasons: string[] = [];
    let prior = profile.basePrior;
    const hits = profile.keywords.filter((keyword) => words.has(keyword));
    if (hits.length > 0) {
      prior += PER_KEYWORD * Math.min(MAX_KEYWORDS, hits.length);
      reasons.push(`the alert mentions ${hits.slice(0, MAX_KEYWORDS).join(', ')}`);
    }
    const symptoms = [...words].filter((word) => SYMPTOM_DIFFERENTIALS[word]?.includes(profile.category));
    if (symptoms.length > 0) {
      prior += PER_SYMPTOM;
      reasons.push(`a usual suspect for ${symptoms[0]}`);
    }
    for (const runbook of matchedRunbooks) {
      const position = runbook.definition.categories.indexOf(profile.category);
      if (position < 0) continue;
      prior += position === 0 ? TRIGGER_PRIMARY : TRIGGER_SECONDARY;
      reasons.push(`the alert triggers runbook ${runbook.definition.id}`);
    }
    const cited = knowledge.filter((hit) => hit.categories.includes(profile.category)).slice(0, 2);
    if (cited.length > 0) {
      prior += PER_KNOWLEDGE_HIT * cited.length;
      reasons.push(`notes mention it (${cited.map((hit) => hit.title).join('; ')})`);
    }
    return {
      category: profile.category,
      prior: Math.round(Math.min(MAX_PRIOR, prior) * 1000) / 1000,
      reasons,
    };
  });
}
