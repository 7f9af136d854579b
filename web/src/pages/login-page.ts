import { messageBox } from '../components/messages';
import { topBar } from '../components/top-bar';
import { h } from '../dom';
import { t } from '../i18n';
import type { Page, PageContext } from '../router';
import { homeFor, login } from '../session';

export function loginPage(ctx: PageContext): Page {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'off', 'data-testid': 'login-username' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'data-testid': 'login-password' });
  const submit = h('button', { type: 'submit', class: 'primary big', 'data-testid': 'login-submit' }, t('login.submit'));
  const message = messageBox('login-message');
  const form = h('form', {
    class: 'login-form card',
    onsubmit: async (e: SubmitEvent) => {
      e.preventDefault();
      submit.disabled = true;
      submit.textContent = t('login.busy');
      message.clear();
      try {
        const user = await login(username.value.trim(), password.value);
        ctx.navigate(homeFor(user.role));
      } catch (err) {
        message.error(err);
        submit.disabled = false;
        submit.textContent = t('login.submit');
      }
    },
  },
    h('h2', null, t('login.title')),
    h('p', { class: 'muted' }, t('login.subtitle')),
    h('label', { class: 'field' }, h('span', null, t('login.username')), username),
    h('label', { class: 'field' }, h('span', null, t('login.password')), password),
    submit,
    message.el);
  return {
    el: h('div', { class: 'page page-login', 'data-testid': 'login-page', 'data-ready': 'true' }, topBar(t('app.title'), null), h('main', { class: 'center' }, form)),
    mounted: () => username.focus(),
  };
}
