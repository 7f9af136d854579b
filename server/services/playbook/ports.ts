import type { PlaybookTemplateInput } from '../../contract/playbook';
import type { StoredStep } from '../../domain/playbook';

// Store port for the response playbook (templates per city, checklists per zone and sealing).

export interface TemplateRecord extends PlaybookTemplateInput {
  city: string;
  updatedAt: string;
  updatedBy: string;
}

export interface ChecklistRecord {
  id: string;
  zoneId: string;
  districtId: string;
  city: string;
  tier: string;
  startedAt: string;
  steps: StoredStep[];
}

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
