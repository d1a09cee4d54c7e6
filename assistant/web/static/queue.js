// Queue page: open alerts and due follow-ups (refreshed every 30 s), and "open by id".
'use strict';

(() => {
  const REFRESH_MS = 30000;
  const alertList = document.getElementById('alert-list');
  const followUpList = document.getElementById('followup-list');
  const status = document.getElementById('refresh-status');
  const openForm = document.getElementById('open-case-form');
  const openInput = byTestId('open-case-input');
  const openError = byTestId('open-case-error');
  let lastQueue = null;

  const caseUrl = (caseId) => `/cases/${encodeURIComponent(caseId)}`;

  function alertItem(alert) {
    return h('li', {},
      h('a', { class: 'item', href: caseUrl(alert.case_id), testid: 'queue-item', dataset: { caseId: alert.case_id } },
        h('div', { class: 'item-row' },
          riskBadge(alert),
          h('strong', { class: 'item-name' }, alert.address_form || '(未知)'),
          alert.repeat_victim ? h('span', { class: 'badge repeat', title: '此人此前另有预警' }, '⚠ 重复受害') : null,
          h('span', { class: 'item-age', title: formatDateTime(alert.received_at) }, ageText(alert.received_at))),
        h('div', { class: 'item-row sub' },
          h('span', { class: 'fraud' }, alert.fraud_type_label || '类型未明'),
          h('span', { class: 'amount' }, alert.amount_at_risk ? formatYuan(alert.amount_at_risk) : '金额未知'),
          h('span', { class: 'station' }, alert.police_station || ''))));
  }

  function followUpItem(item) {
    const overdue = new Date(item.due_at).getTime() <= Date.now();
    return h('li', {},
      h('a', { class: 'item', href: caseUrl(item.case_id), testid: 'follow-up-item', dataset: { caseId: item.case_id } },
        h('div', { class: 'item-row' },
          h('strong', { class: 'item-name' }, item.address_form || item.case_id),
          h('span', { class: overdue ? 'due overdue' : 'due' }, overdue ? '已到期' : `${formatDateTime(item.due_at)} 到期`)),
        h('div', { class: 'item-row sub' }, item.reason || '回访')));
  }

  function render(queue) {
    // Keep the keyboard focus on the same case across refreshes.
    const focused = document.activeElement && document.activeElement.closest('.item');
    const focusKey = focused ? `${focused.dataset.testid}:${focused.dataset.caseId}` : null;

    const alerts = queue.alerts || [];
    const followUps = queue.follow_ups || [];
    alertList.replaceChildren(...(alerts.length ? alerts.map(alertItem) : [h('li', { class: 'muted placeholder' }, '暂无待处理预警')]));
    followUpList.replaceChildren(...(followUps.length ? followUps.map(followUpItem) : [h('li', { class: 'muted placeholder' }, '暂无到期回访')]));
    document.getElementById('alert-count').textContent = alerts.length ? `(${alerts.length})` : '';
    document.getElementById('followup-count').textContent = followUps.length ? `(${followUps.length})` : '';

    if (focusKey) {
      const [testid, caseId] = focusKey.split(':');
      const again = [...document.querySelectorAll(`[data-testid="${testid}"]`)].find((el) => el.dataset.caseId === caseId);
      if (again) again.focus();
    }
  }

  async function refresh() {
    try {
      lastQueue = await api('/api/queue');
      render(lastQueue);
      const now = new Date();
      status.textContent = `更新于 ${pad2(now.getHours())}:${pad2(now.getMinutes())}:${pad2(now.getSeconds())}`;
      status.classList.remove('error');
    } catch (failure) {
      // Keep showing the last list; say that it may be stale.
      status.textContent = lastQueue ? `刷新失败,显示的是旧数据:${failure.message}` : `加载失败:${failure.message}`;
      status.classList.add('error');
      if (!lastQueue) alertList.replaceChildren(h('li', { class: 'muted placeholder' }, '队列暂时无法加载,30秒后自动重试'));
    }
  }

  openForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const raw = openInput.value.trim().toUpperCase();
    openError.hidden = true;
    if (!raw) {
      openError.textContent = '请输入案件编号';
      openError.hidden = false;
      return;
    }
    try {
      const found = await api(`/api/cases/${encodeURIComponent(raw)}`);
      window.location.assign(caseUrl(found.case_id || raw));
    } catch (failure) {
      openError.textContent = failure.message;
      openError.hidden = false;
      openInput.select();
    }
  });
  openInput.addEventListener('input', () => { openError.hidden = true; });

  // Keyboard: "/" focuses the id box, arrows move between items, Enter opens (native link).
  document.addEventListener('keydown', (event) => {
    const inField = event.target.matches('input, textarea, select');
    if (event.key === '/' && !inField) {
      event.preventDefault();
      openInput.focus();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const items = [...document.querySelectorAll('.item')];
    if (!items.length) return;
    const index = items.indexOf(event.target.closest('.item'));
    let next;
    if (index < 0) next = event.key === 'ArrowDown' && event.target === openInput ? 0 : -1;
    else next = index + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0 && index === 0) {
      event.preventDefault();
      openInput.focus();
    } else if (next >= 0 && next < items.length) {
      event.preventDefault();
      items[next].focus();
    }
  });

  refresh();
  setInterval(refresh, REFRESH_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') refresh();
  });
})();
