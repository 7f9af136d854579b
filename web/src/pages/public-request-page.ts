import '../ops.css';
import { REQUEST_CATEGORIES, type PublicZone, type RequestCategory } from '../../../server/contract';
import { ApiFailure, request } from '../api';
import { refusalLine } from '../refusal';
import { topBar } from '../components/top-bar';
import { h, replaceChildren } from '../dom';
import { localName, t, tOr } from '../i18n';
import type { Page } from '../router';

/** The device id the server rate-limits by (with the IP): a cookie, so a page reload keeps it. */
function ensureDeviceCookie(): void {
  if (/(?:^|;\s*)bg_device=/.test(document.cookie)) return;
  const id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  document.cookie = `bg_device=${id}; path=/; max-age=${365 * 86400}; samesite=strict`;
}

/**
 * The residents' page for one zone (/r/<zoneId>, printed at the gate as a QR code): no login, a short
 * form, and a receipt number back. Nothing typed is shown again; every text goes in as textContent.
 */
export function publicRequestPage(zoneId: string): Page {
  const body = h('main', { class: 'public-request', 'data-testid': 'public-request' }, h('p', { class: 'muted' }, t('common.loading')));
  const el = h('div', { class: 'page page-public' }, topBar(t('public.title'), null), body);

  function form(zone: PublicZone): HTMLElement {
    const message = h('p', { class: 'error', 'data-testid': 'public-error', role: 'alert' });
    const field = (label: string, input: HTMLElement) => h('label', { class: 'field' }, h('span', null, label), input);
    const category = h('select', { name: 'category', 'data-testid': 'public-category', required: true },
      REQUEST_CATEGORIES.map((c) => h('option', { value: c }, tOr(`category.${c}`, c))));
    const commodity = h('select', { name: 'commodityId', 'data-testid': 'public-commodity' },
      h('option', { value: '' }, t('commodity.none')), zone.commodities.map((c) => h('option', { value: c.id }, localName(c))));
    const building = h('input', { name: 'building', 'data-testid': 'public-building', required: true, maxlength: 100 });
    const contact = h('input', { name: 'contact', 'data-testid': 'public-contact', required: true, maxlength: 50, inputmode: 'tel' });
    const text = h('textarea', { name: 'text', 'data-testid': 'public-text', required: true, maxlength: 500, rows: 4 });
    // A honeypot: hidden from people, filled in by form-spamming bots; the server drops those.
    const website = h('input', { name: 'website', tabindex: -1, autocomplete: 'off', class: 'hp', 'aria-hidden': 'true' });
    const submit = h('button', { type: 'submit', 'data-testid': 'public-submit' }, t('public.submit'));
    const f = h('form', {
      class: 'public-form',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        submit.disabled = true;
        submit.textContent = t('public.busy');
        message.textContent = '';
        try {
          const receipt = await request('POST /api/public/zones/:zoneId/requests', {
            params: { zoneId },
            body: {
              category: category.value as RequestCategory,
              ...(commodity.value ? { commodityId: commodity.value } : {}),
              building: building.value, contact: contact.value, text: text.value,
              ...(website.value ? { website: website.value } : {}),
            },
          });
          replaceChildren(body, h('div', { class: 'receipt', 'data-testid': 'public-receipt' },
            h('p', null, t('public.receipt', { id: receipt.receiptId })),
            h('button', { type: 'button', 'data-testid': 'public-again', onclick: () => replaceChildren(body, form(zone)) }, t('public.again'))));
        } catch (err) {
          message.textContent = err instanceof ApiFailure ? refusalLine(err, err.route) : String(err);
          submit.disabled = false;
          submit.textContent = t('public.submit');
        }
      },
    },
    field(t('public.category'), category), field(t('public.commodity'), commodity), field(t('public.building'), building),
    field(t('public.contact'), contact), field(t('public.text'), text), website, message, submit);
    return h('div', null,
      h('h2', { 'data-testid': 'public-zone' }, t('public.zone', { name: localName(zone) })),
      h('p', { class: 'muted' }, t('public.intro')), f);
  }

  async function mounted(): Promise<void> {
    ensureDeviceCookie();
    try {
      const zone = await request('GET /api/public/zones/:zoneId', { params: { zoneId } });
      replaceChildren(body, form(zone));
    } catch {
      replaceChildren(body, h('p', { class: 'error', 'data-testid': 'public-error' }, t('public.unknownZone')));
    }
    el.dataset.ready = 'true';
  }

  return { el, mounted: () => void mounted() };
}
