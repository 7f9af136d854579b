import type { PlaybookTemplate, ZoneChecklist } from '../../contract/playbook';
import type { StoredStep } from '../../domain/playbook';

// Store port for the response playbook (templates per city, checklists per zone and sealing). Its
// records are the contract's, less what is worked out when read.

/** A city's own template as stored: the API's PlaybookTemplate without what is derived from its steps or its absence, always with its author. */
export type TemplateRecord = Omit<PlaybookTemplate, 'firstPlanWithinH' | 'isDefault' | 'updatedAt' | 'updatedBy'> & {
  updatedAt: string;
  updatedBy: string;
};

/** A checklist as stored: the API's ZoneChecklist without the counts, its steps without their deadlines and overdue flags (computed when read). */
export type ChecklistRecord = Omit<ZoneChecklist, 'steps' | 'done' | 'total' | 'overdue'> & { steps: StoredStep[] };

export interface PlaybookRepo {
  getTemplate(city: string): Promise<TemplateRecord | null>;
  putTemplate(t: TemplateRecord): Promise<void>;
  listTemplates(): Promise<TemplateRecord[]>;
  insertChecklist(c: ChecklistRecord): Promise<void>;
  /** The zone's newest checklist. */
  currentChecklist(zoneId: string): Promise<ChecklistRecord | null>;
  /** Each zone's newest checklist, optionally of one district. */
  currentChecklists(filter?: { districtId?: string }): Promise<ChecklistRecord[]>;
  /** One checklist by id, locked for the rest of the transaction (PostgreSQL: FOR UPDATE) so two writers of its steps queue. */
  lockChecklist(id: string): Promise<ChecklistRecord | null>;
  setSteps(id: string, steps: StoredStep[]): Promise<void>;
  /** The earliest delivery recorded for the zone at or after `sinceIso` (its event time), if any. */
  firstDeliveryAt(zoneId: string, sinceIso: string): Promise<string | null>;
}
