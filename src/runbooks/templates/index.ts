import { INCIDENT_TEMPLATE } from './incident.ts';
import { MAINTENANCE_TEMPLATE } from './maintenance.ts';
import { MONITORING_TEMPLATE } from './monitoring.ts';
import { RECOVERY_TEMPLATE } from './recovery.ts';

export const TEMPLATE_KINDS = ['incident', 'maintenance', 'monitoring', 'recovery'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

const TEMPLATES: Record<TemplateKind, string> = {
  incident: INCIDENT_TEMPLATE,
  maintenance: MAINTENANCE_TEMPLATE,
  monitoring: MONITORING_TEMPLATE,
  recovery: RECOVERY_TEMPLATE,
};

/** A commented starter runbook of one kind, for `runbook new <id> --template <kind>`. */
export function renderTemplate(kind: TemplateKind, id: string, name?: string): string {
  const title = name ?? id.replaceAll('-', ' ').replace(/^./, (first) => first.toUpperCase());
  return TEMPLATES[kind].replaceAll('{{id}}', id).replaceAll('{{name}}', JSON.stringify(title));
}
