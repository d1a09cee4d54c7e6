// Shared helpers of the Quanzu side panel: API calls, DOM building, copying, formatting.
// Plain ES2020, no framework, no build step. Loaded before the page script (login/queue/case.js).
'use strict';

const UNAVAILABLE_TEXT = '助手暂时不可用,请稍后重试';
const SAVE_FAILED_TEXT = '保存失败,请重试';

class ApiError extends Error {
  constructor(status, message, errors = {}) {
    super(message);
    this.status = status; // 0 means the request never reached the server
    this.errors = errors; // per-field reasons of a 422
  }

  // Network failure or server-side trouble: worth retrying, nothing the officer did wrong.
  get unavailable() {
    return this.status === 0 || this.status >= 500;
  }
}

function detailText(data, status) {
  const detail = data && data.detail;
  if (typeof detail === 'string' && detail) return detail;
  if (Array.isArray(detail)) {
    const text = detail.map((item) => item && item.msg).filter(Boolean).join(';');
    if (text) return text;
  }
  return status >= 500 ? UNAVAILABLE_TEXT : `请求失败(${status})`;
}

// JSON call to the panel API. Throws ApiError; on 401 goes to the login page instead
// (and never settles, so callers do not flash an error while the page unloads).
async function api(path, { method = 'GET', body, redirectOn401 = true } = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, UNAVAILABLE_TEXT);
  }
  if (response.status === 401 && redirectOn401) {
    window.location.assign('/login');
    return new Promise(() => {});
  }
  let data = null;
  if (response.status !== 204) {
    try {
      data = await response.json();
    } catch {
      data = null; // an HTML error page from a proxy, for instance
    }
  }
  if (!response.ok) {
    const errors = data && typeof data.errors === 'object' && data.errors ? data.errors : {};
    throw new ApiError(response.status, detailText(data, response.status), errors);
  }
  return data;
}

// h('p', {class: 'x', testid: 'y', onclick: fn}, 'text', child): text is never parsed as HTML.
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'testid') el.dataset.testid = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  el.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return el;
}

const byTestId = (id, root = document) => root.querySelector(`[data-testid="${id}"]`);

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API needs a secure context; fall back to the old way (keeps focus where it was).
    const focused = document.activeElement;
    const area = h('textarea', { readonly: true, class: 'offscreen', 'aria-hidden': 'true' });
    area.value = text;
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    if (focused && focused.focus) focused.focus();
    return ok;
  }
}

// Copy and say so on the button for a moment.
async function copyWithFeedback(text, button) {
  if (!text) return;
  const ok = await copyText(text);
  if (!button) return;
  if (!button.dataset.label) button.dataset.label = button.textContent;
  button.textContent = ok ? '已复制' : '复制失败';
  button.classList.toggle('is-done', ok);
  clearTimeout(button.copyTimer);
  button.copyTimer = setTimeout(() => {
    button.textContent = button.dataset.label;
    button.classList.remove('is-done');
  }, 1500);
}

// Any button with data-copy="<element id>" copies that element's text.
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-copy]');
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (source) copyWithFeedback(source.textContent.trim(), button);
});

// 80000 → "8万元", 2500 → "2,500元" (as assistant/domain/amounts.py formats them).
function formatYuan(value) {
  if (value === null || value === undefined || value === '') return '未知';
  const number = Number(value);
  if (!Number.isFinite(number)) return String(value);
  const trim = (x) => x.toFixed(2).replace(/\.?0+$/, '');
  if (number >= 1e8 && number % 1e6 === 0) return `${trim(number / 1e8)}亿元`;
  if (number >= 1e4 && number % 100 === 0) return `${trim(number / 1e4)}万元`;
  return `${number.toLocaleString('en-US')}元`;
}

const pad2 = (n) => String(n).padStart(2, '0');

function formatDateTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso || '';
  const today = new Date();
  const time = `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
  if (date.toDateString() === today.toDateString()) return `今天 ${time}`;
  const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
  if (date.toDateString() === tomorrow.toDateString()) return `明天 ${time}`;
  const day = `${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
  return date.getFullYear() === today.getFullYear() ? `${day} ${time}` : `${date.getFullYear()}-${day}`;
}

// "刚刚", "12分钟前", "3小时前", "2天前".
function ageText(iso, now = Date.now()) {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return '';
  const minutes = Math.floor((now - then) / 60000);
  if (minutes < -1) return formatDateTime(iso); // clock skew or a future timestamp
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes}分钟前`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}小时前`;
  return `${Math.floor(hours / 24)}天前`;
}

function riskText(label, level) {
  const text = label || { high: '高', medium: '中', low: '低' }[level] || level || '';
  return text.length === 1 ? `${text}风险` : text;
}

function riskBadge(alert) {
  const level = ['high', 'medium', 'low'].includes(alert.risk_level) ? alert.risk_level : 'unknown';
  return h('span', { class: `badge risk-${level}` }, riskText(alert.risk_label, alert.risk_level));
}

// The logout button (queue page header).
document.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-testid="logout-button"]');
  if (!button) return;
  button.disabled = true;
  try {
    await api('/api/logout', { method: 'POST', redirectOn401: false });
  } catch {
    // Signed out or not: the login page is where the officer goes next either way.
  }
  window.location.assign('/login');
});
