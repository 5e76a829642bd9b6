// Sign in: trades a username and password for a bearer token kept in sessionStorage, and switches to the language the
// account remembers (or remembers the one in use when it has none).
import { request, session } from '../api.js';
import { language, rememberLanguage, setLanguage } from '../i18n.js';
import { h, problemBox, t } from '../ui.js';

export function renderSignIn(root, { navigate }) {
  const messageKey = sessionStorage.getItem('axle.signinMessage');
  const message = messageKey ? t(messageKey) : null;
  sessionStorage.removeItem('axle.signinMessage');
  const slot = h('div');
  const username = h('input', { name: 'username', id: 'signin-username', testid: 'signin-username', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { name: 'password', id: 'signin-password', testid: 'signin-password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'signin-submit' }, t('signin.submit'));

  const form = h('form', { testid: 'signin-form', onsubmit: async (e) => {
    e.preventDefault();
    submit.disabled = true;
    slot.replaceChildren();
    try {
      const token = await request('POST', '/api/v1/auth/token', {
        body: { username: username.value.trim(), password: password.value }, auth: false,
      });
      session.save(username.value.trim(), token);
      if (token.language) setLanguage(token.language);
      else rememberLanguage(language());
      const back = sessionStorage.getItem('axle.returnTo');
      sessionStorage.removeItem('axle.returnTo');
      navigate(back && !back.startsWith('#/signin') ? back : '#/orders');
    } catch (err) {
      if (err.status === 401 && err.problem) err.problem.detail = t('signin.wrong');
      slot.replaceChildren(problemBox(err, 'signin-problem'));
      submit.disabled = false;
      password.select();
    }
  } },
  h('label', { for: 'signin-username' }, t('signin.username'), username),
  h('label', { for: 'signin-password' }, t('signin.password'), password),
  submit);

  root.append(h('section', { class: 'signin', testid: 'screen-signin' },
    h('div', { class: 'card' },
      h('h1', {}, 'Axle'),
      h('p', { class: 'muted' }, t('signin.intro')),
      message ? h('div', { class: 'notice', testid: 'signin-message' }, message) : null,
      slot,
      form)));
  username.focus();
}
