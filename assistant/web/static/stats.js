// Supervisors' dashboard: headline figures, daily trend, breakdowns, stop-payment times, officers, CSV.
// Charts are drawn by Chart.js (served by the panel itself from /vendor); without it the tables still show.
'use strict';

(() => {
  const COLORS = { navy: '#12355b', blue: '#1558b0', green: '#2e7d32', orange: '#ef6c00', grey: '#8a8f96' };
  const PERIODS = ['today', 'week', 'month', '30d', '90d'];
  const charts = {};
  const hasCharts = typeof window.Chart !== 'undefined';
  const errorLine = byTestId('stats-error');
  const csvLink = byTestId('csv-download');
  const csvGrouping = byTestId('csv-grouping');
  const sinceInput = byTestId('range-since');
  const untilInput = byTestId('range-until');
  let current = new URLSearchParams(window.location.search);
  if (![...current.keys()].length) current = new URLSearchParams({ period: '30d' });

  if (hasCharts) {
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.animation = false;
    Chart.defaults.maintainAspectRatio = false;
  } else {
    byTestId('charts-missing').hidden = false;
    document.querySelectorAll('.chart-box').forEach((box) => { box.hidden = true; });
  }

  // ---- formatting -------------------------------------------------------------------------
  const count = (n) => (n === null || n === undefined ? '—' : Number(n).toLocaleString('en-US'));
  const rate = (r) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);
  const yuan = (n) => (n ? formatYuan(n) : '0');
  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '—';
    if (seconds < 60) return `${Math.round(seconds)}秒`;
    if (seconds < 3600) return `${(seconds / 60).toFixed(1)}分钟`;
    return `${(seconds / 3600).toFixed(1)}小时`;
  }
  const dissuaded = (f) => f.outcomes.dissuaded + f.outcomes.partly_dissuaded;
  // A time the dashboard did not ask for is null: shown as "—".
  const median = (timing) => (timing ? timing.median : null);
  const p90 = (timing) => (timing ? timing.p90 : null);

  // The figures a supervisor reads first, in the order of the headline table.
  const HEADLINE = [
    ['预警接收', (f) => count(f.alerts_received)],
    ['已处置', (f) => count(f.alerts_handled)],
    ['劝阻次数', (f) => count(f.interventions)],
    ['劝阻成功(含部分)', (f) => count(dissuaded(f))],
    ['劝阻成功率', (f) => rate(f.dissuasion_rate)],
    ['挽损金额', (f) => yuan(f.amount_saved)],
    ['止付申请', (f) => count(f.stop_payments)],
    ['止付金额', (f) => yuan(f.stop_payment_amount)],
    ['冻结账户', (f) => count(f.accounts_frozen)],
    ['冻结金额', (f) => yuan(f.amount_frozen)],
    ['转派出所', (f) => count(f.escalations)],
    ['回访到期 / 逾期', (f) => `${count(f.follow_ups_due)} / ${count(f.follow_ups_overdue)}`],
    ['重复受害人', (f) => count(f.repeat_victims)],
    ['转账→止付 中位', (f) => duration(median(f.stop_payment_seconds))],
    ['预警→首次联系 中位', (f) => duration(median(f.first_contact_seconds))],
  ];

  function table(element, headings, rows) {
    element.replaceChildren(
      h('thead', {}, h('tr', {}, ...headings.map((heading, index) => h('th', { scope: 'col', class: index ? 'num' : null }, heading)))),
      h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((cell, index) => (index
        ? h('td', { class: 'num' }, cell)
        : h('th', { scope: 'row' }, cell)))))));
  }

  function showEmpty(name, empty) {
    const note = document.querySelector(`[data-empty="${name}"]`);
    if (note) note.hidden = !empty;
    const box = document.querySelector(`[data-chart="${name}"]`);
    if (box) box.hidden = empty || !hasCharts;
  }

  function draw(name, canvasId, config) {
    if (!hasCharts) return;
    if (charts[name]) charts[name].destroy();
    charts[name] = new Chart(document.getElementById(canvasId), config);
  }

  // ---- sections ---------------------------------------------------------------------------
  function renderHeadline(headline) {
    document.getElementById('headline-body').replaceChildren(
      ...HEADLINE.map(([label, value]) => h('tr', {}, h('th', { scope: 'row' }, label),
        ...headline.map((figures) => h('td', { class: 'num', dataset: { period: figures.period.name } }, value(figures))))));
  }

  function renderPeriodFigures(total, empty) {
    const items = [
      ...HEADLINE,
      ['止付用时 P90', (f) => duration(p90(f.stop_payment_seconds))],
      ['首次联系 P90', (f) => duration(p90(f.first_contact_seconds))],
      ['通话时长 中位 / P90', (f) => `${duration(median(f.call_seconds))} / ${duration(p90(f.call_seconds))}`],
      ['未接通 / 误报', (f) => `${count(f.outcomes.unreachable)} / ${count(f.outcomes.false_alarm)}`],
    ];
    const list = h('dl', { class: 'figure-list' }, ...items.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value(total))]));
    document.getElementById('period-figures').replaceChildren(
      ...(empty ? [h('p', { class: 'muted', testid: 'period-empty' }, '该时段没有记录')] : []), list);
  }

  function renderTrend(trend) {
    const empty = !trend.some((day) => day.alerts_received || day.interventions || day.stop_payments);
    showEmpty('trend', empty);
    if (empty) return;
    draw('trend', 'trend-chart', {
      data: {
        labels: trend.map((day) => day.day.slice(5)),
        datasets: [
          { type: 'bar', label: '预警', data: trend.map((day) => day.alerts_received), backgroundColor: '#9fb8dc', order: 2 },
          { type: 'line', label: '劝阻次数', data: trend.map((day) => day.interventions), borderColor: COLORS.navy,
            backgroundColor: COLORS.navy, pointRadius: 2, order: 1 },
          { type: 'line', label: '劝阻成功', data: trend.map((day) => day.dissuaded), borderColor: COLORS.green,
            backgroundColor: COLORS.green, pointRadius: 2, order: 0 },
        ],
      },
      options: { plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }

  function renderFraudTypes(rows) {
    showEmpty('fraud', !rows.length);
    document.getElementById('fraud-table').hidden = !rows.length;
    if (!rows.length) return;
    table(document.getElementById('fraud-table'), ['类型', '预警', '劝阻', '成功率', '挽损', '止付'],
      rows.map((row) => [row.label, count(row.alerts_received), count(row.interventions), rate(row.dissuasion_rate),
        yuan(row.amount_saved), count(row.stop_payments)]));
    const shown = rows.filter((row) => row.key !== null);
    draw('fraud', 'fraud-chart', {
      type: 'bar',
      data: { labels: shown.map((row) => row.label),
        datasets: [{ label: '预警', data: shown.map((row) => row.alerts_received), backgroundColor: COLORS.blue }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }

  function renderDelays(times) {
    const total = times.buckets.reduce((sum, bucket) => sum + bucket.requests, 0);
    byTestId('delay-summary').textContent = total
      ? `中位 ${duration(times.median)} · P90 ${duration(times.p90)} · 共 ${count(times.count)} 笔`
      : '';
    showEmpty('delay', !total);
    if (!total) return;
    draw('delay', 'delay-chart', {
      type: 'bar',
      data: { labels: times.buckets.map((bucket) => bucket.label),
        datasets: [{ label: '止付申请', data: times.buckets.map((bucket) => bucket.requests),
          backgroundColor: times.buckets.map((_bucket, index) => (index < 3 ? COLORS.green : index < 5 ? COLORS.orange : '#c62828')) }] },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }

  function renderStations(rows) {
    showEmpty('station', !rows.length);
    document.getElementById('station-table').hidden = !rows.length;
    if (!rows.length) return;
    table(document.getElementById('station-table'), ['派出所', '预警', '劝阻', '成功率', '挽损', '止付', '上报'],
      rows.map((row) => [row.label, count(row.alerts_received), count(row.interventions), rate(row.dissuasion_rate),
        yuan(row.amount_saved), count(row.stop_payments), count(row.escalations)]));
  }

  function renderOfficers(rows) {
    showEmpty('officers', !rows.length);
    document.getElementById('officers-table').hidden = !rows.length;
    if (!rows.length) return;
    table(document.getElementById('officers-table'),
      ['民警', '预警', '劝阻', '成功', '成功率', '挽损', '止付', '首次联系中位', '通话中位', '逾期回访'],
      rows.map((row) => [row.key ? row.label : '未处置预警', count(row.alerts_received), count(row.interventions), count(dissuaded(row)),
        rate(row.dissuasion_rate), yuan(row.amount_saved), count(row.stop_payments),
        duration(median(row.first_contact_seconds)), duration(median(row.call_seconds)), count(row.follow_ups_overdue)]));
  }

  // ---- period, loading, CSV ---------------------------------------------------------------
  function updateControls(period) {
    const named = current.get('period');
    document.querySelectorAll('[data-period]').forEach((button) => {
      button.setAttribute('aria-pressed', String(button.dataset.period === named));
    });
    sinceInput.value = period.since;
    untilInput.value = period.until;
    byTestId('period-label').textContent = `${period.label}:${period.since} 至 ${period.until}`;
    updateCsvLink();
  }

  function updateCsvLink() {
    const query = new URLSearchParams(current);
    query.set('by', csvGrouping.value);
    csvLink.href = `/api/stats/report.csv?${query}`;
  }

  async function load() {
    errorLine.hidden = true;
    try {
      const data = await api(`/api/stats/dashboard?${current}`);
      document.getElementById('generated-at').textContent = `更新于 ${formatDateTime(data.generated_at)}`;
      renderHeadline(data.headline);
      renderPeriodFigures(data.total, data.empty);
      renderTrend(data.trend);
      renderFraudTypes(data.by_fraud_type);
      renderDelays(data.stop_payment_times);
      renderStations(data.by_station);
      renderOfficers(data.officers);
      updateControls(data.period);
      document.body.dataset.loaded = current.toString();
    } catch (failure) {
      errorLine.textContent = `统计加载失败:${failure.message}`;
      errorLine.hidden = false;
    }
  }

  function choose(query) {
    current = query;
    window.history.replaceState(null, '', `/stats?${current}`);
    load();
  }

  document.querySelector('[data-testid="period-switch"]').addEventListener('click', (event) => {
    const button = event.target.closest('[data-period]');
    if (button && PERIODS.includes(button.dataset.period)) choose(new URLSearchParams({ period: button.dataset.period }));
  });
  document.getElementById('range-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!sinceInput.value || !untilInput.value) {
      errorLine.textContent = '请选择开始和结束日期';
      errorLine.hidden = false;
      return;
    }
    choose(new URLSearchParams({ since: sinceInput.value, until: untilInput.value }));
  });
  csvGrouping.addEventListener('change', updateCsvLink);
  updateCsvLink();
  load();
})();
