import type { Zone } from '../../../server/contract';
import { request } from '../api';
import { h, replaceChildren } from '../dom';
import { localName, t } from '../i18n';
import { latestOnly } from '../latest';
import type { VertexEdit, ZoneMap } from '../map/zone-map';
import { zoneToInput } from '../zones/zone-input';
import { messageBox } from './messages';

/**
 * Edit a zone's corners on the map and save them through PUT /api/zones/:id, so the server's polygon checks
 * (closed ring, no crossing, inside the district) decide. A refused edit shows the server's message and stays open
 * for another try; nothing is stored.
 */
export function shapeEditor(zone: Zone, map: ZoneMap, onSaved: (zone: Zone) => void): { el: HTMLElement; stop(): void } {
  const message = messageBox('shape-message');
  const corners = h('span', { class: 'muted', 'data-testid': 'shape-corners' });
  const controls = h('div', { class: 'actions' });
  let session: VertexEdit | null = null;
  // The first edit waits for geoman to load. stop() (cancel, or another zone picked) makes a start
  // still waiting stale: its session is ended as soon as it arrives instead of editing a zone no
  // longer shown.
  const starts = latestOnly();

  const showCorners = (): void => { corners.textContent = session ? t('shape.corners', { n: session.corners() }) : ''; };

  function idle(): void {
    const edit = h('button', { type: 'button', 'data-testid': 'shape-edit', onclick: () => void begin(edit) }, t('shape.edit'));
    replaceChildren(controls, edit);
    el.dataset.editing = 'false';
  }

  async function begin(button: HTMLButtonElement): Promise<void> {
    message.clear();
    // No second start while the first one loads.
    button.disabled = true;
    const current = starts.begin();
    let started: VertexEdit | null;
    try {
      started = await map.editZone(zone.id, { onChange: showCorners });
    } catch (err) {
      if (current()) { message.error(err); button.disabled = false; }
      return;
    }
    if (!current()) { started?.stop(); return; }
    session = started;
    if (!session) { button.disabled = false; return; }
    el.dataset.editing = 'true';
    showCorners();
    const save = h('button', { type: 'button', class: 'primary', 'data-testid': 'shape-save', onclick: () => void commit(save) }, t('shape.save'));
    replaceChildren(controls, save, h('button', { type: 'button', 'data-testid': 'shape-cancel', onclick: stop }, t('common.cancel')), corners,
      h('p', { class: 'muted hint' }, t('shape.hint')));
  }

  async function commit(button: HTMLButtonElement): Promise<void> {
    if (!session) return;
    button.disabled = true;
    message.clear();
    try {
      const updated = await request('PUT /api/zones/:id', { params: { id: zone.id }, body: zoneToInput(zone, { polygon: session.polygon() }) });
      zone = updated;
      stop();
      message.info(t('shape.saved', { name: localName(updated) }));
      onSaved(updated);
    } catch (err) {
      message.error(err);
    } finally {
      button.disabled = false;
    }
  }

  function stop(): void {
    starts.cancel();
    session?.stop();
    session = null;
    idle();
  }

  const el = h('section', { class: 'shape-editor', 'data-testid': 'shape-editor', 'data-zone-id': zone.id },
    h('h4', null, t('shape.title')), controls, message.el);
  idle();
  return { el, stop };
}
