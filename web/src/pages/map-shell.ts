import type { User } from '../../../server/contract';
import { legend } from '../components/legend';
import { messageBox, type MessageBox } from '../components/messages';
import { topBar } from '../components/top-bar';
import { h } from '../dom';
import { t } from '../i18n';

export interface MapShell {
  el: HTMLElement;
  mapEl: HTMLElement;
  side: HTMLElement;
  message: MessageBox;
}

/** Header, a full-height map with its legend, and a side panel: the frame of the coordinator and district pages. */
export function mapShell(title: string, user: User | null, afterLogout: () => void, testId: string): MapShell {
  const mapEl = h('div', { class: 'map', 'data-testid': 'map' });
  const side = h('aside', { class: 'side-panel', 'data-testid': 'side-panel' }, h('p', { class: 'muted' }, t('common.loading')));
  const message = messageBox('page-message');
  const el = h('div', { class: 'page page-map', 'data-testid': testId },
    topBar(title, user, afterLogout),
    message.el,
    h('main', { class: 'map-layout' }, h('div', { class: 'map-wrap' }, mapEl, legend()), side));
  return { el, mapEl, side, message };
}
