import type { User } from '../../../server/contract';
import { h } from '../dom';
import { getLang, setLang, t } from '../i18n';
import { logout } from '../session';

/** The header on every page: title, the language switch, and for a logged-in user their name and log-out. */
export function topBar(title: string, user: User | null, afterLogout?: () => void): HTMLElement {
  const lang = h('button', {
    type: 'button', class: 'lang-switch', 'data-testid': 'lang-switch', title: t('lang.switchTitle'),
    onclick: () => setLang(getLang() === 'zh' ? 'en' : 'zh'),
  }, t('lang.switch'));
  const account = user
    ? [
        // Staff pages for requests, alerts, the playbook and reports (issue #6).
        user.role !== 'driver'
          ? h('a', { class: 'nav-link', 'data-testid': 'nav-ops', href: location.pathname === '/ops' ? '/' : '/ops' }, t(location.pathname === '/ops' ? 'nav.home' : 'nav.ops'))
          : null,
        h('span', { class: 'user-name', 'data-testid': 'user-name' }, user.displayName),
        h('button', {
          type: 'button', class: 'logout', 'data-testid': 'logout',
          onclick: async () => { await logout().catch(() => undefined); afterLogout?.(); },
        }, t('nav.logout')),
      ]
    : [];
  document.title = `${title} · ${t('app.short')}`;
  return h('header', { class: 'top-bar' },
    h('span', { class: 'brand' }, t('app.short')),
    h('h1', { class: 'page-title', 'data-testid': 'page-title' }, title),
    h('span', { class: 'spacer' }),
    lang, ...account);
}
