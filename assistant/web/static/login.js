// Login page: POST /api/login as JSON, then go to the queue.
'use strict';

(() => {
  const form = document.getElementById('login-form');
  const username = byTestId('login-username');
  const password = byTestId('login-password');
  const submit = byTestId('login-submit');
  const error = byTestId('login-error');

  const showError = (text, field) => {
    error.textContent = text;
    error.hidden = false;
    if (field) field.focus();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    if (!username.value.trim()) return showError('请输入用户名', username);
    if (!password.value) return showError('请输入密码', password);
    submit.disabled = true;
    submit.textContent = '正在登录…';
    try {
      await api('/api/login', {
        method: 'POST',
        body: { username: username.value.trim(), password: password.value },
        redirectOn401: false,
      });
      window.location.assign('/');
      return;
    } catch (failure) {
      if (failure.status === 401) showError('用户名或密码错误', password);
      else if (failure.status === 0) showError('无法连接服务器,请稍后重试');
      else showError(failure.message);
      password.select();
    }
    submit.disabled = false;
    submit.textContent = '登录';
  });
})();
