import type { Alert, User, Zone } from '../../../server/contract';
import { request } from '../api';
import { h, replaceChildren } from '../dom';
import { getLang, localName, t } from '../i18n';
import type { LiveLink } from '../live/live-link';

const SOUND_KEY = 'baogong.escalationSound';

/** An escalation is this user's to hear when they own the alert or are an official of its district. */
export function isMine(user: User, alert: Alert): boolean {
  return alert.ownerId === user.id || (user.role === 'district_official' && user.districtId === alert.districtId);
}

function soundOn(): boolean {
  try { return localStorage.getItem(SOUND_KEY) === 'on'; } catch { return false; }
}

/** A short beep and a vibration, only when the user turned them on (browsers allow sound after a click). */
function ring(): void {
  if (!soundOn()) return;
  try { navigator.vibrate?.([200, 100, 200]); } catch { /* no vibration motor */ }
  try {
    const audio = new AudioContext();
    const osc = audio.createOscillator();
    osc.frequency.value = 880;
    osc.connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.4);
  } catch { /* no audio */ }
}

/**
 * The notice of escalated alerts on a staff page: shown for each alert that reached red and that the
 * user has not seen yet (on load, and live); "I have seen it" records the view in the alert's history.
 */
export function escalationNotice(user: User, zones: ReadonlyMap<string, Zone>, live: LiveLink | null): HTMLElement {
  const el = h('section', { class: 'escalation-notice', 'data-testid': 'escalation-notice', role: 'alert', hidden: true });
  const shown = new Map<string, Alert>();

  function render(): void {
    el.hidden = shown.size === 0;
    const sound = h('input', {
      type: 'checkbox', 'data-testid': 'escalation-sound', checked: soundOn(),
      onchange: (e: Event) => {
        const on = (e.target as HTMLInputElement).checked;
        try { localStorage.setItem(SOUND_KEY, on ? 'on' : 'off'); } catch { /* private mode */ }
        if (on) ring();
      },
    });
    replaceChildren(el,
      h('strong', null, t('escalation.title')),
      h('ul', null, [...shown.values()].map((a) => {
        const zone = zones.get(a.zoneId);
        return h('li', { 'data-testid': 'escalation-item', 'data-alert-id': a.id },
          t('escalation.body', { zone: zone ? localName(zone) : a.zoneId, reason: getLang() === 'en' ? a.reasonEn : a.reasonZh }), ' ',
          h('button', { type: 'button', 'data-testid': 'escalation-seen', onclick: () => void seen(a) }, t('escalation.seen')));
      })),
      h('label', { class: 'escalation-sound' }, sound, ' ', t('escalation.sound')));
  }

  async function seen(a: Alert): Promise<void> {
    try {
      await request('POST /api/alerts/:id/views', { params: { id: a.id } });
      shown.delete(a.id);
      render();
    } catch { /* stays shown: the view was not recorded */ }
  }

  function add(a: Alert, fresh: boolean): void {
    if (!isMine(user, a) || a.state === 'closed' || shown.has(a.id)) return;
    shown.set(a.id, a);
    render();
    if (fresh) ring();
  }

  const load = () => request('GET /api/alerts', { query: { state: 'open', unseenEscalated: 'true' } })
    .then((list) => { for (const a of list) add(a, false); })
    .catch(() => undefined);
  void load();
  // Read again on every (re)connect: an escalation pushed after the first read but before the socket joined
  // its rooms (or while it was away) would otherwise wait for a reload.
  live?.onResync(() => void load());
  live?.on('alert:changed', ({ alert, change }) => {
    if (change === 'escalated') add(alert, true);
    else if (alert.state !== 'open' && shown.delete(alert.id)) render();
  });
  return el;
}
