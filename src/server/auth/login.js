// The login page's script (a file of its own: the CSP allows no inline script). Posts JSON to
// /app-api/login and, on success, goes to ?next= when it is a same-origin path, else to /.
'use strict';

function safeNext(next) {
  if (typeof next !== 'string' || next.charAt(0) !== '/' || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  return /[\u0000-\u001f\u007f\\]/.test(next) ? '/' : next;
}

function messageFor(status, body) {
  if (status === 401) return 'Wrong user name or password.';
  if (body && typeof body.detail === 'string') return body.detail;
  return 'Logging in failed (HTTP ' + status + '). Try again.';
}

document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const error = document.getElementById('error');
  const button = form.querySelector('button');
  const name = form.elements.name.value.trim();
  const password = form.elements.password.value;
  if (!name || !password) {
    error.textContent = 'Enter your user name and password.';
    return;
  }
  button.disabled = true;
  error.textContent = '';
  try {
    const res = await fetch('/app-api/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ name, password }),
      credentials: 'same-origin',
    });
    if (res.ok) {
      window.location.assign(safeNext(new URLSearchParams(window.location.search).get('next')));
      return;
    }
    const body = await res.json().catch(() => null);
    error.textContent = messageFor(res.status, body);
  } catch {
    error.textContent = 'No answer from the console server. Check your connection and try again.';
  }
  button.disabled = false;
});
